import QtQuick
import Evse

// A QR code (its quiet zone is part of the image), drawn pixel-exact: by default the
// start-charging code of Home; the Summary screen shows the receipt link with it.
// `covered`: the code cannot be used now (the backend is unreachable, the network module
// is down). It is then not drawn at all, so no phone can read a start link that can never
// start this charger: a struck-through QR symbol takes its place, and the caption under
// it (AuthPanel) says why and what to use instead.
Rectangle {
    id: qr

    property bool covered: false
    property string source: Kiosk.qrSource

    color: covered ? Theme.background : Theme.qrBackground
    border.color: Theme.border
    border.width: covered ? Math.max(2, Math.round(Theme.px(2))) : 0
    implicitHeight: Theme.qrSize
    implicitWidth: Theme.qrSize
    radius: covered ? Theme.radiusM : 0

    Image {
        anchors.fill: parent
        cache: false
        smooth: false
        source: qr.covered ? "" : qr.source
        sourceSize.height: height
        sourceSize.width: width
        visible: !qr.covered
    }
    Item {
        anchors.centerIn: parent
        height: symbol.height
        visible: qr.covered
        width: symbol.width

        Icon {
            id: symbol

            name: "qr"
            opacity: Theme.disabledOpacity
            size: Math.round(qr.width * 0.5)
        }
        Rectangle {
            anchors.centerIn: parent
            antialiasing: true
            color: Theme.textDisabled
            height: Math.max(3, Math.round(Theme.px(4)))
            radius: height / 2
            rotation: -45
            width: Math.round(symbol.width * 1.3)
        }
    }
}
