pragma ComponentBehavior: Bound

import QtQuick
import QtQuick.Layouts
import Evse

// Home while the display sleeps in attract mode (Kiosk.displayLook "attract"): how to start
// and the price, white on black at low brightness. The content moves one step a minute
// (Kiosk.attractX / attractY, -1..1 of the room left around it) so that nothing burns in.
Rectangle {
    id: attract

    color: Theme.sleepBackground
    objectName: "modalLayer"  // covers the screen: the text checks look only at this

    ColumnLayout {
        id: content

        spacing: Theme.spacingL
        width: attract.width * Theme.attractWidthShare
        x: Theme.marginScreen + (attract.width - 2 * Theme.marginScreen - width) / 2 * (1 + Kiosk.attractX)
        y: Theme.marginScreen + (attract.height - 2 * Theme.marginScreen - height) / 2 * (1 + Kiosk.attractY)

        Icon {
            Layout.alignment: Qt.AlignHCenter
            name: "rfid"
            size: Theme.iconXl
        }
        KioskText {
            Layout.fillWidth: true
            elide: Text.ElideNone
            font.pixelSize: Theme.fontAttract
            font.weight: Font.Bold
            horizontalAlignment: Text.AlignHCenter
            maximumLineCount: 3
            text: qsTr("Touch the screen or tap a card to start")
            wrapMode: Text.WordWrap
        }
        Repeater {
            model: Kiosk.tariffLines

            KioskText {
                required property string modelData

                Layout.fillWidth: true
                color: Theme.textSecondary
                elide: Text.ElideNone
                font.pixelSize: Theme.fontTitle
                font.weight: Font.DemiBold
                horizontalAlignment: Text.AlignHCenter
                maximumLineCount: Theme.largeText ? 3 : 2  // larger text: a line more, not a cut
                text: modelData
                wrapMode: Text.WordWrap
            }
        }
    }
}
