pragma ComponentBehavior: Bound

import QtQuick
import QtQuick.Layouts
import Evse

// Live charging data. With two connectors both are on screen: the focused one in
// full, the other compactly (touch selects it). The operator's message, when there is one,
// has its own row under them, in place of the hint (the Stop button and the button bar
// still say how to stop).
Item {
    id: screen

    readonly property ConnectorViewModel connector: Kiosk.focused
    readonly property bool dual: Kiosk.connectorCount > 1

    objectName: "chargingScreen"

    ColumnLayout {
        anchors.fill: parent
        anchors.margins: Theme.marginScreen
        spacing: Theme.spacingM
        visible: screen.connector !== null

        RowLayout {
            Layout.fillHeight: true
            Layout.fillWidth: true
            spacing: Theme.spacingM

            Repeater {
                model: Kiosk.connectors

                Item {
                    id: slot

                    required property ConnectorViewModel modelData
                    readonly property bool full: modelData.focused || !screen.dual

                    Layout.fillHeight: true
                    Layout.fillWidth: true
                    Layout.preferredWidth: full ? Theme.focusedPanelWeight : Theme.otherPanelWeight
                    implicitHeight: full ? fullPanel.implicitHeight : miniPanel.implicitHeight
                    implicitWidth: full ? fullPanel.implicitWidth : miniPanel.implicitWidth

                    ChargingPanel {
                        id: fullPanel

                        anchors.fill: parent
                        connector: slot.modelData
                        visible: slot.full
                        wide: !screen.dual
                    }
                    ConnectorMini {
                        id: miniPanel

                        anchors.fill: parent
                        connector: slot.modelData
                        visible: !slot.full

                        onSelected: Kiosk.selectConnector(slot.modelData.index)
                    }
                }
            }
        }
        OperatorMessage {
            id: message

            Layout.fillWidth: true
        }
        KioskText {
            Layout.fillWidth: true
            color: Theme.textSecondary
            text: qsTr("Tap your card or press Stop to end charging")
            visible: !message.visible
        }
    }
}
