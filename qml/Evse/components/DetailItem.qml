import QtQuick
import QtQuick.Layouts
import Evse

// A labelled fact that may wrap, e.g. "Stop reason" / "Target charge level reached".
ColumnLayout {
    id: detail

    required property string label
    required property string value

    spacing: 0
    visible: value !== ""

    KioskText {
        Layout.fillWidth: true
        color: Theme.textSecondary
        font.pixelSize: Theme.fontCaption
        text: detail.label
    }
    KioskText {
        Layout.fillWidth: true
        elide: Text.ElideNone
        font.features: Theme.tabular
        font.pixelSize: Theme.fontBodyLarge
        font.weight: Font.DemiBold
        maximumLineCount: 2
        text: detail.value
        wrapMode: Text.WordWrap
    }
}
