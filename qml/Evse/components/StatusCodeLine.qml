import QtQuick
import QtQuick.Layouts
import Evse

// "Status code 012251 · Emergency stop" with a warning sign; hidden without a code.
RowLayout {
    id: line

    required property string code
    required property string meaning

    spacing: Theme.spacingS
    visible: code !== ""

    Icon {
        Layout.alignment: Qt.AlignTop
        name: "warning"
        size: Theme.iconS
    }
    KioskText {
        Layout.fillWidth: true
        color: Theme.textWarning
        elide: Text.ElideNone
        font.features: Theme.tabular
        font.weight: Font.DemiBold
        maximumLineCount: Theme.largeText ? 3 : 2  // larger text: a line more, not a cut
        text: line.meaning !== "" ? qsTr("Status code %1 · %2").arg(line.code).arg(line.meaning) : qsTr("Status code %1").arg(line.code)
        verticalAlignment: Text.AlignTop
        wrapMode: Text.WordWrap
    }
}
