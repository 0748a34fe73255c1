import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Evse

// Simulator controls for the station's power: the inlet air temperature (derating from
// 50 °C), the AC supply voltage, and failing a power module.
GroupBox {
    id: group

    title: qsTr("Power")

    GridLayout {
        anchors.fill: parent
        columnSpacing: Theme.simulatorSpacing
        columns: 2
        rowSpacing: Theme.simulatorSpacing

        Label {
            text: qsTr("Outside temperature (°C)")
        }
        SpinBox {
            Layout.fillWidth: true
            editable: true
            from: -30
            to: 80
            value: SimulatorControl.ambientC

            onValueModified: SimulatorControl.setAmbient(value)
        }
        Label {
            text: qsTr("Grid voltage (V)")
        }
        SpinBox {
            Layout.fillWidth: true
            editable: true
            from: 300
            stepSize: 10
            to: 600
            value: SimulatorControl.inputVoltage

            onValueModified: SimulatorControl.setInputVoltage(value)
        }
        Flow {
            Layout.columnSpan: 2
            Layout.fillWidth: true
            spacing: Theme.simulatorSpacing

            Repeater {
                model: SimulatorControl.psuCount

                Switch {
                    required property int index

                    text: qsTr("PSU %1 failed").arg(index + 1)

                    onToggled: SimulatorControl.setPsuFailed(index, checked)
                }
            }
        }
    }
}
