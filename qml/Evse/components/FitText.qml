import QtQuick
import Evse

// Text that shrinks (down to Theme.fontMinimum) to fit its box: for titles and big
// numbers whose translated or live text may be longer than the design sample.
KioskText {
    fontSizeMode: Text.Fit
    minimumPixelSize: Theme.fontMinimum
}
