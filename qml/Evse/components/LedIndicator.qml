import QtQuick
import Evse

// The connector's LED as a dot in its colour; blinks like the LED does. Always shown
// next to the state word, never on its own.
Rectangle {
    id: led

    required property string ledColour
    required property bool blinking

    border.color: Theme.textSecondary
    border.width: Math.max(1, Theme.borderWidth / 2)
    color: Theme.ledColor(ledColour)
    implicitHeight: Theme.ledSize
    implicitWidth: Theme.ledSize
    radius: width / 2

    SequentialAnimation on opacity {
        loops: Animation.Infinite
        running: led.blinking && led.visible && Theme.motion

        onRunningChanged: {
            if (!running)
                led.opacity = 1;
        }

        NumberAnimation {
            duration: Theme.blinkDuration
            to: Theme.blinkOpacity
        }
        NumberAnimation {
            duration: Theme.blinkDuration
            to: 1
        }
    }
}
