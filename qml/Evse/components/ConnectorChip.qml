import QtQuick
import QtQuick.Layouts
import Evse

// Compact connector row: face icon, standard and side, state word. `emphasized`
// draws it highlighted (e.g. "plug this one in"); otherwise it is drawn subdued.
Rectangle {
    id: chip

    required property ConnectorViewModel connector
    required property bool emphasized

    border.color: emphasized ? Theme.borderFocused : Theme.border
    border.width: emphasized ? Theme.focusBorderWidth : Theme.borderWidth
    color: emphasized ? Theme.surfaceFocused : Theme.background
    implicitHeight: row.implicitHeight + 2 * Theme.spacingM
    implicitWidth: row.implicitWidth + 2 * Theme.spacingL
    radius: Theme.radiusM

    RowLayout {
        id: row

        anchors.fill: parent
        anchors.leftMargin: Theme.spacingL
        anchors.rightMargin: Theme.spacingL
        spacing: Theme.spacingM

        Icon {
            opacity: chip.emphasized ? 1 : Theme.disabledOpacity
            size: Theme.connectorIconSmall
            source: Theme.connectorIcon(chip.connector.standard)
        }
        ColumnLayout {
            Layout.fillWidth: true
            spacing: 0

            FitText {
                Layout.fillWidth: true
                color: chip.emphasized ? Theme.textPrimary : Theme.textDisabled
                font.pixelSize: Theme.fontBodyLarge
                font.weight: Font.Bold
                text: chip.connector.standard
            }
            KioskText {
                Layout.fillWidth: true
                color: chip.emphasized ? Theme.textSecondary : Theme.textDisabled
                elide: Text.ElideNone
                font.pixelSize: Theme.fontCaption
                maximumLineCount: 2
                text: qsTr("%1 · %2").arg(chip.connector.sideText).arg(chip.connector.stateText)
                wrapMode: Text.WordWrap
            }
        }
    }
}
