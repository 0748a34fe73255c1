import QtQuick
import QtQuick.Layouts
import Evse

// One way to authorize (card, QR code, app). When not available it is dimmed,
// struck through and says so, so the difference never rests on colour alone (in larger
// text the strike-through and the panel's caption say it, without the second line).
RowLayout {
    id: method

    required property string iconName
    required property string label
    required property bool available

    spacing: Theme.spacingM

    Icon {
        name: method.iconName
        opacity: method.available ? 1 : Theme.disabledOpacity
        size: Theme.iconM
    }
    ColumnLayout {
        Layout.fillWidth: true
        spacing: 0

        FitText {
            Layout.fillWidth: true
            color: method.available ? Theme.textPrimary : Theme.textDisabled
            font.strikeout: !method.available
            font.weight: Font.DemiBold
            text: method.label
        }
        FitText {
            Layout.fillWidth: true
            color: Theme.textDisabled
            font.pixelSize: Theme.fontCaption
            text: qsTr("Not available")
            visible: !method.available && !Theme.largeText  // larger text: the strike-through and the caption say it
        }
    }
}
