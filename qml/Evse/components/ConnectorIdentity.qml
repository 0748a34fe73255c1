import QtQuick
import QtQuick.Layouts
import Evse

// Connector face icon, standard name and side, in one row.
RowLayout {
    id: identity

    required property ConnectorViewModel connector
    property int iconSize: Theme.iconL
    property int pixelSize: Theme.fontBodyLarge

    spacing: Theme.spacingM

    Icon {
        size: identity.iconSize
        source: Theme.connectorIcon(identity.connector.standard)
    }
    ColumnLayout {
        Layout.fillWidth: true
        spacing: 0

        FitText {
            Layout.fillWidth: true
            font.pixelSize: identity.pixelSize
            font.weight: Font.Bold
            text: identity.connector.standard
        }
        KioskText {
            Layout.fillWidth: true
            color: Theme.textSecondary
            font.pixelSize: Theme.fontCaption
            text: identity.connector.sideText
        }
    }
}
