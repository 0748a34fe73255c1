pragma ComponentBehavior: Bound

import QtQuick
import Evse

// The driver kiosk: header, the screen Kiosk.screen names, the physical buttons'
// meaning, and a transient notice over everything.
Window {
    id: root

    // A function rather than a map property: it also works for the very first binding
    // evaluation, before the components below exist as property values.
    function screenComponent(screen: int): Component {
        switch (screen) {
        case Kiosk.Screen.Initializing:
            return initializingScreen;
        case Kiosk.Screen.Home:
            return homeScreen;
        case Kiosk.Screen.Plugin:
            return plugInScreen;
        case Kiosk.Screen.Preparing:
            return preparingScreen;
        case Kiosk.Screen.Charging:
            return chargingScreen;
        case Kiosk.Screen.Summary:
            return summaryScreen;
        case Kiosk.Screen.Status:
            return statusScreen;
        case Kiosk.Screen.OutOfService:
            return outOfServiceScreen;
        case Kiosk.Screen.EngineerPin:
            return engineerPinScreen;
        case Kiosk.Screen.Engineer:
            return engineerScreen;
        }
        return null;
    }

    color: Theme.background
    height: Theme.designHeight
    minimumHeight: Theme.minimumHeight
    minimumWidth: Theme.minimumWidth
    title: qsTr("EV charger")
    visible: true
    width: Theme.designWidth

    Binding {
        property: "scale"
        target: Theme
        value: Math.min(root.width / Theme.designWidth, root.height / Theme.designHeight)
    }
    Header {
        id: header

        anchors.left: parent.left
        anchors.right: parent.right
        anchors.top: parent.top
        opacity: notice.visible ? 0 : 1
    }
    // One loader per screen: a screen is created the first time it is shown and then
    // kept, so switching screens (a button press) only flips visibility.
    Item {
        id: screenArea

        anchors.bottom: buttonBar.top
        anchors.left: parent.left
        anchors.right: parent.right
        anchors.top: header.bottom

        Repeater {
            model: Kiosk.screens

            delegate: Loader {
                id: screenLoader

                required property int modelData
                readonly property bool current: Kiosk.screen === modelData
                property bool used: false

                active: current || used
                anchors.fill: parent
                sourceComponent: root.screenComponent(modelData)
                visible: current

                onCurrentChanged: {
                    if (!current)
                        return;
                    used = true;
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

        onLanguagesRequested: languagePicker.open = true
    }
    LanguagePicker {
        id: languagePicker

        anchors.fill: parent
    }
    NoticeBanner {
        id: notice

        // Covers the header (identity, clock) rather than the screen's content.
        anchors.left: parent.left
        anchors.leftMargin: Theme.spacingS
        anchors.right: parent.right
        anchors.rightMargin: Theme.spacingS
        anchors.top: parent.top
        anchors.topMargin: Theme.spacingXs
    }
    Component {
        id: engineerPinScreen

        EngineerPinScreen {}
    }
    Component {
        id: engineerScreen

        EngineerScreen {}
    }
    Component {
        id: initializingScreen

        InitializingScreen {}
    }
    Component {
        id: homeScreen

        HomeScreen {}
    }
    Component {
        id: plugInScreen

        PlugInScreen {}
    }
    Component {
        id: preparingScreen

        PreparingScreen {}
    }
    Component {
        id: chargingScreen

        ChargingScreen {}
    }
    Component {
        id: summaryScreen

        SummaryScreen {}
    }
    Component {
        id: statusScreen

        StatusScreen {}
    }
    Component {
        id: outOfServiceScreen

        OutOfServiceScreen {}
    }
}
