import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Evse

// The presenter's control panel for the desktop demo: simulated cables, EVs, cards,
// safety inputs, the two physical buttons and status codes, and the demo central system
// when it runs beside the demo. Not driver-facing.
ApplicationWindow {
    id: window

    height: Theme.simulatorHeight
    title: qsTr("Charger simulator")
    visible: true
    width: Theme.simulatorWidth

    ScrollView {
        id: scroll

        anchors.fill: parent
        contentWidth: availableWidth

        ColumnLayout {
            spacing: Theme.simulatorSpacing
            width: scroll.availableWidth

            SimConnectorGroup {
                Layout.fillWidth: true
                Layout.leftMargin: Theme.simulatorMargin
                Layout.rightMargin: Theme.simulatorMargin
                Layout.topMargin: Theme.simulatorMargin
                plugged: SimulatorControl.leftPlugged
                side: 0
                sideName: qsTr("Left")
                standard: SimulatorControl.leftStandard
                startSoc: SimulatorControl.leftStartSoc
                targetSoc: SimulatorControl.leftTargetSoc
            }
            SimConnectorGroup {
                Layout.fillWidth: true
                Layout.leftMargin: Theme.simulatorMargin
                Layout.rightMargin: Theme.simulatorMargin
                plugged: SimulatorControl.rightPlugged
                side: 1
                sideName: qsTr("Right")
                standard: SimulatorControl.rightStandard
                startSoc: SimulatorControl.rightStartSoc
                targetSoc: SimulatorControl.rightTargetSoc
                visible: SimulatorControl.connectorCount > 1
            }
            SimPowerGroup {
                Layout.fillWidth: true
                Layout.leftMargin: Theme.simulatorMargin
                Layout.rightMargin: Theme.simulatorMargin
            }
            SimCsmsGroup {
                Layout.fillWidth: true
                Layout.leftMargin: Theme.simulatorMargin
                Layout.rightMargin: Theme.simulatorMargin
                visible: SimulatorControl.csmsAvailable
            }
            GroupBox {
                Layout.bottomMargin: Theme.simulatorMargin
                Layout.fillWidth: true
                Layout.leftMargin: Theme.simulatorMargin
                Layout.rightMargin: Theme.simulatorMargin
                title: qsTr("Station")

                GridLayout {
                    anchors.fill: parent
                    columnSpacing: Theme.simulatorSpacing
                    columns: 2
                    rowSpacing: Theme.simulatorSpacing

                    Button {
                        Layout.fillWidth: true
                        Layout.preferredWidth: 1
                        text: qsTr("Tap known card")

                        onClicked: SimulatorControl.tapKnownCard()
                    }
                    Button {
                        Layout.fillWidth: true
                        Layout.preferredWidth: 1
                        text: qsTr("Tap unknown card")

                        onClicked: SimulatorControl.tapUnknownCard()
                    }
                    RowLayout {
                        Layout.columnSpan: 2
                        spacing: Theme.simulatorSpacing

                        Switch {
                            checked: SimulatorControl.emergencyStop
                            text: qsTr("Emergency stop")

                            onToggled: {
                                SimulatorControl.setEmergencyStop(checked);
                                checked = Qt.binding(() => SimulatorControl.emergencyStop);
                            }
                        }
                        Switch {
                            checked: SimulatorControl.doorOpen
                            text: qsTr("Door open")

                            onToggled: {
                                SimulatorControl.setDoorOpen(checked);
                                checked = Qt.binding(() => SimulatorControl.doorOpen);
                            }
                        }
                    }
                    Button {
                        Layout.fillWidth: true
                        Layout.preferredWidth: 1
                        text: qsTr("Left button")

                        onClicked: SimulatorControl.pressLeftButton()
                    }
                    Button {
                        Layout.fillWidth: true
                        Layout.preferredWidth: 1
                        text: qsTr("Right button")

                        onClicked: SimulatorControl.pressRightButton()
                    }
                }
            }
        }
    }
}
