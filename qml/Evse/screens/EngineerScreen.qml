pragma ComponentBehavior: Bound

import QtQuick
import QtQuick.Layouts
import Evse

// For technicians (English, not translated): versions and self-test, live bus values,
// status codes with their history, the code look-up of `evse-hmi codes` and the security log, one page
// at a time (tabs by touch, the right button moves on; the left button or Exit leaves).
Item {
    objectName: "engineerScreen"

    ColumnLayout {
        anchors.fill: parent
        anchors.margins: Theme.marginScreen
        spacing: Theme.spacingM

        RowLayout {
            Layout.fillWidth: true
            spacing: Theme.spacingS

            Repeater {
                model: Kiosk.engineerTabs

                PinKey {
                    required property int index
                    required property string modelData

                    Layout.fillWidth: true
                    implicitHeight: Theme.buttonHeightCompact
                    selected: Kiosk.engineerPage === index
                    text: modelData

                    onClicked: Kiosk.engineerShowPage(index)
                }
            }
            PinKey {
                implicitHeight: Theme.buttonHeightCompact
                text: "Exit"

                onClicked: Kiosk.engineerExit()
            }
        }
        // Overview and connectors: panels side by side.
        RowLayout {
            Layout.fillHeight: true
            Layout.fillWidth: true
            spacing: Theme.spacingM
            visible: Kiosk.engineerColumns.length > 0

            Repeater {
                model: Kiosk.engineerColumns

                Rectangle {
                    id: panel

                    required property var modelData

                    Layout.fillHeight: true
                    Layout.fillWidth: true
                    Layout.preferredWidth: 1
                    color: Theme.surface
                    radius: Theme.radiusL

                    ColumnLayout {
                        anchors.fill: parent
                        anchors.margins: Theme.spacingM
                        spacing: Theme.spacingXs

                        KioskText {
                            Layout.fillWidth: true
                            font.weight: Font.Bold
                            text: panel.modelData.title
                        }
                        Repeater {
                            model: panel.modelData.lines

                            KioskText {
                                required property string modelData

                                Layout.fillWidth: true
                                elide: Text.ElideNone
                                font.features: Theme.tabular
                                font.pixelSize: Theme.fontCaption
                                text: modelData
                                wrapMode: Text.Wrap
                            }
                        }
                        Item {
                            Layout.fillHeight: true
                        }
                    }
                }
            }
        }
        // Status codes: tap one to look it up.
        Rectangle {
            Layout.fillHeight: true
            Layout.fillWidth: true
            color: Theme.surface
            radius: Theme.radiusL
            visible: Kiosk.engineerPage === 2

            ColumnLayout {
                anchors.fill: parent
                anchors.margins: Theme.spacingM
                spacing: Theme.spacingXs

                Repeater {
                    model: Kiosk.engineerCodes

                    KioskText {
                        required property var modelData

                        Layout.fillWidth: true
                        font.features: Theme.tabular
                        font.pixelSize: Theme.fontCaption
                        text: modelData.text

                        TapHandler {
                            onTapped: Kiosk.engineerLookup(parent.modelData.code)
                        }
                    }
                }
                Item {
                    Layout.fillHeight: true
                }
            }
        }
        // Look-up: a six-digit code or words, as `evse-hmi codes`.
        Rectangle {
            Layout.fillHeight: true
            Layout.fillWidth: true
            color: Theme.surface
            radius: Theme.radiusL
            visible: Kiosk.engineerPage === 3

            ColumnLayout {
                anchors.fill: parent
                anchors.margins: Theme.spacingM
                spacing: Theme.spacingXs

                Rectangle {
                    Layout.fillWidth: true
                    border.color: Theme.border
                    border.width: Theme.borderWidth
                    color: Theme.background
                    implicitHeight: Theme.buttonHeightCompact
                    radius: Theme.radiusS

                    TextInput {
                        id: query

                        anchors.fill: parent
                        anchors.margins: Theme.spacingS
                        color: Theme.textPrimary
                        font.family: Theme.fontFamily
                        font.pixelSize: Theme.fontBody
                        text: Kiosk.engineerQuery
                        verticalAlignment: TextInput.AlignVCenter

                        onAccepted: Kiosk.engineerLookup(text)
                    }
                }
                Repeater {
                    model: Kiosk.engineerLookupLines

                    KioskText {
                        required property string modelData

                        Layout.fillWidth: true
                        elide: Text.ElideNone
                        font.pixelSize: Theme.fontCaption
                        text: modelData
                        wrapMode: Text.Wrap
                    }
                }
                Item {
                    Layout.fillHeight: true
                }
            }
        }
        // Security log: the latest events, newest first, and whether the central system has them.
        Rectangle {
            Layout.fillHeight: true
            Layout.fillWidth: true
            color: Theme.surface
            radius: Theme.radiusL
            visible: Kiosk.engineerPage === 4

            ColumnLayout {
                anchors.fill: parent
                anchors.margins: Theme.spacingM
                spacing: Theme.spacingXs

                Repeater {
                    model: Kiosk.engineerSecurityLines

                    KioskText {
                        required property string modelData

                        Layout.fillWidth: true
                        elide: Text.ElideNone
                        font.features: Theme.tabular
                        font.pixelSize: Theme.fontCaption
                        text: modelData
                        wrapMode: Text.Wrap
                    }
                }
                Item {
                    Layout.fillHeight: true
                }
                // Clearing is itself logged (SecurityLogWasCleared); events still owed to the central system stay.
                PinKey {
                    Layout.alignment: Qt.AlignRight
                    implicitHeight: Theme.buttonHeightCompact
                    text: "Clear log"

                    onClicked: Kiosk.engineerClearSecurityLog()
                }
            }
        }
        KioskText {
            Layout.fillWidth: true
            color: Theme.textSecondary
            font.pixelSize: Theme.fontCaption
            text: Kiosk.engineerFooterText
        }
    }
}
