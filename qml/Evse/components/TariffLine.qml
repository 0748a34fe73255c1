pragma ComponentBehavior: Bound

import QtQuick
import QtQuick.Layouts
import Evse

// The price before charging: "Price", then each component (energy, time, session fee,
// idle fee) from Kiosk.tariffLines, separated by dots; a component wraps onto the next
// row as a whole (or, when longer than a row, within itself). Hidden when charging is free.
RowLayout {
    spacing: Theme.spacingM
    visible: Kiosk.tariffLines.length > 0

    KioskText {
        Layout.alignment: Qt.AlignTop
        color: Theme.textSecondary
        font.pixelSize: Theme.fontCaption
        text: qsTr("Price")
        verticalAlignment: Text.AlignTop
    }
    Flow {
        id: flow

        Layout.fillWidth: true
        spacing: Theme.spacingS

        Repeater {
            model: Kiosk.tariffLines

            Row {
                id: component

                required property int index
                required property string modelData

                spacing: Theme.spacingS

                Rectangle {
                    anchors.verticalCenter: parent.verticalCenter
                    color: Theme.textSecondary
                    height: Theme.separatorDot
                    radius: height / 2
                    visible: component.index > 0
                    width: Theme.separatorDot
                }
                KioskText {
                    elide: Text.ElideNone
                    font.weight: Font.DemiBold
                    maximumLineCount: 2
                    text: component.modelData
                    verticalAlignment: Text.AlignTop
                    width: Math.min(implicitWidth, flow.width - 2 * Theme.spacingS - Theme.separatorDot)
                    wrapMode: Text.WordWrap
                }
            }
        }
    }
}
