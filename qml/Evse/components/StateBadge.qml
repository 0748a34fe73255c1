import QtQuick
import QtQuick.Layouts
import Evse

// LED dot plus the translated state word of a connector.
RowLayout {
    id: badge

    required property ConnectorViewModel connector
    property int pixelSize: Theme.fontBodyLarge

    // As wide as its text unless a user stretches it; shrinks the text when narrow.
    Layout.fillWidth: false
    spacing: Theme.spacingS

    LedIndicator {
        blinking: badge.connector.ledBlinking
        ledColour: badge.connector.ledColour
    }
    FitText {
        Layout.fillWidth: true
        Layout.maximumWidth: implicitWidth
        font.pixelSize: badge.pixelSize
        font.weight: Font.DemiBold
        text: badge.connector.stateText
    }
}
