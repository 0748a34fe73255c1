import QtQuick
import QtQuick.Layouts
import Evse

// Battery state of charge: ring filled to socPercent, the SOC text inside and the
// target under it. An unknown SOC (-1) leaves the ring empty.
Ring {
    id: gauge

    required property ConnectorViewModel connector
    property int pixelSize: Theme.fontDisplay
    property bool showTarget: true

    value: connector.socPercent / 100

    ColumnLayout {
        anchors.centerIn: parent
        spacing: 0
        // the ring's inside; in larger text nearly all of it, for the larger words
        width: gauge.width - (Theme.largeText ? 2.5 : 4) * gauge.thickness

        KioskText {
            Layout.fillWidth: true
            color: Theme.textSecondary
            font.pixelSize: Theme.fontCaption
            horizontalAlignment: Text.AlignHCenter
            text: qsTr("Battery")
        }
        FitText {
            Layout.fillWidth: true
            Layout.preferredHeight: gauge.pixelSize * Theme.lineHeight
            font.features: Theme.tabular
            font.pixelSize: gauge.pixelSize
            font.weight: Font.Bold
            horizontalAlignment: Text.AlignHCenter
            text: gauge.connector.socText
        }
        FitText {
            Layout.fillWidth: true
            color: Theme.textSecondary
            font.features: Theme.tabular
            font.pixelSize: Theme.fontCaption
            horizontalAlignment: Text.AlignHCenter
            text: qsTr("Target %1").arg(gauge.connector.targetSocText)
            visible: gauge.showTarget && gauge.connector.targetSocText !== ""
        }
    }
}
