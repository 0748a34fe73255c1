import QtQuick
import QtQuick.Layouts
import Evse

// Large touch button. `kind` is "accent", "neutral" or "danger".
Rectangle {
    id: button

    required property string text
    property string iconName: ""
    property string kind: "neutral"
    property color textColor: Theme.textOnButton
    property color fill: Theme.buttonNeutral
    property color fillPressed: Theme.buttonNeutralPressed

    signal clicked

    color: tap.pressed ? fillPressed : fill
    implicitHeight: Theme.buttonHeight
    implicitWidth: Math.max(Theme.buttonMinWidth, content.implicitWidth + 2 * Theme.spacingL)
    radius: Theme.radiusM

    RowLayout {
        id: content

        anchors.centerIn: parent
        spacing: Theme.spacingS
        width: Math.min(implicitWidth, button.width - 2 * Theme.spacingM)

        Icon {
            name: button.iconName
            size: Theme.iconS
            visible: button.iconName !== ""
        }
        FitText {
            Layout.fillWidth: true
            color: button.textColor
            font.pixelSize: Theme.fontBodyLarge
            font.weight: Font.DemiBold
            horizontalAlignment: Text.AlignHCenter
            text: button.text
        }
    }
    TapHandler {
        id: tap

        onTapped: button.clicked()
    }

    states: [
        State {
            name: "accent"
            when: button.kind === "accent"

            PropertyChanges {
                button.fill: Theme.accent
                button.fillPressed: Theme.accentPressed
                button.textColor: Theme.textOnAccent
            }
        },
        State {
            name: "danger"
            when: button.kind === "danger"

            PropertyChanges {
                button.fill: Theme.danger
                button.fillPressed: Theme.dangerPressed
                button.textColor: Theme.textOnDanger
            }
        }
    ]
}
