import QtQuick
import QtQuick.Layouts
import Evse

// The operator's message (a central system's display message): a captioned text of up to
// two lines, elided after the second; a link shows as its address (a QR code of it would
// stand beside Home's own start code, or crowd the charging figures). A row of its own on
// the screens that show it, never over a control; hidden without a message. AlwaysFront is
// framed in the warning colour. Plain text only: markup is shown as typed.
Rectangle {
    id: area

    border.color: Kiosk.operatorMessageFront ? Theme.textWarning : Theme.border
    border.width: Kiosk.operatorMessageFront ? Theme.focusBorderWidth : Theme.borderWidth
    color: Theme.surface
    implicitHeight: texts.implicitHeight + 2 * Theme.spacingXs
    objectName: "operatorMessage"
    radius: Theme.radiusM
    visible: Kiosk.operatorMessageText !== ""

    RowLayout {
        anchors.bottomMargin: Theme.spacingXs
        anchors.fill: parent
        anchors.leftMargin: Theme.spacingM
        anchors.rightMargin: Theme.spacingXs
        anchors.topMargin: Theme.spacingXs
        spacing: Theme.spacingM

        Icon {
            Layout.alignment: Qt.AlignVCenter
            name: "info"
            size: Theme.iconS
        }
        ColumnLayout {
            id: texts

            Layout.alignment: Qt.AlignVCenter
            Layout.fillWidth: true
            spacing: 0

            KioskText {
                Layout.fillWidth: true
                color: Theme.textSecondary
                font.pixelSize: Theme.fontCaption
                text: qsTr("Message from the operator")
            }
            KioskText {
                Layout.fillWidth: true
                elide: Text.ElideRight
                font.family: Kiosk.operatorMessageFontFamily
                font.weight: Kiosk.operatorMessageFront ? Font.DemiBold : Font.Medium
                maximumLineCount: 2
                text: Kiosk.operatorMessageText
                textFormat: Text.PlainText
                wrapMode: Text.WrapAtWordBoundaryOrAnywhere
            }
        }
    }
}
