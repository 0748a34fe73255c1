import QtQuick
import QtQuick.Layouts
import Evse

// Top bar: charger identity on the left, connection state and clock on the right; on Home,
// who to call between them.
Rectangle {
    id: header

    color: Theme.background
    implicitHeight: Theme.headerHeight

    RowLayout {
        anchors.fill: parent
        anchors.leftMargin: Theme.marginScreen
        anchors.rightMargin: Theme.marginScreen
        spacing: Theme.spacingM

        Icon {
            name: "bolt"
            size: Theme.iconS
        }
        // The model name gives way first when the bar is full (a long name, larger text, the
        // offline state): it is hidden rather than cut. The charge point id, which a driver
        // quotes to the helpdesk, keeps its width.
        KioskText {
            Layout.fillWidth: true
            Layout.maximumWidth: Math.ceil(implicitWidth) + 1
            font.weight: Font.DemiBold
            opacity: width + 1 >= implicitWidth ? 1 : 0
            text: Kiosk.modelName
        }
        KioskText {
            Layout.fillWidth: true
            Layout.maximumWidth: contact.visible ? Math.ceil(implicitWidth) + 1 : Number.POSITIVE_INFINITY
            Layout.minimumWidth: Math.ceil(implicitWidth)
            color: Theme.textSecondary
            text: Kiosk.chargePointId

            // Technicians: a long press on the charge point id asks for the engineer PIN.
            TapHandler {
                longPressThreshold: Theme.longPressMs / 1000

                onLongPressed: Kiosk.openEngineer()
            }
        }
        ContactLine {
            id: contact

            Layout.fillWidth: true
            Layout.leftMargin: Theme.spacingM
            address: false
            compact: true
            // gone where not even the number fits (beside the online state, in larger text, after
            // a long model name); kept in the layout (transparent) so that it comes back with room
            opacity: width >= leastWidth ? 1 : 0
            visible: Kiosk.screen === Kiosk.Screen.Home && full !== ""
        }
        Rectangle {
            id: onlineDot

            color: Kiosk.online ? Theme.online : Theme.offline
            visible: Kiosk.backendConfigured
            implicitHeight: Theme.onlineDotSize
            implicitWidth: Theme.onlineDotSize
            radius: width / 2
        }
        KioskText {
            color: Theme.textSecondary
            text: Kiosk.online ? qsTr("Online") : qsTr("Offline")
            visible: Kiosk.backendConfigured
        }
        KioskText {
            color: Theme.textWarning
            font.features: Theme.tabular
            text: Kiosk.backendCode
            visible: Kiosk.backendConfigured && text !== ""
        }
        KioskText {
            Layout.leftMargin: Theme.spacingM
            font.features: Theme.tabular
            font.pixelSize: Theme.fontBodyLarge
            font.weight: Font.DemiBold
            text: Kiosk.clockText
        }
    }
    Rectangle {
        anchors.bottom: parent.bottom
        anchors.left: parent.left
        anchors.right: parent.right
        color: Theme.border
        height: Theme.borderWidth
    }
}
