import QtQuick
import QtQuick.Shapes
import Evse

// The session's power over time, oldest on the left and now on the right: a line with
// the area under it, from zero to `scaleKw` (the station's maximum), and a dashed line
// at `limitKw`, the power the charger allows this connector now. The values come evenly
// spaced from the view model; this only maps them to pixels.
Item {
    id: chart

    required property var values        // kW, oldest first (ConnectorViewModel.powerHistory)
    required property real scaleKw      // the top of the chart
    required property string scaleText  // its label, formatted, e.g. "60 kW"
    property real limitKw: 0            // the dashed line; 0 = none

    readonly property real plotTop: scaleLabel.height
    readonly property real plotHeight: height - plotTop - Theme.chartLineWidth / 2
    readonly property var linePoints: curve(values, width, plotTop, plotHeight, scaleKw)
    readonly property var areaPoints: linePoints.length > 0
        ? [Qt.point(0, height), ...linePoints, Qt.point(width, height)] : []

    // Pixel positions of `values`, spread over the full width (one value: a level line).
    function curve(data: var, w: real, top: real, h: real, scale: real): var {
        const points = [];
        const count = data ? data.length : 0;
        for (let i = 0; i < count; ++i) {
            const x = count > 1 ? w * i / (count - 1) : 0;
            points.push(Qt.point(x, level(data[i], top, h, scale)));
        }
        if (count === 1)
            points.push(Qt.point(w, points[0].y));
        return points;
    }

    // The y of `kw` in a plot `h` high starting at `top`, clamped to the plot.
    function level(kw: real, top: real, h: real, scale: real): real {
        const share = scale > 0 ? Math.min(1, Math.max(0, kw / scale)) : 0;
        return top + h * (1 - share);
    }

    implicitHeight: Theme.chartHeight
    implicitWidth: Theme.chartHeight * 3

    Shape {
        anchors.fill: parent
        preferredRendererType: Shape.CurveRenderer

        ShapePath {  // the base line (0 kW) and the top (scaleKw)
            fillColor: Theme.transparent
            strokeColor: Theme.track
            strokeWidth: Theme.borderWidth

            startX: 0
            startY: chart.plotTop

            PathLine {
                x: chart.width
                y: chart.plotTop
            }
            PathMove {
                x: 0
                y: chart.height - Theme.borderWidth / 2
            }
            PathLine {
                x: chart.width
                y: chart.height - Theme.borderWidth / 2
            }
        }
        ShapePath {  // the area under the curve
            fillColor: Theme.chartFill
            strokeColor: Theme.transparent

            PathPolyline {
                path: chart.areaPoints
            }
        }
        ShapePath {  // what the charger allows now
            dashPattern: [2, 2]
            fillColor: Theme.transparent
            strokeColor: chart.limitKw > 0 ? Theme.chartLimit : Theme.transparent
            strokeStyle: ShapePath.DashLine
            strokeWidth: Theme.borderWidth

            startX: 0
            startY: chart.level(chart.limitKw, chart.plotTop, chart.plotHeight, chart.scaleKw)

            PathLine {
                x: chart.width
                y: chart.level(chart.limitKw, chart.plotTop, chart.plotHeight, chart.scaleKw)
            }
        }
        ShapePath {  // the curve
            capStyle: ShapePath.RoundCap
            fillColor: Theme.transparent
            joinStyle: ShapePath.RoundJoin
            strokeColor: chart.linePoints.length > 0 ? Theme.accent : Theme.transparent
            strokeWidth: Theme.chartLineWidth

            PathPolyline {
                path: chart.linePoints
            }
        }
    }
    KioskText {
        id: scaleLabel

        anchors.right: parent.right
        anchors.top: parent.top
        color: Theme.textSecondary
        font.features: Theme.tabular
        font.pixelSize: Theme.fontCaption
        text: chart.scaleText
    }
}
