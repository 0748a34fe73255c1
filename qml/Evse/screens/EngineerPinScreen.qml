import QtQuick
import QtQuick.Layouts
import Evse

// The engineer PIN: digits by touch, or with the buttons (right moves the selection,
// left takes it). Only dots show how many digits were entered.
Item {
    objectName: "engineerPinScreen"

    RowLayout {
        anchors.fill: parent
        anchors.margins: Theme.marginScreen
        spacing: Theme.spacingXl

        ColumnLayout {
            Layout.fillHeight: true
            Layout.fillWidth: true
            spacing: Theme.spacingM

            Icon {
                name: "warning"
                size: Theme.iconL
            }
            ScreenTitle {
                Layout.fillWidth: true
                text: qsTr("Engineer access")
            }
            KioskText {
                Layout.fillWidth: true
                color: Theme.textSecondary
                elide: Text.ElideNone
                maximumLineCount: 3
                text: qsTr("Enter the PIN")
                wrapMode: Text.WordWrap
            }
            Row {
                spacing: Theme.spacingS

                Repeater {
                    model: Kiosk.pinEntered

                    Rectangle {
                        color: Theme.textPrimary
                        height: Theme.pinDotSize
                        radius: height / 2
                        width: Theme.pinDotSize
                    }
                }
            }
            KioskText {
                Layout.fillWidth: true
                color: Theme.textWarning
                elide: Text.ElideNone
                font.weight: Font.DemiBold
                maximumLineCount: 3
                text: Kiosk.pinMessageText
                wrapMode: Text.WordWrap
            }
            Item {
                Layout.fillHeight: true
            }
        }
        GridLayout {
            Layout.alignment: Qt.AlignVCenter
            columnSpacing: Theme.spacingS
            columns: 3
            rowSpacing: Theme.spacingS

            Repeater {
                model: [1, 2, 3, 4, 5, 6, 7, 8, 9]

                PinKey {
                    required property int modelData

                    selected: Kiosk.pinCursor === modelData
                    text: String(modelData)

                    onClicked: Kiosk.pinDigit(String(modelData))
                }
            }
            PinKey {
                text: qsTr("Erase")

                onClicked: Kiosk.pinErase()
            }
            PinKey {
                selected: Kiosk.pinCursor === 0
                text: "0"

                onClicked: Kiosk.pinDigit("0")
            }
            PinKey {
                selected: Kiosk.pinCursor === 10
                text: qsTr("OK")

                onClicked: Kiosk.pinSubmit()
            }
            PinKey {
                Layout.columnSpan: 3
                Layout.fillWidth: true
                selected: Kiosk.pinCursor === 11
                text: qsTr("Cancel")

                onClicked: Kiosk.pinCancel()
            }
        }
    }
}
