import QtQuick
import QtQuick.Layouts
import Evse

// Start-up: "Charging station initializing" with progress and the current step.
Item {
    objectName: "initializingScreen"

    ColumnLayout {
        anchors.centerIn: parent
        spacing: Theme.spacingL
        width: Math.min(parent.width - 2 * Theme.marginScreen, Theme.progressWidth + 2 * Theme.spacingXl)

        Icon {
            Layout.alignment: Qt.AlignHCenter
            name: "bolt"
            size: Theme.iconXl
        }
        FitText {
            Layout.fillWidth: true
            font.pixelSize: Theme.fontTitle
            font.weight: Font.Bold
            horizontalAlignment: Text.AlignHCenter
            text: qsTr("Charging station initializing")
        }
        ProgressBar {
            Layout.alignment: Qt.AlignHCenter
            Layout.maximumWidth: parent.width
            value: Kiosk.initProgress
        }
        KioskText {
            Layout.fillWidth: true
            color: Theme.textSecondary
            elide: Text.ElideNone
            horizontalAlignment: Text.AlignHCenter
            maximumLineCount: 2
            text: Kiosk.initStepText
            wrapMode: Text.WordWrap
        }
        KioskText {
            Layout.fillWidth: true
            color: Theme.textSecondary
            font.pixelSize: Theme.fontCaption
            horizontalAlignment: Text.AlignHCenter
            text: qsTr("Please wait")
        }
    }
}
