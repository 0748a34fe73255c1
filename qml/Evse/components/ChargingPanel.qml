import QtQuick
import QtQuick.Layouts
import Evse

// Full live view of one charging session: SOC gauge, power, the other readings, the
// power over the session (a chart), notes on power limits or why no power flows yet
// (QueueNotice, in the chart's place), and the Stop button. `wide`
// is the single-session layout (gauge beside everything, the chart beside the power);
// otherwise the readings go under gauge and power with the chart beside them, and the
// panel is framed as the focused one of two. In larger text the panel shows less: no chart,
// and the essential readings only (energy, time to target, cost) in one row.
Rectangle {
    id: panel

    required property ConnectorViewModel connector
    property bool wide: true
    // Larger text: voltage, current and elapsed time give way to the larger essentials ...
    readonly property bool essentialsOnly: Theme.largeText
    // ... and on a panel of two the notes on power limits go too (why no power flows yet
    // stays), the connector's icon is smaller and the gauge grows into the row they leave.
    readonly property bool dualLarge: Theme.largeText && !wide
    readonly property int smallRing: dualLarge ? Math.round(Theme.socRingSmall * Theme.largeTextScale)
                                               : Theme.socRingSmall

    border.color: wide ? Theme.transparent : Theme.borderFocused
    border.width: wide ? 0 : Theme.focusBorderWidth
    color: wide ? Theme.transparent : Theme.surfaceFocused
    radius: Theme.radiusL

    ColumnLayout {
        anchors.fill: parent
        anchors.margins: panel.wide ? 0 : Theme.spacingM
        spacing: panel.wide ? Theme.spacingM : Theme.spacingS

        RowLayout {
            Layout.fillWidth: true
            spacing: Theme.spacingL

            ConnectorIdentity {
                Layout.fillWidth: true
                connector: panel.connector
                // in larger text the standard and side are never cut: the state beside them wraps
                Layout.minimumWidth: panel.dualLarge ? implicitWidth : 0
                iconSize: panel.dualLarge ? Theme.iconM : Theme.iconL
            }
            StateBadge {
                Layout.maximumWidth: panel.width / 3
                connector: panel.connector
                pixelSize: panel.wide ? Theme.fontBodyLarge : Theme.fontBody
                wraps: Theme.largeText  // a long state on two lines rather than cut
            }
            KioskButton {
                implicitHeight: panel.wide ? Theme.buttonHeight : Theme.buttonHeightCompact
                iconName: "stop"
                kind: "danger"
                text: qsTr("Stop")
                visible: panel.connector.canStop

                onClicked: Kiosk.stopCharging(panel.connector.index)
            }
        }
        GridLayout {
            Layout.fillHeight: true
            Layout.fillWidth: true
            columnSpacing: Theme.spacingXl
            columns: 2
            rowSpacing: panel.wide ? Theme.spacingL : Theme.spacingS

            SocGauge {
                Layout.alignment: Qt.AlignCenter
                Layout.column: 0
                Layout.preferredHeight: panel.wide ? Theme.socRingSize : panel.smallRing
                Layout.preferredWidth: panel.wide ? Theme.socRingSize : panel.smallRing
                Layout.row: 0
                Layout.rowSpan: panel.wide ? 2 : 1
                connector: panel.connector
                pixelSize: panel.wide ? Theme.fontDisplay : Theme.fontHeadline
                thickness: panel.wide ? Theme.ringThickness : Theme.ringThickness * 3 / 4
            }
            GridLayout {
                Layout.alignment: Qt.AlignBottom
                Layout.column: 1
                Layout.fillWidth: true
                Layout.row: 0
                columnSpacing: Theme.spacingL
                columns: panel.wide ? 2 : 1
                rowSpacing: Theme.spacingS

                PowerReadout {
                    Layout.fillWidth: !panel.wide
                    pixelSize: panel.wide ? Theme.fontHero : Theme.fontDisplay
                    powerText: panel.connector.powerText
                    visible: panel.wide || !queue.visible  // beside the gauge of two, the notice takes its place
                }
                ColumnLayout {
                    Layout.alignment: panel.wide ? Qt.AlignTop : Qt.AlignLeft
                    Layout.fillWidth: true
                    spacing: Theme.spacingS

                    PowerChart {
                        Layout.fillWidth: true
                        limitKw: panel.connector.maxPowerKw
                        scaleKw: panel.connector.chartScaleKw
                        scaleText: panel.connector.chartScaleText
                        values: panel.connector.powerHistory
                        visible: panel.wide && !queue.visible && !Theme.largeText
                    }
                    // No power yet: why, and when charging starts by itself (in the chart's place).
                    QueueNotice {
                        id: queue

                        Layout.fillWidth: true
                        compact: !panel.wide
                        connector: panel.connector
                    }
                    // One note fits beside the gauge on a dual panel: the limit that holds
                    // wins, with the shared icon while the power is shared.
                    InfoChip {
                        Layout.fillWidth: true
                        Layout.maximumWidth: implicitWidth
                        iconName: panel.connector.sharedPower ? "shared" : "info-line"
                        text: panel.connector.limitText
                        visible: text !== "" && !panel.dualLarge
                    }
                    InfoChip {
                        Layout.fillWidth: true
                        Layout.maximumWidth: implicitWidth
                        iconName: "shared"
                        text: qsTr("Power shared with the other connector")
                        textColor: Theme.textSecondary
                        visible: panel.connector.sharedPower && panel.connector.limitText === "" && !panel.dualLarge
                    }
                }
            }
            RowLayout {
                Layout.column: panel.wide ? 1 : 0
                Layout.columnSpan: panel.wide ? 1 : 2
                Layout.fillWidth: true
                Layout.row: 1
                spacing: Theme.spacingL

                GridLayout {
                    Layout.fillWidth: true
                    columnSpacing: panel.wide ? Theme.spacingL : Theme.spacingM
                    columns: 3
                    rowSpacing: Theme.spacingS

                    MetricTile {
                        Layout.fillWidth: true
                        Layout.preferredWidth: 1
                        label: qsTr("Voltage")
                        visible: !panel.essentialsOnly
                        pixelSize: panel.wide ? Theme.fontMetric : Theme.fontMetricSmall
                        value: panel.connector.voltageText
                    }
                    MetricTile {
                        Layout.fillWidth: true
                        Layout.preferredWidth: 1
                        label: qsTr("Current")
                        visible: !panel.essentialsOnly
                        pixelSize: panel.wide ? Theme.fontMetric : Theme.fontMetricSmall
                        value: panel.connector.currentText
                    }
                    MetricTile {
                        Layout.fillWidth: true
                        Layout.preferredWidth: 1
                        label: qsTr("Energy")
                        pixelSize: panel.wide ? Theme.fontMetric : Theme.fontMetricSmall
                        value: panel.connector.energyText
                    }
                    MetricTile {
                        Layout.fillWidth: true
                        Layout.preferredWidth: 1
                        label: qsTr("Elapsed")
                        visible: !panel.essentialsOnly
                        pixelSize: panel.wide ? Theme.fontMetric : Theme.fontMetricSmall
                        value: panel.connector.elapsedText
                    }
                    MetricTile {
                        Layout.fillWidth: true
                        Layout.preferredWidth: 1
                        label: qsTr("Time to target")
                        pixelSize: panel.wide ? Theme.fontMetric : Theme.fontMetricSmall
                        value: panel.connector.etaText
                    }
                    MetricTile {
                        Layout.fillWidth: true
                        Layout.preferredWidth: 1
                        label: qsTr("Cost so far")
                        pixelSize: panel.wide ? Theme.fontMetric : Theme.fontMetricSmall
                        value: panel.connector.costText
                    }
                }
                PowerChart {
                    Layout.fillHeight: true
                    Layout.preferredWidth: Theme.chartHeight * 3 / 2
                    limitKw: panel.connector.maxPowerKw
                    scaleKw: panel.connector.chartScaleKw
                    scaleText: panel.connector.chartScaleText
                    values: panel.connector.powerHistory
                    visible: !panel.wide && !Theme.largeText
                }
            }
        }
    }
}
