pragma ComponentBehavior: Bound

import QtQuick
import QtQuick.Layouts
import Evse

// The languages offered on this charger, over a dimmed screen: a tap on one switches the
// kiosk for this visit (Kiosk.setLanguage); a tap beside the card closes it.
Item {
    id: picker

    property bool open: false
    // Back to Home after inactivity (counted by Kiosk.homeReturns): the picker closes.
    readonly property int homeReturns: Kiosk.homeReturns

    objectName: "modalLayer"  // the text checks look only at this while it is shown
    visible: open && Kiosk.preferencesVisible

    onHomeReturnsChanged: open = false

    Rectangle {
        anchors.fill: parent
        color: Theme.scrim

        MouseArea {
            anchors.fill: parent

            onClicked: picker.open = false
        }
    }
    Rectangle {
        anchors.centerIn: parent
        border.color: Theme.border
        border.width: Theme.borderWidth
        color: Theme.surface
        implicitHeight: content.implicitHeight + 2 * Theme.spacingL
        radius: Theme.radiusL
        width: Math.min(parent.width - 2 * Theme.marginScreen, Theme.languagePickerWidth)

        MouseArea {
            anchors.fill: parent  // taps on the card do not close it
        }
        ColumnLayout {
            id: content

            anchors.left: parent.left
            anchors.margins: Theme.spacingL
            anchors.right: parent.right
            anchors.top: parent.top
            spacing: Theme.spacingM

            RowLayout {
                Layout.fillWidth: true
                spacing: Theme.spacingM

                Icon {
                    name: "language"
                    size: Theme.iconM
                }
                ScreenTitle {
                    text: qsTr("Choose your language")
                    verticalAlignment: Text.AlignVCenter
                }
            }
            GridLayout {
                Layout.fillWidth: true
                columnSpacing: Theme.spacingM
                columns: 2
                rowSpacing: Theme.spacingM

                Repeater {
                    model: Kiosk.languages

                    LanguageOption {
                        required property var modelData

                        Layout.fillWidth: true
                        Layout.preferredWidth: 1
                        fontFamily: modelData.fontFamily
                        name: modelData.name
                        tag: modelData.tag

                        onPicked: tag => {
                            Kiosk.setLanguage(tag);
                            picker.open = false;
                        }
                    }
                }
            }
        }
    }
}
