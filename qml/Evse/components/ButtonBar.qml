import QtQuick
import Evse

// Bottom bar: the meaning of the left and right physical buttons, each drawn above
// its button at the matching edge of the screen. Empty text hides a hint.
Item {
    id: bar

    implicitHeight: Theme.buttonBarHeight

    ButtonHint {
        anchors.left: parent.left
        anchors.leftMargin: Theme.marginScreen
        anchors.verticalCenter: parent.verticalCenter
        text: Kiosk.leftButtonText
        width: Math.min(implicitWidth, bar.width / 2 - Theme.marginScreen - Theme.spacingS)

        onActivated: Kiosk.pressLeft()
    }
    ButtonHint {
        anchors.right: parent.right
        anchors.rightMargin: Theme.marginScreen
        anchors.verticalCenter: parent.verticalCenter
        text: Kiosk.rightButtonText
        width: Math.min(implicitWidth, bar.width / 2 - Theme.marginScreen - Theme.spacingS)

        onActivated: Kiosk.pressRight()
    }
}
