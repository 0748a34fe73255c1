import QtQuick
import Evse

// Thin determinate progress bar; `value` is 0..1.
Rectangle {
    id: bar

    required property real value

    color: Theme.track
    implicitHeight: Theme.progressHeight
    implicitWidth: Theme.progressWidth
    radius: height / 2

    Rectangle {
        color: Theme.accent
        height: parent.height
        radius: parent.radius
        width: Math.max(height, parent.width * Math.min(1, Math.max(0, bar.value)))

        Behavior on width {
            enabled: Theme.motion

            NumberAnimation {
                duration: Theme.fadeDuration
            }
        }
    }
}
