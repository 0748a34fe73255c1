import QtQuick
import QtQuick.Layouts
import Evse

// The charging power: a big number (already formatted) and its unit.
ColumnLayout {
    id: readout

    required property string powerText
    property int pixelSize: Theme.fontHero

    spacing: 0

    KioskText {
        Layout.fillWidth: true
        color: Theme.textSecondary
        font.pixelSize: Theme.fontCaption
        text: qsTr("Power")
    }
    RowLayout {
        Layout.fillWidth: true
        spacing: Theme.spacingS

        FitText {
            id: number

            Layout.fillWidth: true
            Layout.maximumWidth: implicitWidth
            Layout.minimumWidth: implicitWidth / 2
            Layout.preferredHeight: readout.pixelSize * 1.1
            font.features: Theme.tabular
            font.pixelSize: readout.pixelSize
            font.weight: Font.Bold
            text: readout.powerText
        }
        KioskText {
            Layout.alignment: Qt.AlignBottom
            Layout.bottomMargin: readout.pixelSize * 0.12
            color: Theme.textSecondary
            font.pixelSize: Theme.fontTitle
            font.weight: Font.DemiBold
            text: qsTr("kW")
        }
    }
}
