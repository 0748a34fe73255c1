import QtQuick
import Evse

// A QR code (its quiet zone is part of the image), drawn pixel-exact: by default the
// start-charging code of Home; the Summary screen shows the receipt link with it.
// `dimmed` darkens it (it cannot be used now, e.g. while the backend is unreachable).
Rectangle {
    id: qr

    property bool dimmed: false
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
    Rectangle {
        anchors.fill: parent
        color: Theme.background
        opacity: 1 - Theme.disabledOpacity
        visible: qr.dimmed
    }
}
