import QtQuick
import Evse

// Over everything while the display is not awake (controller.display_power): what the
// panel presents (the glance of a running session, the attract screen, or black; "normal":
// the screen below, only the backlight is lower), and an input catcher that takes every
// press and every touch point, so that the first touch only wakes (Kiosk.wakeDisplay) and
// never reaches a control beneath, Stop included.
Item {
    id: layer

    GlanceView {
        anchors.fill: parent
        visible: Kiosk.displayLook === "glance"
    }
    AttractView {
        anchors.fill: parent
        visible: Kiosk.displayLook === "attract"
    }
    Rectangle {
        anchors.fill: parent
        color: Theme.sleepBackground
        visible: Kiosk.displayLook === "blank"
    }
    MultiPointTouchArea {
        anchors.fill: parent
        maximumTouchPoints: 10
        mouseEnabled: true

        onPressed: Kiosk.wakeDisplay()
    }
}
