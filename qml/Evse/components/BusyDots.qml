pragma ComponentBehavior: Bound

import QtQuick
import Evse

// Busy, with no end in sight: three dots that fade in turn (no ring, no bar: nothing
// reads as a percentage). Still when motion is off.
Row {
    id: dots

    spacing: Theme.busyDotSpacing

    Repeater {
        model: 3

        delegate: Rectangle {
            id: dot

            required property int index

            color: Theme.accent
            height: Theme.busyDotSize
            radius: height / 2
            width: Theme.busyDotSize

            SequentialAnimation on opacity {
                loops: Animation.Infinite
                running: dots.visible && Theme.motion

                PauseAnimation {
                    duration: dot.index * Theme.busyDotDuration / 3
                }
                NumberAnimation {
                    duration: Theme.busyDotDuration / 3
                    from: 1
                    to: Theme.blinkOpacity
                }
                NumberAnimation {
                    duration: Theme.busyDotDuration / 3
                    from: Theme.blinkOpacity
                    to: 1
                }
                PauseAnimation {
                    duration: (2 - dot.index) * Theme.busyDotDuration / 3
                }
            }
        }
    }
}
