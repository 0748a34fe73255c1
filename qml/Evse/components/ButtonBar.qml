import QtQuick
import QtQuick.Layouts
import Evse

// Bottom bar: the meaning of the left and right physical buttons, each drawn above
// its button at the matching edge of the screen. Empty text hides a hint. On Home,
// where the left button has nothing to do, the driver's buttons take its place: language,
// high contrast, larger text, and the voice that reads the screen (shown when the kiosk has
// one; while it speaks, the same button stops it). In larger text the high-contrast button
// shows its icon only, to leave the row's width to the larger words.
Item {
    id: bar

    signal languagesRequested

    implicitHeight: Theme.buttonBarHeight

    ButtonHint {
        anchors.left: parent.left
        anchors.leftMargin: Theme.marginScreen
        anchors.verticalCenter: parent.verticalCenter
        text: Kiosk.leftButtonText
        width: Math.min(implicitWidth, bar.width / 2 - Theme.marginScreen - Theme.spacingS)

        onActivated: Kiosk.pressLeft()
    }
    RowLayout {
        anchors.left: parent.left
        anchors.leftMargin: Theme.marginScreen
        anchors.verticalCenter: parent.verticalCenter
        spacing: Theme.spacingS
        visible: Kiosk.preferencesVisible
        width: Math.min(implicitWidth, bar.width - right.width - 2 * Theme.marginScreen - Theme.spacingM)

        PreferenceButton {
            Layout.fillWidth: true
            Layout.maximumWidth: implicitWidth
            fontFamily: Kiosk.fontFamily
            iconName: "language"
            text: Kiosk.languageName

            onClicked: bar.languagesRequested()
        }
        PreferenceButton {
            Layout.fillWidth: true
            Layout.maximumWidth: implicitWidth
            accessibleName: Kiosk.highContrast ? qsTr("High contrast: on") : qsTr("High contrast: off")
            active: Kiosk.highContrast
            iconName: "contrast"
            // In larger text the icon alone, like the larger-text button beside it (its frame says on or off)
            text: Theme.largeText ? "" : accessibleName

            onClicked: Kiosk.setHighContrast(!Kiosk.highContrast)
        }
        PreferenceButton {
            objectName: "largeTextButton"
            accessibleName: Kiosk.largeText ? qsTr("Larger text: on") : qsTr("Larger text: off")
            active: Kiosk.largeText
            iconName: "text-size"
            text: ""

            onClicked: Kiosk.setLargeText(!Kiosk.largeText)
        }
        PreferenceButton {
            objectName: "readAloudButton"
            accessibleName: Kiosk.speaking ? qsTr("Stop reading aloud") : qsTr("Read aloud")
            active: Kiosk.speaking
            iconName: Kiosk.speaking ? "speaking" : "read-aloud"
            text: ""
            visible: Kiosk.voiceAvailable

            onClicked: Kiosk.readAloud()
        }
    }
    // The Status screen, where the left button has nothing to do: who to call, in up to two lines.
    ContactLine {
        anchors.left: parent.left
        anchors.leftMargin: Theme.marginScreen
        anchors.verticalCenter: parent.verticalCenter
        lines: 2
        visible: Kiosk.screen === Kiosk.Screen.Status && Kiosk.leftButtonText === "" && full !== ""
        width: bar.width - (right.visible ? right.width : 0) - 2 * Theme.marginScreen - Theme.spacingM
    }
    ButtonHint {
        id: right

        anchors.right: parent.right
        anchors.rightMargin: Theme.marginScreen
        anchors.verticalCenter: parent.verticalCenter
        text: Kiosk.rightButtonText
        width: Math.min(implicitWidth, bar.width / 2 - Theme.marginScreen - Theme.spacingS)

        onActivated: Kiosk.pressRight()
    }
}
