import QtQuick
import QtQuick.Layouts
import Evse

// One language of the language picker, named in its own language and script and set in
// that language's font; the active one is framed and ticked.
Rectangle {
    id: option

    required property string tag
    required property string name
    required property string fontFamily
    readonly property bool current: Kiosk.language === tag

    signal picked(string tag)

    border.color: current ? Theme.borderFocused : Theme.border
    border.width: current ? Theme.focusBorderWidth : Theme.borderWidth
    color: tap.pressed ? Theme.buttonNeutralPressed : (current ? Theme.surfaceFocused : Theme.buttonNeutral)
    implicitHeight: Theme.buttonHeight
    implicitWidth: Theme.buttonMinWidth
    radius: Theme.radiusM

    RowLayout {
        anchors.fill: parent
        anchors.leftMargin: Theme.spacingL
        anchors.rightMargin: Theme.spacingL
        spacing: Theme.spacingS

        FitText {
            Layout.fillWidth: true
            color: Theme.textOnButton
            font.family: option.fontFamily
            font.pixelSize: Theme.fontBodyLarge
            font.weight: Font.DemiBold
            text: option.name
        }
        Icon {
            name: "check"
            size: Theme.iconS
            visible: option.current
        }
    }
    TapHandler {
        id: tap

        onTapped: option.picked(option.tag)
    }
}
