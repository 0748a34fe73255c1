pragma ComponentBehavior: Bound

import QtQuick
import QtQuick.Layouts
import Evse

// A running session while the display is dimmed (Kiosk.displayLook "glance"): the state of
// charge and the power as large as the panel allows, with the energy and the time, readable
// from a step away at dim brightness. Two sessions stand side by side.
Rectangle {
    id: glance

    readonly property bool dual: Kiosk.connectorCount > 1

    color: Theme.sleepBackground
    objectName: "modalLayer"  // covers the screen: the text checks look only at this

    RowLayout {
        anchors.fill: parent
        anchors.margins: Theme.marginScreen
        spacing: Theme.spacingXl

        Repeater {
            model: Kiosk.connectors

            ColumnLayout {
                id: panel

                required property ConnectorViewModel modelData

                Layout.fillHeight: true
                Layout.fillWidth: true
                Layout.preferredWidth: 1
                spacing: Theme.spacingS
                visible: modelData.sessionRunning

                ConnectorIdentity {
                    Layout.fillWidth: true
                    connector: panel.modelData
                    visible: glance.dual
                }
                KioskText {
                    Layout.fillWidth: true
                    color: Theme.textAccent
                    font.pixelSize: Theme.fontTitle
                    font.weight: Font.DemiBold
                    text: panel.modelData.stateText
                }
                // One session: the state of charge beside the power; two: one above the other.
                GridLayout {
                    Layout.fillHeight: true
                    Layout.fillWidth: true
                    columnSpacing: Theme.spacingXl
                    columns: glance.dual ? 1 : 2
                    rowSpacing: Theme.spacingS

                    FitText {
                        Layout.fillHeight: true
                        Layout.fillWidth: true
                        Layout.preferredWidth: 1
                        font.features: Theme.tabular
                        font.pixelSize: glance.dual ? Theme.fontGlanceDual : Theme.fontGlance
                        font.weight: Font.Bold
                        text: panel.modelData.socText
                        visible: text !== ""
                    }
                    ColumnLayout {
                        Layout.alignment: Qt.AlignBottom
                        Layout.fillWidth: true
                        Layout.preferredWidth: 1
                        spacing: Theme.spacingS

                        PowerReadout {
                            Layout.fillWidth: true
                            pixelSize: glance.dual ? Theme.fontDisplay : Theme.fontHero
                            powerText: panel.modelData.powerText
                        }
                        RowLayout {
                            Layout.fillWidth: true
                            spacing: Theme.spacingL

                            FitText {
                                Layout.fillWidth: true
                                font.features: Theme.tabular
                                font.pixelSize: Theme.fontTitle
                                font.weight: Font.DemiBold
                                text: panel.modelData.energyText
                            }
                            FitText {
                                Layout.fillWidth: true
                                color: Theme.textSecondary
                                font.features: Theme.tabular
                                font.pixelSize: Theme.fontTitle
                                horizontalAlignment: Text.AlignRight
                                text: panel.modelData.elapsedText
                            }
                        }
                    }
                }
            }
        }
    }
}
