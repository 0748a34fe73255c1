import QtQuick
import QtQuick.Layouts
import Evse

// Home screen side panel: how to start (card / QR / app) and the QR code.
Rectangle {
    id: panel

    color: Theme.surface
    radius: Theme.radiusL

    ColumnLayout {
        anchors.fill: parent
        anchors.margins: Theme.spacingL
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
                visible: Kiosk.qrEnabled
            }
            ColumnLayout {
                Layout.alignment: Qt.AlignVCenter
                Layout.fillWidth: true
                spacing: Theme.spacingM

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
            color: Theme.textSecondary
            elide: Text.ElideNone
            font.pixelSize: Theme.fontCaption
            maximumLineCount: 2
            text: Kiosk.qrCaption
            visible: Kiosk.qrEnabled && text !== ""
            wrapMode: Text.WordWrap
        }
        Item {
            Layout.fillHeight: true
        }
    }
}
