import QtQuick
import Evse

// Text with the kiosk's font and colour defaults; elides rather than overflows.
Text {
    color: Theme.textPrimary
    elide: Text.ElideRight
    font.family: Theme.fontFamily
    font.pixelSize: Theme.fontBody
    verticalAlignment: Text.AlignVCenter
}
