import QtQuick
import QtQuick.Layouts
import Evse

// A small touch button of Home's bottom row (language, high contrast, larger text, read
// aloud): an icon and a short text that also says the state, or the icon alone with its
// name for screen readers (`accessibleName`). `active` adds an accent frame.
Rectangle {
    id: button

    required property string text
    required property string iconName
    property bool active: false
    property string fontFamily: Theme.fontFamily
    property string accessibleName: text

    signal clicked

    Accessible.name: accessibleName
    Accessible.role: Accessible.Button
    border.color: active ? Theme.borderFocused : Theme.border
    border.width: active ? Theme.focusBorderWidth : Theme.borderWidth
    color: tap.pressed ? Theme.buttonNeutralPressed : Theme.buttonNeutral
    implicitHeight: Theme.buttonBarHeight - 2 * Theme.spacingS
    implicitWidth: row.implicitWidth + 2 * Theme.spacingM
    radius: Theme.radiusS

    RowLayout {
        id: row

        anchors.fill: parent
        anchors.leftMargin: Theme.spacingM
        anchors.rightMargin: Theme.spacingM
        spacing: Theme.spacingS

        Icon {
            name: button.iconName
            size: Theme.iconS
        }
        KioskText {
            Layout.fillWidth: true
            color: Theme.textOnButton
            font.family: button.fontFamily
            font.pixelSize: Theme.fontBody
            font.weight: Font.DemiBold
            text: button.text
            visible: text !== ""
        }
    }
    TapHandler {
        id: tap

        onTapped: button.clicked()
    }
}
