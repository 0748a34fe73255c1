import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Evse

// Simulator controls for one connector: cable, the EV's start and target SOC (one
// range slider), and a status code to inject.
GroupBox {
    id: group

    required property int side
    required property string sideName
    required property string standard
    required property bool plugged
    required property int startSoc
    required property int targetSoc

    title: qsTr("%1 connector · %2").arg(sideName).arg(standard)

    GridLayout {
        anchors.fill: parent
        columnSpacing: Theme.simulatorSpacing
        columns: 2
        rowSpacing: Theme.simulatorSpacing

        Switch {
            Layout.columnSpan: 2
            checked: group.plugged
            text: qsTr("Cable plugged in")

            onToggled: {
                if (checked)
                    SimulatorControl.plug(group.side);
                else
                    SimulatorControl.unplug(group.side);
                checked = Qt.binding(() => group.plugged);
            }
        }
        Label {
            text: qsTr("EV SOC")
        }
        RowLayout {
            Layout.fillWidth: true
            spacing: Theme.simulatorSpacing

            RangeSlider {
                id: socRange

                Layout.fillWidth: true
                first.value: group.startSoc
                from: 0
                second.value: group.targetSoc
                stepSize: 1
                to: 100
            }
            Label {
                text: qsTr("%1 → %2 %").arg(socRange.first.value).arg(socRange.second.value)
            }
            Button {
                text: qsTr("Apply")

                onClicked: SimulatorControl.setEvSoc(group.side, socRange.first.value, socRange.second.value)
            }
        }
        Label {
            text: qsTr("Status")
        }
        RowLayout {
            Layout.fillWidth: true
            spacing: Theme.simulatorSpacing

            TextField {
                id: codeField

                Layout.fillWidth: true
                inputMethodHints: Qt.ImhDigitsOnly
                placeholderText: "023700"

                validator: RegularExpressionValidator {
                    regularExpression: /[0-9]{0,6}/
                }
            }
            Button {
                enabled: codeField.acceptableInput && codeField.text.length === 6
                text: qsTr("Inject")

                onClicked: SimulatorControl.injectFault(group.side, codeField.text)
            }
            Button {
                text: qsTr("Clear")

                onClicked: SimulatorControl.injectFault(group.side, "")
            }
        }
    }
}
