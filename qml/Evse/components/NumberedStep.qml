import QtQuick
import QtQuick.Layouts
import Evse

// One numbered instruction of the status screen.
RowLayout {
    id: step

    required property int number
    required property string text

    spacing: Theme.spacingM

    Rectangle {
        Layout.alignment: Qt.AlignTop
        border.color: Theme.textAccent
        border.width: Theme.borderWidth
        color: Theme.transparent
        implicitHeight: Theme.iconM
        implicitWidth: Theme.iconM
        radius: width / 2

        KioskText {
            anchors.centerIn: parent
            color: Theme.textAccent
            font.features: Theme.tabular
            font.weight: Font.Bold
            text: step.number
        }
    }
    KioskText {
        Layout.fillWidth: true
        Layout.topMargin: (Theme.iconM - Theme.fontBodyLarge * Theme.lineHeight) / 2
        elide: Text.ElideNone
        font.pixelSize: Theme.fontBodyLarge
        maximumLineCount: Theme.largeText ? 4 : 3  // larger text: a line more, not a cut
        text: step.text
        verticalAlignment: Text.AlignTop
        wrapMode: Text.WordWrap
    }
}
