import QtQuick
import QtQuick.Layouts
import Evse

// A labelled fact that may wrap, e.g. "Stop reason" / "Target charge level reached".
ColumnLayout {
    id: detail

    required property string label
    property int lines: 2  // the value wraps onto at most this many lines
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
        maximumLineCount: detail.lines
        text: detail.value
        wrapMode: Text.WordWrap
    }
}
