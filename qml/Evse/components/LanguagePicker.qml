pragma ComponentBehavior: Bound

import QtQuick
import QtQuick.Layouts
import Evse

// The languages offered on this charger, over a dimmed screen: a tap on one switches the
// kiosk for this visit (Kiosk.setLanguage); a tap beside the card closes it.
Item {
    id: picker

    property bool open: false
    // Kiosk.homeReturns when the picker was opened (Main.qml sets it with open): a return to
    // Home after inactivity since then closes it. (Not a handler on the count's change: the
    // count's first evaluation, as the picker is made, would close it at once once the
    // charger has ever gone back to Home.)
    property int openedAtReturn: 0

    objectName: "modalLayer"  // the text checks look only at this while it is shown
    visible: open && Kiosk.preferencesVisible && Kiosk.homeReturns === openedAtReturn

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
