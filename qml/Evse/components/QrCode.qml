import QtQuick
import Evse

// The start-charging QR code (its quiet zone is part of the image), drawn pixel-exact.
Rectangle {
    color: Theme.qrBackground
    implicitHeight: Theme.qrSize
    implicitWidth: Theme.qrSize

    Image {
        anchors.fill: parent
        cache: false
        smooth: false
        source: Kiosk.qrSource
        sourceSize.height: height
        sourceSize.width: width
    }
}
