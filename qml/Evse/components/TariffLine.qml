import QtQuick
import QtQuick.Layouts
import Evse

// The price before charging ("Price" + Kiosk.tariffText); hidden when there is none.
ColumnLayout {
    spacing: Theme.spacingXs
    visible: Kiosk.tariffText !== ""

    KioskText {
        Layout.fillWidth: true
        color: Theme.textSecondary
        font.pixelSize: Theme.fontCaption
        text: qsTr("Price")
    }
    KioskText {
        Layout.fillWidth: true
        font.weight: Font.DemiBold
        maximumLineCount: 2
        text: Kiosk.tariffText
        wrapMode: Text.WordWrap
    }
}
