import QtQuick
import QtQuick.Layouts
import Evse

// After a session: what was delivered, how long, the SOC, why it stopped, the cost,
// a reminder to put the connector back, and who to call (the responsible party). In larger
// text the details are fewer: no start time, and no stop reason the status code line says.
Item {
    id: screen

    readonly property ConnectorViewModel connector: Kiosk.focused
    readonly property bool receipt: (connector?.receiptQrSource ?? "") !== ""
    readonly property bool hasCode: (connector?.statusCode ?? "") !== ""

    objectName: "summaryScreen"

    RowLayout {
        anchors.fill: parent
        anchors.margins: Theme.marginScreen
        spacing: Theme.spacingL
        visible: screen.connector !== null

        ColumnLayout {
            Layout.fillHeight: true
            Layout.fillWidth: true
            spacing: Theme.spacingM

            RowLayout {
                Layout.fillWidth: true
                spacing: Theme.spacingM

                Icon {
                    id: outcomeIcon

                    name: "check"
                    size: Theme.iconL
                }
                ColumnLayout {
                    Layout.fillWidth: true
                    spacing: 0

                    ScreenTitle {
                        id: title

                        text: qsTr("Charging finished")
                    }
                    KioskText {
                        Layout.fillWidth: true
                        color: Theme.textSecondary
                        text: qsTr("%1 · %2").arg(screen.connector?.standard ?? "").arg(screen.connector?.sideText ?? "")
                    }
                }
            }
            RowLayout {
                Layout.fillWidth: true
                Layout.topMargin: Theme.spacingM
                spacing: Theme.spacingXl

                MetricTile {
                    Layout.fillWidth: true
                    Layout.preferredWidth: 1
                    label: qsTr("Energy delivered")
                    pixelSize: Theme.fontSummary
                    value: screen.connector?.energyText ?? ""
                }
                MetricTile {
                    Layout.fillWidth: true
                    Layout.preferredWidth: 1
                    label: qsTr("Cost")
                    pixelSize: Theme.fontSummary
                    value: screen.connector?.costText ?? ""
                }
                // In the Cost tile's place: the backend's text for a total cost it has not given.
                DetailItem {
                    Layout.alignment: Qt.AlignTop
                    Layout.fillWidth: true
                    Layout.preferredWidth: 1
                    label: qsTr("Cost")
                    lines: Theme.largeText ? 4 : 3
                    value: screen.connector?.costNoteText ?? ""
                }
            }
            GridLayout {
                Layout.fillWidth: true
                columnSpacing: Theme.spacingXl
                columns: 2
                rowSpacing: Theme.spacingM

                DetailItem {
                    Layout.fillWidth: true
                    Layout.preferredWidth: 1
                    label: qsTr("Duration")
                    value: screen.connector?.durationText ?? ""
                }
                DetailItem {
                    Layout.fillWidth: true
                    Layout.preferredWidth: 1
                    label: qsTr("Battery")
                    value: screen.connector !== null && screen.connector.startSocText !== "" ? qsTr("%1 → %2").arg(screen.connector.startSocText).arg(screen.connector.endSocText) : ""
                }
                DetailItem {
                    Layout.columnSpan: 2
                    Layout.fillWidth: true
                    label: qsTr("Started")
                    value: screen.connector?.startedText ?? ""
                    visible: value !== "" && !Theme.largeText
                }
                DetailItem {
                    Layout.columnSpan: 2
                    Layout.fillWidth: true
                    label: qsTr("Stop reason")
                    value: screen.connector?.stopReasonText ?? ""
                    // larger text: left out beside a status code (whose line says it) or a cost note
                    visible: value !== "" && !(Theme.largeText && (screen.hasCode || (screen.connector?.costNoteText ?? "") !== ""))
                }
            }
            StatusCodeLine {
                Layout.fillWidth: true
                code: screen.connector?.statusCode ?? ""
                meaning: screen.connector?.statusText ?? ""
            }
            Item {
                Layout.fillHeight: true
            }
            // the responsible party and the helpdesk, in one line (the site's address is for the Status screens)
            ContactLine {
                Layout.fillWidth: true
                address: false
                compact: true
            }
        }
        Rectangle {
            Layout.fillHeight: true
            Layout.preferredWidth: Theme.sidePanelWidth
            color: Theme.surface
            radius: Theme.radiusL

            ColumnLayout {
                anchors.fill: parent
                anchors.margins: Theme.spacingL
                spacing: Theme.spacingM

                Image {
                    Layout.fillHeight: true
                    Layout.fillWidth: true
                    fillMode: Image.PreserveAspectFit
                    source: Theme.icon("return-plug")
                    sourceSize.height: height
                    sourceSize.width: width
                    visible: !screen.receipt
                }
                // The receipt: the backend's FinalCost qrCodeText, else the local receipt link.
                Item {
                    Layout.fillHeight: true
                    visible: screen.receipt
                }
                QrCode {
                    Layout.alignment: Qt.AlignHCenter
                    // larger text: the compact size and no caption, so the instruction and Done stay inside the panel
                    implicitHeight: Theme.largeText ? Theme.qrSizeCompact : Theme.receiptQrSize
                    implicitWidth: Theme.largeText ? Theme.qrSizeCompact : Theme.receiptQrSize
                    source: screen.connector?.receiptQrSource ?? ""
                    visible: screen.receipt
                }
                KioskText {
                    Layout.fillWidth: true
                    color: Theme.textSecondary
                    elide: Text.ElideNone
                    font.pixelSize: Theme.fontCaption
                    horizontalAlignment: Text.AlignHCenter
                    maximumLineCount: 2
                    text: qsTr("Scan for your receipt")
                    visible: screen.receipt && !Theme.largeText  // larger text: the code alone, Done stays in the panel
                    wrapMode: Text.WordWrap
                }
                Item {
                    Layout.fillHeight: true
                    visible: screen.receipt
                }
                KioskText {
                    Layout.fillWidth: true
                    elide: Text.ElideNone
                    font.pixelSize: Theme.fontBodyLarge
                    font.weight: Font.DemiBold
                    horizontalAlignment: Text.AlignHCenter
                    maximumLineCount: 4
                    text: qsTr("Unplug the connector and return it to the holder")
                    wrapMode: Text.WordWrap
                }
                KioskButton {
                    Layout.fillWidth: true
                    kind: "accent"
                    text: qsTr("Done")

                    onClicked: Kiosk.dismiss()
                }
            }
        }
    }

    states: State {
        name: "withStatusCode"
        when: (screen.connector?.statusCode ?? "") !== ""

        PropertyChanges {
            outcomeIcon.name: "warning"
            title.text: qsTr("Charging stopped")
        }
    }
}
