pragma ComponentBehavior: Bound

import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Evse

// Simulator controls for the demo central system (evse-hmi --demo-csms): what a backend
// operator or a driver's phone would do (remote start from the QR code or the app, remote
// stop, reset, reservation, availability, a power limit), on OCPP 2.0.1 an operator message
// and the running cost, switching the backend off and on, and the latest OCPP frames
// (→ from the charger, ← to it).
GroupBox {
    id: group

    title: qsTr("Central system (OCPP)")

    ColumnLayout {
        anchors.fill: parent
        spacing: Theme.simulatorSpacing

        Switch {
            checked: SimulatorControl.csmsRunning
            text: qsTr("Central system running")

            onToggled: {
                SimulatorControl.csmsSetRunning(checked);
                checked = Qt.binding(() => SimulatorControl.csmsRunning);
            }
        }
        GridLayout {
            Layout.fillWidth: true
            columnSpacing: Theme.simulatorSpacing
            columns: SimulatorControl.connectorCount > 1 ? 2 : 1
            rowSpacing: Theme.simulatorSpacing

            Repeater {
                model: SimulatorControl.connectorCount

                Button {
                    required property int index

                    Layout.fillWidth: true
                    Layout.preferredWidth: 1
                    text: index === 0 ? qsTr("Remote start left") : qsTr("Remote start right")

                    onClicked: SimulatorControl.csmsRemoteStart(index)
                }
            }
            Repeater {
                model: SimulatorControl.connectorCount

                Button {
                    required property int index

                    Layout.fillWidth: true
                    Layout.preferredWidth: 1
                    text: index === 0 ? qsTr("Remote stop left") : qsTr("Remote stop right")

                    onClicked: SimulatorControl.csmsRemoteStop(index)
                }
            }
            Repeater {
                model: SimulatorControl.connectorCount

                Button {
                    required property int index

                    Layout.fillWidth: true
                    Layout.preferredWidth: 1
                    text: index === 0 ? qsTr("Reserve left") : qsTr("Reserve right")

                    onClicked: SimulatorControl.csmsReserve(index)
                }
            }
            Repeater {
                model: SimulatorControl.connectorCount

                Switch {
                    required property int index

                    Layout.fillWidth: true
                    Layout.preferredWidth: 1
                    text: index === 0 ? qsTr("Left unavailable") : qsTr("Right unavailable")

                    onToggled: SimulatorControl.csmsSetAvailable(index, !checked)
                }
            }
            Button {
                Layout.fillWidth: true
                Layout.preferredWidth: 1
                text: qsTr("Cancel reservation")

                onClicked: SimulatorControl.csmsCancelReservation()
            }
            Switch {
                Layout.fillWidth: true
                Layout.preferredWidth: 1
                text: qsTr("Limit to 20 kW")

                onToggled: SimulatorControl.csmsLimit(checked ? 20 : 0)
            }
            Button {
                Layout.fillWidth: true
                Layout.preferredWidth: 1
                text: qsTr("Soft reset")

                onClicked: SimulatorControl.csmsReset(false)
            }
            Button {
                Layout.fillWidth: true
                Layout.preferredWidth: 1
                text: qsTr("Hard reset")

                onClicked: SimulatorControl.csmsReset(true)
            }
        }
        RowLayout {
            Layout.fillWidth: true
            spacing: Theme.simulatorSpacing

            TextField {
                id: operatorMessage

                Layout.fillWidth: true
                placeholderText: qsTr("Operator message")
            }
            ComboBox {
                id: messagePriority

                // OCPP 2.0.1 MessagePriorityEnumType: protocol words, not translated
                model: ["InFront", "AlwaysFront", "NormalCycle"]
            }
            Button {
                enabled: operatorMessage.text.length > 0
                text: qsTr("Show message")

                onClicked: SimulatorControl.csmsDisplayMessage(operatorMessage.text, messagePriority.currentText)
            }
        }
        Button {
            Layout.fillWidth: true
            text: qsTr("Send running cost")

            onClicked: SimulatorControl.csmsPushCost()
        }
        Label {
            Layout.fillWidth: true
            elide: Text.ElideMiddle
            text: SimulatorControl.csmsUrl
        }
        Label {
            Layout.fillWidth: true
            text: SimulatorControl.csmsStatus
            wrapMode: Text.Wrap
        }
        Repeater {
            model: SimulatorControl.csmsLog

            Label {
                required property string modelData

                Layout.fillWidth: true
                elide: Text.ElideRight
                font.family: "monospace"
                text: modelData
            }
        }
    }
}
