import QtQuick
import QtQuick.Layouts
import Evse

// One handshake step: ticked when done, spinning and highlighted while current,
// dimmed while still to come. `stage` is the connector's prepareStage.
Rectangle {
    id: step

    required property int number
    required property string label
    required property int stage

    color: Theme.transparent
    implicitHeight: Theme.stepIndicatorSize + 2 * Theme.spacingS
    radius: Theme.radiusM
    state: stage > number ? "done" : (stage === number ? "current" : "pending")

    RowLayout {
        anchors.fill: parent
        anchors.leftMargin: Theme.spacingM
        anchors.rightMargin: Theme.spacingM
        spacing: Theme.spacingM

        Item {
            implicitHeight: Theme.stepIndicatorSize
            implicitWidth: Theme.stepIndicatorSize

            Icon {
                id: tick

                anchors.fill: parent
                name: "check"
                size: Theme.stepIndicatorSize
                visible: false
            }
            Spinner {
                id: spinner

                anchors.fill: parent
                visible: false
            }
            Rectangle {
                id: pendingCircle

                anchors.fill: parent
                border.color: Theme.textDisabled
                border.width: Theme.borderWidth
                color: Theme.transparent
                radius: width / 2

                KioskText {
                    anchors.centerIn: parent
                    color: Theme.textDisabled
                    font.features: Theme.tabular
                    font.weight: Font.DemiBold
                    text: step.number
                }
            }
        }
        FitText {
            id: labelText

            Layout.fillWidth: true
            color: Theme.textDisabled
            font.pixelSize: Theme.fontBodyLarge
            text: step.label
        }
        KioskText {
            id: progressText

            color: Theme.textSecondary
            font.pixelSize: Theme.fontCaption
            text: ""
        }
    }

    states: [
        State {
            name: "done"

            PropertyChanges {
                labelText.color: Theme.textPrimary
                pendingCircle.visible: false
                progressText.text: qsTr("Done")
                tick.visible: true
            }
        },
        State {
            name: "current"

            PropertyChanges {
                labelText.color: Theme.textPrimary
                labelText.font.weight: Font.Bold
                pendingCircle.visible: false
                progressText.color: Theme.textAccent
                progressText.text: qsTr("In progress")
                spinner.visible: true
                step.color: Theme.surfaceFocused
            }
        }
    ]
}
