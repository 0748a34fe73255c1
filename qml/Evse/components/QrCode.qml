import QtQuick
import Evse

// A QR code (its quiet zone is part of the image), drawn pixel-exact: by default the
// start-charging code of Home; the Summary screen shows the receipt link with it.
Rectangle {
    id: qr

    property string source: Kiosk.qrSource

    color: Theme.qrBackground
    implicitHeight: Theme.qrSize
    implicitWidth: Theme.qrSize

    Image {
        anchors.fill: parent
        cache: false
        smooth: false
        source: qr.source
        sourceSize.height: height
        sourceSize.width: width
    }
}
