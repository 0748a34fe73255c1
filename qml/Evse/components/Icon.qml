import QtQuick
import Evse

// A square SVG icon from assets/icons (by `name`), rendered crisply at its size.
// Connector faces set `source: Theme.connectorIcon(standard)` instead of a name.
Image {
    property string name: ""
    property int size: Theme.iconM

    fillMode: Image.PreserveAspectFit
    height: size
    source: name !== "" ? Theme.icon(name) : ""
    sourceSize.height: size
    sourceSize.width: size
    width: size
}
