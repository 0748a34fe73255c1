import QtQuick
import QtQuick.Layouts
import Evse

// The charger cannot be used: say so plainly, show the code, where to go and who to call.
Item {
    objectName: "outOfServiceScreen"

    ColumnLayout {
        anchors.centerIn: parent
        spacing: Theme.spacingM
        width: parent.width - 4 * Theme.marginScreen

        Icon {
            Layout.alignment: Qt.AlignHCenter
            name: "out-of-service"
            size: Theme.iconXl
        }
        FitText {
            Layout.fillWidth: true
            Layout.preferredHeight: Theme.fontHeadline * Theme.lineHeight
            font.pixelSize: Theme.fontHeadline
            font.weight: Font.Bold
            horizontalAlignment: Text.AlignHCenter
            text: qsTr("Out of service")
        }
        KioskText {
            Layout.fillWidth: true
            color: Theme.textSecondary
            elide: Text.ElideNone
            font.pixelSize: Theme.fontBodyLarge
            horizontalAlignment: Text.AlignHCenter
            maximumLineCount: 2
            text: qsTr("Please use another charger or contact the operator.")
            wrapMode: Text.WordWrap
        }
        Rectangle {
            Layout.alignment: Qt.AlignHCenter
            Layout.maximumWidth: parent.width
            Layout.preferredWidth: codeLine.implicitWidth + 2 * Theme.spacingL
            Layout.topMargin: Theme.spacingM
            color: Theme.surface
            implicitHeight: codeLine.implicitHeight + 2 * Theme.spacingM
            radius: Theme.radiusM
            visible: Kiosk.statusCode !== ""

            StatusCodeLine {
                id: codeLine

                anchors.fill: parent
                anchors.leftMargin: Theme.spacingL
                anchors.rightMargin: Theme.spacingL
                anchors.topMargin: Theme.spacingM
                anchors.bottomMargin: Theme.spacingM
                code: Kiosk.statusCode
                meaning: Kiosk.statusText
            }
        }
        KioskText {
            Layout.fillWidth: true
            color: Theme.textSecondary
            font.pixelSize: Theme.fontCaption
            horizontalAlignment: Text.AlignHCenter
            text: qsTr("Charger ID %1").arg(Kiosk.chargePointId)
            visible: Kiosk.chargePointId !== ""
        }
        ContactLine {
            Layout.alignment: Qt.AlignHCenter
            Layout.maximumWidth: parent.width
            Layout.topMargin: Theme.spacingS
        }
    }
}
