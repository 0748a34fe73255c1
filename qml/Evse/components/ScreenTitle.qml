import QtQuick
import QtQuick.Layouts
import Evse

// The bold title at the top of a screen; shrinks to fit long translations.
FitText {
    Layout.fillWidth: true
    Layout.preferredHeight: font.pixelSize * Theme.lineHeight
    font.pixelSize: Theme.fontTitle
    font.weight: Font.Bold
    verticalAlignment: Text.AlignTop
}
