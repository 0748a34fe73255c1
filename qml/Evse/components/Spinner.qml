import QtQuick
import Evse

// Busy indicator: a quarter arc turning on a track.
Ring {
    id: spinner

    implicitHeight: Theme.stepIndicatorSize
    implicitWidth: Theme.stepIndicatorSize
    thickness: Theme.spinnerThickness
    value: 0.25

    RotationAnimator on rotation {
        duration: Theme.spinDuration
        from: 0
        loops: Animation.Infinite
        running: spinner.visible && Theme.motion
        to: 360
    }
}
