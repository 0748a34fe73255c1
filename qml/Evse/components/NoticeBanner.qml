import QtQuick
import QtQuick.Layouts
import Evse

// Transient message over any screen (e.g. "Card not recognised"); error styling on
// Kiosk.noticeIsError. Hidden while Kiosk.noticeText is empty.
Rectangle {
    id: banner

    color: Kiosk.noticeIsError ? Theme.noticeError : Theme.noticeInfo
    implicitHeight: Math.max(Theme.headerHeight - 2 * Theme.spacingXs, message.implicitHeight + 2 * Theme.spacingS)
    opacity: Kiosk.noticeText !== "" ? 1 : 0
    radius: Theme.radiusS
    visible: opacity > 0

    Behavior on opacity {
        enabled: Theme.motion

        NumberAnimation {
            duration: Theme.fadeDuration
        }
    }

    RowLayout {
        anchors.fill: parent
        anchors.leftMargin: Theme.spacingL
        anchors.rightMargin: Theme.spacingL
        spacing: Theme.spacingM

        Icon {
            name: Kiosk.noticeIsError ? "error" : "info"
            size: Theme.iconS
        }
        KioskText {
            id: message

            Layout.fillWidth: true
            color: Theme.textOnNotice
            elide: Text.ElideNone
            // over the header, so in larger text no larger than the (larger) body: 24 px on 1024x600
            font.pixelSize: Theme.largeText ? Theme.fontBody : Theme.fontBodyLarge
            font.weight: Font.DemiBold
            maximumLineCount: 2
            text: Kiosk.noticeText
            wrapMode: Text.WordWrap
        }
    }
}
