import QtQuick
import QtQuick.Shapes
import Evse

// Circular gauge: a track and an arc filled clockwise from the top; `value` is 0..1.
Item {
    id: ring

    required property real value
    property color arcColor: Theme.accent
    property int thickness: Theme.ringThickness

    readonly property real radius: Math.min(width, height) / 2 - thickness / 2

    implicitHeight: Theme.socRingSize
    implicitWidth: Theme.socRingSize

    Shape {
        anchors.fill: parent
        preferredRendererType: Shape.CurveRenderer

        ShapePath {
            capStyle: ShapePath.FlatCap
            fillColor: Theme.transparent
            strokeColor: Theme.track
            strokeWidth: ring.thickness

            PathAngleArc {
                centerX: ring.width / 2
                centerY: ring.height / 2
                radiusX: ring.radius
                radiusY: ring.radius
                startAngle: 0
                sweepAngle: 360
            }
        }
        ShapePath {
            capStyle: ShapePath.RoundCap
            fillColor: Theme.transparent
            strokeColor: ring.value > 0 ? ring.arcColor : Theme.transparent
            strokeWidth: ring.thickness

            PathAngleArc {
                centerX: ring.width / 2
                centerY: ring.height / 2
                radiusX: ring.radius
                radiusY: ring.radius
                startAngle: -90
                sweepAngle: 360 * Math.min(1, Math.max(0, ring.value))
            }
        }
    }
}
