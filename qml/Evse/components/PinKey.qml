import QtQuick
import Evse

// One key of the engineer PIN pad; `selected` marks what the physical buttons would take.
Rectangle {
    id: key

    required property string text
    property bool selected: false

    signal clicked

    border.color: selected ? Theme.borderFocused : Theme.border
    border.width: selected ? Theme.focusBorderWidth : Theme.borderWidth
    color: tap.pressed ? Theme.buttonNeutralPressed : Theme.buttonNeutral
    implicitHeight: Theme.pinKeyHeight
    implicitWidth: Theme.pinKeyWidth
    radius: Theme.radiusM

    FitText {
        anchors.fill: parent
        anchors.margins: Theme.spacingS
        color: Theme.textOnButton
        font.features: Theme.tabular
        font.pixelSize: Theme.fontBodyLarge
        font.weight: Font.DemiBold
        horizontalAlignment: Text.AlignHCenter
        text: key.text
    }
    TapHandler {
        id: tap

        onTapped: key.clicked()
    }
}
