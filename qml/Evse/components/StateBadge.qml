import QtQuick
import QtQuick.Layouts
import Evse

// LED dot plus the translated state word of a connector.
RowLayout {
    id: badge

    required property ConnectorViewModel connector
    property int pixelSize: Theme.fontBodyLarge
    // A second line for a state that does not fit on one even at the smallest size (a narrow card)
    property bool wraps: false
    // the width it wraps at: its layout's maximum unless a user says otherwise
    property real wrapWidth: Layout.maximumWidth
    readonly property bool twoLines: wraps && smallest.advanceWidth > wrapWidth - led.width - spacing

    // As wide as its text unless a user stretches it; shrinks the text when narrow.
    Layout.fillWidth: false
    spacing: Theme.spacingS

    TextMetrics {
        id: smallest

        font.family: Theme.fontFamily
        font.pixelSize: Theme.fontMinimum
        font.weight: Font.DemiBold
        text: badge.connector.stateText
    }
    LedIndicator {
        id: led

        blinking: badge.connector.ledBlinking
        ledColour: badge.connector.ledColour
    }
    FitText {
        Layout.fillWidth: true
        Layout.maximumWidth: implicitWidth
        font.pixelSize: badge.pixelSize
        font.weight: Font.DemiBold
        // two lines at most (three in larger text): Text.Fit shrinks the text to that height
        Layout.preferredHeight: badge.twoLines ? Math.ceil(badge.pixelSize * (Theme.largeText ? 3.9 : 2.6)) : -1
        text: badge.connector.stateText
        wrapMode: badge.twoLines ? Text.WordWrap : Text.NoWrap
    }
}
