import QtQuick
import QtQuick.Layouts
import Evse

// Waiting for the cable: which connector(s) to plug in, how, and how long is left.
Item {
    objectName: "plugInScreen"

    RowLayout {
        anchors.fill: parent
        anchors.margins: Theme.marginScreen
        spacing: Theme.spacingL

        ColumnLayout {
            Layout.fillHeight: true
            Layout.fillWidth: true
            spacing: Theme.spacingM

            ScreenTitle {
                Layout.preferredHeight: 2 * font.pixelSize * Theme.lineHeight
                maximumLineCount: 2
                text: Kiosk.plugInText
                wrapMode: Text.WordWrap
            }
            KioskText {
                Layout.fillWidth: true
                color: Theme.textSecondary
                elide: Text.ElideNone
                maximumLineCount: 2
                text: qsTr("Take the connector from its holder and push it firmly into your vehicle's charging inlet.")
                wrapMode: Text.WordWrap
            }
            Image {
                Layout.fillHeight: true
                Layout.fillWidth: true
                fillMode: Image.PreserveAspectFit
                source: Theme.icon("plug-in")
                sourceSize.height: height
                sourceSize.width: width
            }
            RowLayout {
                Layout.fillWidth: true
                spacing: Theme.spacingM

                Repeater {
                    model: Kiosk.connectors

                    ConnectorChip {
                        required property ConnectorViewModel modelData

                        Layout.fillWidth: true
                        connector: modelData
                        emphasized: modelData.free
                    }
                }
            }
            TariffLine {
                Layout.fillWidth: true
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
                Countdown {
                    Layout.alignment: Qt.AlignHCenter
                    seconds: Kiosk.plugInSecondsLeft
                }
                KioskText {
                    Layout.fillWidth: true
                    color: Theme.textSecondary
                    elide: Text.ElideNone
                    horizontalAlignment: Text.AlignHCenter
                    maximumLineCount: 2
                    text: qsTr("Press the left button to cancel")
                    wrapMode: Text.WordWrap
                }
                KioskButton {
                    Layout.fillWidth: true
                    text: qsTr("Cancel")

                    onClicked: Kiosk.cancel()
                }
                Item {
                    Layout.fillHeight: true
                }
            }
        }
    }
}
