import QtQuick
import QtQuick.Layouts
import Evse

// A software update is installing: no charging now, back in a few minutes.
Item {
    objectName: "updatingScreen"

    ColumnLayout {
        anchors.centerIn: parent
        spacing: Theme.spacingL
        width: parent.width - 4 * Theme.marginScreen

        Icon {
            Layout.alignment: Qt.AlignHCenter
            name: "software-update"
            size: Theme.iconXl
        }
        FitText {
            Layout.fillWidth: true
            Layout.preferredHeight: Theme.fontHeadline * Theme.lineHeight
            font.pixelSize: Theme.fontHeadline
            font.weight: Font.Bold
            horizontalAlignment: Text.AlignHCenter
            text: qsTr("Updating the charger software")
        }
        KioskText {
            Layout.fillWidth: true
            color: Theme.textSecondary
            elide: Text.ElideNone
            font.pixelSize: Theme.fontBodyLarge
            horizontalAlignment: Text.AlignHCenter
            maximumLineCount: 2
            text: qsTr("Back in a few minutes")
            wrapMode: Text.WordWrap
        }
        BusyDots {
            Layout.alignment: Qt.AlignHCenter
        }
        KioskText {
            Layout.fillWidth: true
            color: Theme.textSecondary
            font.pixelSize: Theme.fontCaption
            horizontalAlignment: Text.AlignHCenter
            text: qsTr("Charger ID %1").arg(Kiosk.chargePointId)
            visible: Kiosk.chargePointId !== ""
        }
    }
}
