import QtQuick
import QtQuick.Layouts
import Evse

// The connector that is not focused on a dual charger, shown compactly: what it is
// doing and, while it charges, its SOC, power and energy. Touch selects it.
Rectangle {
    id: mini

    required property ConnectorViewModel connector
    // larger text: a larger gauge, for the larger words inside it
    readonly property int miniRing: Theme.largeText ? Math.round(Theme.socRingMini * Theme.largeFigureScale)
                                                    : Theme.socRingMini

    signal selected

    border.color: Theme.border
    border.width: Theme.borderWidth
    color: Theme.surface
    radius: Theme.radiusL

    ColumnLayout {
        anchors.fill: parent
        anchors.margins: Theme.spacingM
        spacing: Theme.spacingS

        ConnectorIdentity {
            Layout.fillWidth: true
            connector: mini.connector
            iconSize: Theme.iconL
        }
        StateBadge {
            Layout.fillWidth: true
            connector: mini.connector
            pixelSize: Theme.fontBody
            wrapWidth: mini.width - 2 * Theme.spacingM
            wraps: Theme.largeText  // a long state on two lines rather than cut
        }
        Item {
            Layout.fillHeight: true
        }
        SocGauge {
            id: gauge

            Layout.alignment: Qt.AlignHCenter
            Layout.preferredHeight: mini.miniRing
            Layout.preferredWidth: mini.miniRing
            connector: mini.connector
            pixelSize: Theme.fontBodyLarge
            showTarget: false
            thickness: Theme.ringThickness / 2
            visible: false
        }
        RowLayout {
            id: session

            Layout.fillWidth: true
            spacing: Theme.spacingM
            visible: false

            MetricTile {
                Layout.fillWidth: true
                Layout.preferredWidth: 1
                label: qsTr("Power")
                pixelSize: Theme.fontMetricSmall
                value: mini.connector.powerText !== "" ? qsTr("%1 kW").arg(mini.connector.powerText) : ""
            }
            MetricTile {
                Layout.fillWidth: true
                Layout.preferredWidth: 1
                label: qsTr("Energy")
                pixelSize: Theme.fontMetricSmall
                value: mini.connector.energyText
            }
        }
        Icon {
            id: face

            Layout.alignment: Qt.AlignHCenter
            opacity: Theme.disabledOpacity
            size: Theme.connectorIconSize
            source: Theme.connectorIcon(mini.connector.standard)
        }
        Item {
            Layout.fillHeight: true
        }
        KioskText {
            Layout.fillWidth: true
            color: Theme.textSecondary
            font.pixelSize: Theme.fontCaption
            horizontalAlignment: Text.AlignHCenter
            text: qsTr("Tap to show details")
        }
    }
    TapHandler {
        onTapped: mini.selected()
    }

    states: State {
        name: "session"
        when: mini.connector.sessionLive

        PropertyChanges {
            face.visible: false
            gauge.visible: true
            session.visible: true
        }
    }
}
