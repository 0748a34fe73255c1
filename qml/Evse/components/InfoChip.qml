import QtQuick
import QtQuick.Layouts
import Evse

// A short explanatory note with an icon, e.g. why the power is limited. Wraps to a
// second line when the (translated) note is long.
Rectangle {
    id: chip

    required property string text
    property string iconName: "info-line"
    property color textColor: Theme.textWarning

    border.color: Theme.border
    border.width: Theme.borderWidth
    color: Theme.background
    implicitHeight: Math.max(Theme.chipHeight, label.implicitHeight + 2 * Theme.spacingXs)
    implicitWidth: Theme.iconS + Math.ceil(label.implicitWidth) + Theme.spacingS + 2 * Theme.spacingM + Theme.borderWidth
    radius: Theme.radiusM

    RowLayout {
        anchors.fill: parent
        anchors.leftMargin: Theme.spacingM
        anchors.rightMargin: Theme.spacingM
        spacing: Theme.spacingS

        Icon {
            name: chip.iconName
            size: Theme.iconS
        }
        KioskText {
            id: label

            Layout.fillWidth: true
            color: chip.textColor
            elide: Text.ElideNone
            font.pixelSize: Theme.fontCaption
            font.weight: Font.Medium
            maximumLineCount: Theme.largeText ? 3 : 2  // larger text: a line more, not a cut
            text: chip.text
            wrapMode: Text.WordWrap
        }
    }
}
