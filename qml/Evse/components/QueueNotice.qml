import QtQuick
import QtQuick.Layouts
import Evse

// A session that gets no power yet: why (the reason, in the warning colour) and when it
// starts by itself (a clock time or "about" a duration, or what it waits for). Both lines
// wrap; the notice hides itself when the connector is not waiting.
Rectangle {
    id: notice

    required property ConnectorViewModel connector
    property bool compact: false

    border.color: Theme.textWarning
    border.width: Theme.borderWidth
    color: Theme.background
    implicitHeight: column.implicitHeight + 2 * (compact ? Theme.spacingS : Theme.spacingM)
    implicitWidth: Theme.iconM + column.implicitWidth + Theme.spacingM + 2 * Theme.spacingM
    radius: Theme.radiusM
    visible: (connector?.waitingText ?? "") !== ""

    RowLayout {
        anchors.fill: parent
        anchors.margins: notice.compact ? Theme.spacingS : Theme.spacingM
        spacing: Theme.spacingM

        Icon {
            Layout.alignment: Qt.AlignTop
            name: "clock"
            size: notice.compact ? Theme.iconS : Theme.iconM
        }
        ColumnLayout {
            id: column

            Layout.fillWidth: true
            spacing: Theme.spacingXs

            KioskText {
                Layout.fillWidth: true
                color: Theme.textWarning
                elide: Text.ElideNone
                font.pixelSize: notice.compact ? Theme.fontBody : Theme.fontBodyLarge
                font.weight: Font.DemiBold
                maximumLineCount: Theme.largeText ? 3 : 2  // larger text: a line more, not a cut
                text: notice.connector?.waitingText ?? ""
                wrapMode: Text.WordWrap
            }
            KioskText {
                Layout.fillWidth: true
                elide: Text.ElideNone
                font.pixelSize: notice.compact ? Theme.fontCaption : Theme.fontBody
                maximumLineCount: Theme.largeText ? 3 : 2  // larger text: a line more, not a cut
                text: notice.connector?.waitingUntilText ?? ""
                wrapMode: Text.WordWrap
            }
        }
    }
}
