import QtQuick
import QtQuick.Layouts
import Evse

// Big seconds-left number inside a ring, with "seconds left" under it.
Item {
    id: countdown

    required property int seconds

    implicitHeight: Theme.countdownSize
    implicitWidth: Theme.countdownSize

    Ring {
        anchors.fill: parent
        value: 1
    }
    ColumnLayout {
        anchors.centerIn: parent
        spacing: 0
        width: parent.width - 4 * Theme.ringThickness

        FitText {
            Layout.fillWidth: true
            font.features: Theme.tabular
            font.pixelSize: Theme.fontDisplay
            font.weight: Font.Bold
            horizontalAlignment: Text.AlignHCenter
            text: countdown.seconds
        }
        FitText {
            Layout.fillWidth: true
            color: Theme.textSecondary
            font.pixelSize: Theme.fontCaption
            horizontalAlignment: Text.AlignHCenter
            text: qsTr("seconds left")
        }
    }
}
