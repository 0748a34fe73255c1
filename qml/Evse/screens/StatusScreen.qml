import QtQuick
import QtQuick.Layouts
import Evse

// An active status code: the six digits, what they mean, where, and what to do.
// With several codes, or more steps than fit, a pager steps through them. In larger text
// the code's panel is wider (its meaning on fewer lines) and its warning sign smaller.
Item {
    objectName: "statusScreen"

    ColumnLayout {
        anchors.fill: parent
        anchors.margins: Theme.marginScreen
        spacing: Theme.spacingM

        RowLayout {
            Layout.fillHeight: true
            Layout.fillWidth: true
            spacing: Theme.spacingL

            Rectangle {
                Layout.fillHeight: true
                Layout.preferredWidth: Theme.largeText ? Math.round(Theme.sidePanelWidth * Theme.largeTextScale)
                                                       : Theme.sidePanelWidth
                color: Theme.surface
                radius: Theme.radiusL

                ColumnLayout {
                    anchors.fill: parent
                    anchors.margins: Theme.spacingL
                    spacing: Theme.spacingS

                    RowLayout {
                        Layout.fillWidth: true
                        spacing: Theme.spacingS

                        Icon {
                            name: "warning"
                            size: Theme.largeText ? Theme.iconM : Theme.iconL
                        }
                        KioskText {
                            Layout.fillWidth: true
                            color: Theme.textSecondary
                            font.pixelSize: Theme.fontCaption
                            text: qsTr("Status code")
                        }
                    }
                    FitText {
                        Layout.fillWidth: true
                        // larger text: a tighter box (digits have no descenders), for the lines below
                        Layout.preferredHeight: Theme.fontCode * (Theme.largeText ? 1.05 : Theme.lineHeight)
                        font.features: Theme.tabular
                        font.pixelSize: Theme.fontCode
                        font.weight: Font.Bold
                        text: Kiosk.statusCode
                    }
                    KioskText {
                        Layout.fillWidth: true
                        elide: Text.ElideNone
                        font.pixelSize: Theme.fontBodyLarge
                        font.weight: Font.Bold
                        maximumLineCount: 5
                        text: Kiosk.statusText
                        wrapMode: Text.WordWrap
                    }
                    KioskText {
                        Layout.fillWidth: true
                        color: Theme.textSecondary
                        elide: Text.ElideNone
                        maximumLineCount: 2
                        text: Kiosk.statusScopeText
                        wrapMode: Text.WordWrap
                    }
                    Item {
                        Layout.fillHeight: true
                    }
                }
            }
            ColumnLayout {
                Layout.fillHeight: true
                Layout.fillWidth: true
                spacing: Theme.spacingM

                ScreenTitle {
                    text: qsTr("What to do")
                }
                Repeater {
                    model: Kiosk.statusSteps

                    NumberedStep {
                        required property int index
                        required property string modelData

                        Layout.fillWidth: true
                        number: index + 1 + Kiosk.statusStepOffset
                        text: modelData
                    }
                }
                Item {
                    Layout.fillHeight: true
                }
                KioskText {
                    Layout.fillWidth: true
                    color: Theme.textSecondary
                    elide: Text.ElideNone
                    maximumLineCount: 3
                    text: Kiosk.statusReportText
                    visible: text !== ""
                    wrapMode: Text.WordWrap
                }
            }
        }
        RowLayout {
            Layout.fillWidth: true
            spacing: Theme.spacingM
            visible: Kiosk.statusCount > 1

            KioskButton {
                iconName: "chevron-left"
                text: qsTr("Previous")

                onClicked: Kiosk.showStatus((Kiosk.statusIndex + Kiosk.statusCount - 1) % Kiosk.statusCount)
            }
            FitText {
                Layout.fillWidth: true
                font.features: Theme.tabular
                font.pixelSize: Theme.fontBodyLarge
                font.weight: Font.DemiBold
                horizontalAlignment: Text.AlignHCenter
                text: qsTr("%1 of %2").arg(Kiosk.statusIndex + 1).arg(Kiosk.statusCount)
            }
            KioskButton {
                iconName: "chevron-right"
                text: qsTr("Next")

                onClicked: Kiosk.showStatus((Kiosk.statusIndex + 1) % Kiosk.statusCount)
            }
        }
    }
}
