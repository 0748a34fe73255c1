import QtQuick
import Evse

// Small outlined label, e.g. "Selected" on the focused connector.
Rectangle {
    id: tag

    required property string text
    property color textColor: Theme.textAccent

    border.color: textColor
    border.width: Theme.borderWidth
    color: Theme.transparent
    implicitHeight: label.implicitHeight + Theme.spacingXs * 2
    implicitWidth: label.implicitWidth + Theme.spacingM * 2
    radius: height / 2

    FitText {
        id: label

        anchors.centerIn: parent
        color: tag.textColor
        font.pixelSize: Theme.fontCaption
        font.weight: Font.DemiBold
        text: tag.text
        width: Math.min(implicitWidth, tag.width - Theme.spacingM * 2)
    }
}
