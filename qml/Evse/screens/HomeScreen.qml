import QtQuick
import QtQuick.Layouts
import Evse

// Connectors with their state, how to authorize and the QR code, and under them the
// price that will apply, in full, before anyone plugs in. The operator's message, when
// there is one, takes the place of the second line of the prompt (the side panel still
// says how to start); the connector faces and the QR code get smaller. In larger text the
// same: no second line, a smaller QR code, and connector faces only where they still fit.
Item {
    id: screen

    // The QR code and the app cannot start a session now (the central system is unreachable):
    // the prompts name only the card, so nothing that cannot work is offered.
    readonly property bool cardOnly: !Kiosk.qrEnabled && !Kiosk.appEnabled

    objectName: "homeScreen"

    ColumnLayout {
        anchors.fill: parent
        anchors.margins: Theme.marginScreen
        spacing: Theme.spacingM

        RowLayout {
            Layout.fillHeight: true
            Layout.fillWidth: true
            spacing: Theme.spacingL

            ColumnLayout {
                Layout.fillHeight: true
                Layout.fillWidth: true
                spacing: Theme.spacingM

                ScreenTitle {
                    id: prompt

                    text: qsTr("Choose a connector and plug in")
                }
                KioskText {
                    id: subPrompt

                    Layout.fillWidth: true
                    color: Theme.textSecondary
                    elide: Text.ElideNone
                    maximumLineCount: 2
                    text: screen.cardOnly ? qsTr("Then tap your card on the reader.")
                                          : qsTr("Then tap your card, scan the QR code or use the app.")
                    visible: !message.visible && !Theme.largeText
                    wrapMode: Text.WordWrap
                }
                RowLayout {
                    Layout.fillHeight: true
                    Layout.fillWidth: true
                    spacing: Theme.spacingM

                    Repeater {
                        model: Kiosk.connectors

                        ConnectorCard {
                            required property ConnectorViewModel modelData

                            Layout.fillHeight: true
                            Layout.fillWidth: true
                            compact: Kiosk.operatorMessageText !== ""
                            connector: modelData

                            onSelected: Kiosk.selectConnector(modelData.index)
                        }
                    }
                }
            }
            AuthPanel {
                Layout.fillHeight: true
                compact: message.visible || Theme.largeText  // room for the larger words beside it
                hint: !(Theme.largeText && message.visible)
                Layout.preferredWidth: Theme.authPanelWidth
            }
        }
        OperatorMessage {
            id: message

            Layout.fillWidth: true
        }
        TariffLine {
            Layout.fillWidth: true
        }
    }

    states: [
        State {
            name: "plugged"
            when: Kiosk.focused?.awaitingAuthorization ?? false

            PropertyChanges {
                prompt.color: Theme.textAccent
                prompt.text: qsTr("Cable connected")
                subPrompt.color: Theme.textPrimary
                subPrompt.text: screen.cardOnly ? qsTr("Tap your card on the reader to start charging.")
                                                : qsTr("Tap your card on the reader or scan the QR code to start charging.")
            }
        },
        State {
            name: "single"
            when: Kiosk.connectorCount === 1

            PropertyChanges {
                prompt.text: qsTr("Plug in to charge")
                subPrompt.text: screen.cardOnly ? qsTr("Tap your card on the reader, before or after plugging in.")
                                                : qsTr("Tap your card, scan the QR code or use the app, before or after plugging in.")
            }
        }
    ]
}
