import QtQuick
import QtQuick.Layouts
import Evse

// The handshake with the vehicle, step by step, for the focused connector. In larger text the
// finished steps give way (the current and the coming ones stay), and so does the line under
// the title while the queue notice says when charging starts by itself.
Item {
    id: screen

    readonly property ConnectorViewModel connector: Kiosk.focused

    objectName: "preparingScreen"

    RowLayout {
        anchors.fill: parent
        anchors.margins: Theme.marginScreen
        spacing: Theme.spacingL
        visible: screen.connector !== null

        ColumnLayout {
            Layout.fillHeight: true
            Layout.fillWidth: true
            spacing: Theme.spacingS

            ScreenTitle {
                text: qsTr("Preparing to charge")
            }
            KioskText {
                Layout.fillWidth: true
                color: Theme.textSecondary
                elide: Text.ElideNone
                maximumLineCount: 2
                text: qsTr("Keep the cable connected. Charging starts by itself.")
                wrapMode: Text.WordWrap
                visible: !(Theme.largeText && queue.visible)
            }
            // No power for this session yet: why, and when it starts by itself.
            QueueNotice {
                id: queue

                Layout.fillWidth: true
                Layout.topMargin: Theme.spacingS
                connector: screen.connector
            }
            Item {
                Layout.fillHeight: true
            }
            StepRow {
                Layout.fillWidth: true
                label: qsTr("Communicating with vehicle")
                number: 1
                stage: screen.connector?.prepareStage ?? 0
                visible: !(Theme.largeText && stage > number)
            }
            StepRow {
                Layout.fillWidth: true
                label: qsTr("Cable check")
                number: 2
                stage: screen.connector?.prepareStage ?? 0
                visible: !(Theme.largeText && stage > number)
            }
            StepRow {
                Layout.fillWidth: true
                label: qsTr("Isolation test")
                number: 3
                stage: screen.connector?.prepareStage ?? 0
                visible: !(Theme.largeText && stage > number)
            }
            StepRow {
                Layout.fillWidth: true
                label: qsTr("Pre-charge")
                number: 4
                stage: screen.connector?.prepareStage ?? 0
                visible: !(Theme.largeText && stage > number)
            }
            Item {
                Layout.fillHeight: true
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

                Item {
                    Layout.fillHeight: true
                }
                Icon {
                    Layout.alignment: Qt.AlignHCenter
                    size: Theme.connectorIconSize
                    source: Theme.connectorIcon(screen.connector?.standard ?? "")
                }
                ScreenTitle {
                    horizontalAlignment: Text.AlignHCenter
                    text: screen.connector?.standard ?? ""
                }
                KioskText {
                    Layout.fillWidth: true
                    color: Theme.textSecondary
                    horizontalAlignment: Text.AlignHCenter
                    text: screen.connector?.sideText ?? ""
                }
                StateBadge {
                    Layout.alignment: Qt.AlignHCenter
                    Layout.maximumWidth: parent.width
                    Layout.topMargin: Theme.spacingS
                    connector: screen.connector
                    visible: screen.connector !== null
                }
                KioskText {
                    Layout.fillWidth: true
                    font.features: Theme.tabular
                    font.pixelSize: Theme.fontBodyLarge
                    font.weight: Font.DemiBold
                    horizontalAlignment: Text.AlignHCenter
                    text: qsTr("Battery %1").arg(screen.connector?.socText ?? "")
                    visible: (screen.connector?.socText ?? "") !== ""
                }
                Item {
                    Layout.fillHeight: true
                }
            }
        }
    }
}
