import QtQuick
import QtQuick.Layouts
import Evse

// A labelled live value, e.g. "Voltage" / "398 V". Hidden while the value is empty.
ColumnLayout {
    id: tile

    required property string label
    required property string value
    property int pixelSize: Theme.fontMetric

    spacing: 0
    visible: value !== ""

    KioskText {
        Layout.fillWidth: true
        color: Theme.textSecondary
        font.pixelSize: Theme.fontCaption
        text: tile.label
    }
    FitText {
        Layout.fillWidth: true
        Layout.preferredHeight: tile.pixelSize * Theme.lineHeight
        font.features: Theme.tabular
        font.pixelSize: tile.pixelSize
        font.weight: Font.DemiBold
        text: tile.value
    }
}
