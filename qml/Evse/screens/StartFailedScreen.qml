import QtQuick
import QtQuick.Layouts
import Evse

// A start that failed before energy flowed: what happened and the code to quote (left),
// what the driver can do, how long their card stays valid, and Try again where it may (right);
// who to call under the code. In larger text the left panel is wider (fewer lines) and its
// warning sign smaller; the steps closer together and the buttons compact.
Item {
    objectName: "startFailedScreen"

    RowLayout {
        anchors.fill: parent
        anchors.margins: Theme.marginScreen
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
                        elide: Text.ElideNone
                        font.pixelSize: Theme.fontCaption
                        maximumLineCount: 2
                        text: qsTr("Charging did not start")
                        wrapMode: Text.WordWrap
                    }
                }
                KioskText {
                    Layout.fillWidth: true
                    elide: Text.ElideNone
                    font.pixelSize: Theme.fontBodyLarge
                    font.weight: Font.Bold
                    maximumLineCount: 4
                    text: Kiosk.failedTitle
                    wrapMode: Text.WordWrap
                }
                KioskText {
                    Layout.fillWidth: true
                    color: Theme.textSecondary
                    elide: Text.ElideRight
                    maximumLineCount: 6
                    text: Kiosk.failedText
                    wrapMode: Text.WordWrap
                }
                Item {
                    Layout.fillHeight: true
                }
                KioskText {
                    Layout.fillWidth: true
                    elide: Text.ElideNone
                    font.features: Theme.tabular
                    font.weight: Font.DemiBold
                    maximumLineCount: 2
                    text: Kiosk.failedCodeText
                    visible: text !== ""
                    wrapMode: Text.WordWrap
                }
                ContactLine {
                    Layout.fillWidth: true
                    address: false
                    compact: true
                }
            }
        }
        ColumnLayout {
            Layout.fillHeight: true
            Layout.fillWidth: true
            spacing: Theme.largeText ? Theme.spacingS : Theme.spacingM  // larger text: room for the steps

            ScreenTitle {
                text: qsTr("What to do")
            }
            Repeater {
                model: Kiosk.failedSteps

                NumberedStep {
                    required property int index
                    required property string modelData

                    Layout.fillWidth: true
                    number: index + 1
                    text: modelData
                }
            }
            Item {
                Layout.fillHeight: true
            }
            FitText {
                Layout.fillWidth: true
                font.features: Theme.tabular
                font.pixelSize: Theme.fontBodyLarge
                font.weight: Font.DemiBold
                text: Kiosk.failedKeptText
                visible: text !== ""
            }
            RowLayout {
                Layout.fillWidth: true
                spacing: Theme.spacingM

                KioskButton {
                    implicitHeight: Theme.largeText ? Theme.buttonHeightCompact : Theme.buttonHeight
                    text: qsTr("Done")

                    onClicked: Kiosk.dismiss()
                }
                Item {
                    Layout.fillWidth: true
                }
                KioskButton {
                    implicitHeight: Theme.largeText ? Theme.buttonHeightCompact : Theme.buttonHeight
                    kind: "accent"
                    text: qsTr("Try again")
                    visible: Kiosk.failedTryAgain

                    onClicked: Kiosk.tryAgain(Kiosk.focusedIndex)
                }
            }
        }
    }
}
