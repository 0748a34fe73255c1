import QtQuick
import QtQuick.Layouts
import Evse

// Who to call ([station]): "Help: +1 (800) 555-0142 · Operated by Pacific Charge Co. · 1200
// Harbor Blvd, Oakland, CA" after a telephone. The phone comes first and is printed as
// configured (never translated, never broken across lines); `address` adds the site's
// address, which the helpdesk asks for. `compact`: one line, the operator left out when
// the line would not hold it (Home's header). Hidden when nothing is configured.
RowLayout {
    id: line

    property bool address: true
    property bool compact: false
    property int lines: 3  // at most, when not compact
    readonly property string help: Kiosk.contactPhone !== "" ? qsTr("Help: %1").arg(Kiosk.contactPhone.replace(/ /g, "\u00a0")) : ""
    readonly property string operator: Kiosk.contactOperator !== "" ? qsTr("Operated by %1").arg(Kiosk.contactOperator) : ""
    readonly property string full: [help, operator, address ? Kiosk.contactAddress : ""].filter(part => part !== "").join(" · ")
    // the least a compact line needs: the telephone and the number alone
    readonly property real leastWidth: phoneIcon.width + spacing + Math.ceil(numberMetrics.advanceWidth)

    spacing: Theme.spacingS
    visible: full !== ""

    Icon {
        id: phoneIcon

        Layout.alignment: line.compact ? Qt.AlignVCenter : Qt.AlignTop
        name: "phone"
        size: Theme.iconS
        visible: Kiosk.contactPhone !== ""
    }
    KioskText {
        id: label

        Layout.fillWidth: true
        Layout.preferredWidth: line.compact ? 0 : -1  // compact: the room the row leaves, whatever the text
        color: Theme.textSecondary
        elide: Text.ElideNone
        font.pixelSize: Theme.fontCaption
        maximumLineCount: line.compact ? 1 : line.lines
        // compact: the whole line if it fits, else the helpdesk, else its number alone (after the telephone)
        text: !line.compact || line.help === "" || fullMetrics.advanceWidth <= room ? line.full : helpMetrics.advanceWidth <= room ? line.help : Kiosk.contactPhone.replace(/ /g, "\u00a0")
        verticalAlignment: line.compact ? Text.AlignVCenter : Text.AlignTop
        wrapMode: line.compact ? Text.NoWrap : Text.WordWrap

        readonly property real room: line.width - phoneIcon.width - line.spacing

        TextMetrics {
            id: fullMetrics

            font: label.font
            text: line.full
        }
        TextMetrics {
            id: numberMetrics

            font: label.font
            text: Kiosk.contactPhone.replace(/ /g, "\u00a0")
        }
        TextMetrics {
            id: helpMetrics

            font: label.font
            text: line.help
        }
    }
}
