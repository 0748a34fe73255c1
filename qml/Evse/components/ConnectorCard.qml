import QtQuick
import QtQuick.Layouts
import Evse

// One connector on the home screen: standard, side and state; the focused one is
// highlighted and marked "Selected". Touch selects it. `compact`: the face may shrink
// further (another row shares the screen's height).
Rectangle {
    id: card

    property bool compact: false
    required property ConnectorViewModel connector

    signal selected

    border.color: connector.focused ? Theme.borderFocused : Theme.border
    border.width: connector.focused ? Theme.focusBorderWidth : Theme.borderWidth
    color: connector.focused ? Theme.surfaceFocused : Theme.surface
    radius: Theme.radiusL

    ColumnLayout {
        anchors.fill: parent
        anchors.margins: card.compact ? Theme.spacingM : Theme.spacingL
        spacing: Theme.largeText ? Theme.spacingXs : Theme.spacingS

        RowLayout {
            Layout.fillWidth: true
            spacing: Theme.spacingS

            FitText {
                Layout.fillWidth: true
                color: Theme.textSecondary
                font.weight: Font.Medium
                text: card.connector.sideText
            }
            Tag {
                Layout.maximumWidth: card.width / 2
                opacity: card.connector.focused && Kiosk.connectorCount > 1 ? 1 : 0
                text: qsTr("Selected")
            }
        }
        Item {
            Layout.fillHeight: true
        }
        // As large as the design wants, smaller when the card is short (a long price below);
        // in larger text it gives way to the words first, and goes when it would be too small.
        Item {
            id: face

            Layout.fillHeight: true
            Layout.fillWidth: true
            Layout.maximumHeight: Theme.connectorIconSize
            Layout.minimumHeight: Theme.largeText ? 0 : card.compact ? Theme.iconS : Theme.iconL
            Layout.preferredHeight: Theme.connectorIconSize

            Icon {
                visible: face.height >= Theme.iconS
                anchors.centerIn: parent
                size: Math.min(face.height, face.width)
                source: Theme.connectorIcon(card.connector.standard)
            }
        }
        FitText {
            Layout.fillWidth: true
            font.pixelSize: Theme.fontTitle
            font.weight: Font.Bold
            horizontalAlignment: Text.AlignHCenter
            text: card.connector.standard
        }
        Item {
            Layout.fillHeight: true
        }
        StateBadge {
            Layout.alignment: Qt.AlignHCenter
            Layout.maximumWidth: card.width - 2 * Theme.spacingL
            connector: card.connector
            wraps: true
        }
    }
    TapHandler {
        onTapped: card.selected()
    }
}
