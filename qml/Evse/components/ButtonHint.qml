import QtQuick
import QtQuick.Layouts
import Evse

// What one physical button under the screen does now; tapping it does the same.
Rectangle {
    id: hint

    required property string text

    signal activated

    color: tap.pressed ? Theme.buttonNeutralPressed : Theme.buttonNeutral
    implicitHeight: Theme.buttonBarHeight - 2 * Theme.spacingS
    implicitWidth: row.implicitWidth + 2 * Theme.spacingM
    radius: Theme.radiusS
    visible: text !== ""

    RowLayout {
        id: row

        anchors.fill: parent
        anchors.leftMargin: Theme.spacingM
        anchors.rightMargin: Theme.spacingM
        spacing: Theme.spacingS

        Icon {
            name: "chevron-down"
            size: Theme.iconS
        }
        KioskText {
            Layout.fillWidth: true
            color: Theme.textOnButton
            font.pixelSize: Theme.fontBody
            font.weight: Font.DemiBold
            text: hint.text
        }
    }
    TapHandler {
        id: tap

        onTapped: hint.activated()
    }
}
