pragma ComponentBehavior: Bound

import QtQuick
import Evse

// The driver kiosk: header, the screen Kiosk.screen names, the physical buttons'
// meaning, and a transient notice over everything.
Window {
    id: root

    // Set once the first frame is on screen (hmi/scene.py): Home, the screen that follows
    // the self-test, is then created in the background, so that the first frame waits for
    // nothing but itself and Home is ready when the self-test ends.
    property bool preload: false
    // Degrees clockwise the content is turned for a panel mounted rotated (0, 90, 180, 270).
    property int panelRotation: 0
    // The display is awake (controller.display_power). While it is not, nothing beneath the
    // input catcher takes input, not even a handler's passive grab: the first touch only wakes.
    readonly property bool awake: Kiosk.displayLevel === "awake"

    // The file of each screen. Screens are loaded by URL, not by type, so that this file
    // compiles without them: a screen's QML is compiled only when it is first needed.
    function screenFile(screen: int): string {
        switch (screen) {
        case Kiosk.Screen.Initializing:
            return "screens/InitializingScreen.qml";
        case Kiosk.Screen.Home:
            return "screens/HomeScreen.qml";
        case Kiosk.Screen.Plugin:
            return "screens/PlugInScreen.qml";
        case Kiosk.Screen.Preparing:
            return "screens/PreparingScreen.qml";
        case Kiosk.Screen.Charging:
            return "screens/ChargingScreen.qml";
        case Kiosk.Screen.Summary:
            return "screens/SummaryScreen.qml";
        case Kiosk.Screen.Status:
            return "screens/StatusScreen.qml";
        case Kiosk.Screen.StartFailed:
            return "screens/StartFailedScreen.qml";
        case Kiosk.Screen.OutOfService:
            return "screens/OutOfServiceScreen.qml";
        case Kiosk.Screen.EngineerPin:
            return "screens/EngineerPinScreen.qml";
        case Kiosk.Screen.Engineer:
            return "screens/EngineerScreen.qml";
        case Kiosk.Screen.Updating:
            return "screens/UpdatingScreen.qml";
        }
        return "";
    }

    color: Theme.background
    height: Theme.designHeight
    minimumHeight: Theme.minimumHeight
    minimumWidth: Theme.minimumWidth
    title: qsTr("EV charger")
    visible: true
    width: Theme.designWidth

    // Everything the driver sees, turned with the panel when it is mounted rotated
    // ([display].rotation, set before the window is shown): the screens are always laid out
    // landscape, and touch points reach them through the same turn, whatever the platform.
    Item {
        id: stage

        readonly property bool quarterTurn: root.panelRotation === 90 || root.panelRotation === 270

        anchors.centerIn: parent
        height: quarterTurn ? root.width : root.height
        rotation: root.panelRotation
        width: quarterTurn ? root.height : root.width

        Binding {
            property: "scale"
            target: Theme
            value: Math.min(stage.width / Theme.designWidth, stage.height / Theme.designHeight)
        }
        Header {
            id: header

            anchors.left: parent.left
            anchors.right: parent.right
            anchors.top: parent.top
            enabled: root.awake
            opacity: notice.shown ? 0 : 1
        }
        // One loader per screen: a screen is created when it is first shown (synchronously,
        // it is needed now) or preloaded (asynchronously), and then kept, so switching
        // screens (a button press) only flips visibility.
        Item {
            id: screenArea

            anchors.bottom: buttonBar.top
            anchors.left: parent.left
            anchors.right: parent.right
            anchors.top: header.bottom
            enabled: root.awake

            Repeater {
                model: Kiosk.screens

                delegate: Loader {
                    id: screenLoader

                    required property int modelData
                    readonly property bool current: Kiosk.screen === modelData
                    property bool kept: false  // shown once: stays loaded

                    active: current || kept || (root.preload && modelData === Kiosk.Screen.Home)
                    anchors.fill: parent
                    asynchronous: !current  // forces a preload in progress to complete when shown
                    source: root.screenFile(modelData)
                    visible: current

                    onCurrentChanged: {
                        if (!current)
                            return;
                        kept = true;
                        if (Theme.motion)
                            fadeIn.restart();
                    }

                    NumberAnimation {
                        id: fadeIn

                        duration: Theme.fadeDuration
                        from: 0
                        property: "opacity"
                        target: screenLoader.item
                        to: 1
                    }
                }
            }
        }
        ButtonBar {
            id: buttonBar

            anchors.bottom: parent.bottom
            anchors.left: parent.left
            anchors.right: parent.right
            enabled: root.awake

            // (by URL, like the screens: the first frame compiles without it)
            onLanguagesRequested: languagePicker.setSource("components/LanguagePicker.qml", {
                "open": true,
                "openedAtReturn": Kiosk.homeReturns
            })
        }
        // Made each time a driver asks for the languages: the first frame does without it.
        Loader {
            id: languagePicker

            anchors.fill: parent
            enabled: root.awake
        }
        // Made once the first frame is on screen (before any notice can come), or for the first
        // notice when nothing preloads (tests, scenarios).
        Loader {
            id: notice

            readonly property bool shown: (item as Item)?.visible ?? false

            // Covers the header (identity, clock) rather than the screen's content.
            active: root.preload || Kiosk.noticeText !== ""
            anchors.left: parent.left
            anchors.leftMargin: Theme.spacingS
            anchors.right: parent.right
            anchors.rightMargin: Theme.spacingS
            anchors.top: parent.top
            anchors.topMargin: Theme.spacingXs
            enabled: root.awake
            source: "components/NoticeBanner.qml"
        }
        // Display power (controller.display_power): while the display is dimmed, asleep or dark,
        // the glance, the attract screen or black, and the input catcher over everything (the
        // first touch only wakes). Made when the display first dims (the first frame does without
        // it), then kept and hidden: the touch that wakes the display must not destroy its catcher.
        Loader {
            readonly property bool dimmed: Kiosk.displayLevel !== "awake"
            property bool kept: false

            active: dimmed || kept
            anchors.fill: parent
            source: "components/DisplayPowerLayer.qml"
            visible: dimmed

            onDimmedChanged: {
                if (dimmed)
                    kept = true;
            }
        }
        // Any touch on the screen, on a control or beside one, tells the station a driver is there
        // (Kiosk.screenTouched, throttled). A passive grab: the touch still reaches what it hit.
        Item {
            anchors.fill: parent

            PointHandler {
                onActiveChanged: {
                    if (active)
                        Kiosk.screenTouched();
                }
            }
        }
    }
}
