import QtQuick
import QtQuick.Layouts
import Evse

// Home screen side panel: how to start (card / QR / app) and the QR code. While the
// backend is unreachable the QR code is covered (not drawn) and the caption says to use a card.
// `compact`: a smaller QR code (another row shares the screen's height). `hint`: false leaves
// out the caption under a QR code that works (larger text, with an operator message on Home).
Rectangle {
    id: panel

    property bool compact: false
    property bool hint: true

    color: Theme.surface
    radius: Theme.radiusL

    ColumnLayout {
        anchors.fill: parent
        anchors.margins: Theme.largeText ? Theme.spacingM : Theme.spacingL  // larger text: room for the words
        spacing: Theme.spacingM

        KioskText {
            Layout.fillWidth: true
            color: Theme.textSecondary
            font.weight: Font.Medium
            text: qsTr("Start charging with")
        }
        RowLayout {
            Layout.fillWidth: true
            spacing: Theme.spacingM

            QrCode {
                Layout.alignment: Qt.AlignTop
                covered: !Kiosk.qrEnabled
                implicitHeight: panel.compact ? Theme.qrSizeCompact : Theme.qrSize
                implicitWidth: panel.compact ? Theme.qrSizeCompact : Theme.qrSize
                visible: Kiosk.qrOffered
            }
            ColumnLayout {
                Layout.alignment: Qt.AlignVCenter
                Layout.fillWidth: true
                spacing: Theme.largeText ? Theme.spacingS : Theme.spacingM

                AuthMethod {
                    Layout.fillWidth: true
                    available: Kiosk.rfidEnabled
                    iconName: "rfid"
                    label: qsTr("Card")
                }
                AuthMethod {
                    Layout.fillWidth: true
                    available: Kiosk.qrEnabled
                    iconName: "qr"
                    label: qsTr("QR code")
                }
                AuthMethod {
                    Layout.fillWidth: true
                    available: Kiosk.appEnabled
                    iconName: "app"
                    label: qsTr("App")
                }
            }
        }
        KioskText {
            Layout.fillWidth: true
            color: Kiosk.qrEnabled ? Theme.textSecondary : Theme.textWarning
            elide: Text.ElideNone
            font.pixelSize: Theme.fontCaption
            maximumLineCount: 3
            text: Kiosk.qrCaption
            visible: Kiosk.qrOffered && text !== "" && (panel.hint || !Kiosk.qrEnabled)
            wrapMode: Text.WordWrap
        }
        Item {
            Layout.fillHeight: true
        }
    }
}
