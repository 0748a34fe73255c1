pragma Singleton

import QtQuick
import Evse

// Every colour, font, size, spacing and radius of the kiosk. Sizes are given for the
// 1024x600 design and scaled by `scale`, which Main binds to the window size.
QtObject {
    id: theme

    // Layout scale relative to the design size; Main.qml binds it.
    property real scale: 1.0
    readonly property int designWidth: 1024
    readonly property int designHeight: 600
    readonly property int minimumWidth: 800
    readonly property int minimumHeight: 480

    // High contrast (configuration, or the driver's toggle on Home): every text pair >= 7:1
    readonly property bool highContrast: Kiosk.highContrast
    // Larger text (configuration, or the driver's toggle on Home), on every driver-facing screen
    // (not the technicians' Engineer screens): the reading text (captions, body, buttons) grows
    // by `largeTextScale`, the titles and the key figures (state of charge, power, cost, status
    // code), already large, by `largeFigureScale`. The screens show less at once instead of
    // cutting (each binds Theme.largeText where it drops or rearranges something).
    readonly property bool largeText: Kiosk.largeText && !technicianScreen
    readonly property bool technicianScreen: Kiosk.screen === Kiosk.Screen.Engineer || Kiosk.screen === Kiosk.Screen.EngineerPin
    readonly property real largeTextScale: 1.2
    readonly property real largeFigureScale: 1.1
    readonly property real textScale: largeText ? largeTextScale : 1.0
    readonly property real figureScale: largeText ? largeFigureScale : 1.0

    // Fonts: Inter for Latin languages; for Chinese and Japanese the language's own Noto Sans
    // CJK subset, whose Latin falls back to Inter (hmi/i18n.py registers both before QML loads).
    readonly property string fontFamily: Kiosk.fontFamily
    // No text is smaller than this at any window size: 14 px is 2.7 mm on the 7-inch
    // 800x480 panel, the least for reading at arm's length (the 1024x600 panel gets 18 px).
    readonly property int fontFloor: 14
    readonly property int fontCaption: Math.round(Math.max(fontFloor, px(18)) * textScale)  // smallest text anywhere
    readonly property int fontBody: px(20 * textScale)
    readonly property int fontBodyLarge: px(24 * textScale)
    readonly property int fontMetric: px(30 * figureScale)       // value of a metric tile
    readonly property int fontMetricSmall: px(26 * figureScale)  // ... on a compact panel
    readonly property int fontTitle: px(32 * figureScale)
    readonly property int fontHeadline: px(44 * figureScale)
    readonly property int fontSummary: px(56 * figureScale)     // energy and cost after a session
    readonly property int fontDisplay: px(72 * figureScale)      // SOC, kW of a compact panel
    readonly property int fontHero: px(100 * figureScale)        // kW on the charging screen
    readonly property int fontCode: px(84 * figureScale)         // six-digit status code
    readonly property int fontGlance: px(200)      // SOC on the dimmed glance layout, one session
    readonly property int fontGlanceDual: px(140)  // ... two sessions side by side
    readonly property int fontAttract: px(48)      // the attract screen's prompt
    readonly property int fontMinimum: Math.round(Math.max(fontFloor, px(16)) * textScale)  // floor for Text.Fit shrinking
    readonly property real lineHeight: 1.25        // box height per font pixel
    readonly property var tabular: ({
            "tnum": 1
        })

    // Spacing and shape
    readonly property int spacingXs: px(4)
    readonly property int spacingS: px(8)
    readonly property int spacingM: px(16)
    readonly property int spacingL: px(24)
    readonly property int spacingXl: px(32)
    readonly property int marginScreen: px(24)
    readonly property int radiusS: px(8)
    readonly property int radiusM: px(14)
    readonly property int radiusL: px(20)
    readonly property int borderWidth: Math.max(1, px(2))
    readonly property int focusBorderWidth: Math.max(2, px(4))

    // Component sizes
    readonly property int headerHeight: px(56)
    readonly property int buttonBarHeight: px(60)
    readonly property int buttonHeight: px(64)
    readonly property int buttonHeightCompact: px(52)
    readonly property int buttonMinWidth: px(180)
    readonly property int iconS: px(24)
    readonly property int iconM: px(36)
    readonly property int iconL: px(56)
    readonly property int iconXl: px(96)
    readonly property int connectorIconSize: px(104)
    readonly property int connectorIconSmall: px(56)
    readonly property int ledSize: px(22)
    readonly property int onlineDotSize: px(14)
    readonly property int qrSize: px(156)
    readonly property int qrSizeCompact: px(120)  // ... while an operator message shares Home
    readonly property int authPanelWidth: px(400)
    readonly property int progressWidth: px(520)
    readonly property int progressHeight: px(12)
    readonly property int ringThickness: px(16)
    readonly property int socRingSize: px(280)
    readonly property int socRingSmall: px(164)
    readonly property int socRingMini: px(128)
    readonly property int countdownSize: px(200)
    readonly property int stepIndicatorSize: px(44)
    readonly property int spinnerThickness: Math.max(2, px(5))
    readonly property int busyDotSize: px(16)
    readonly property int busyDotSpacing: px(16)
    readonly property int sidePanelWidth: px(340)
    readonly property int chipHeight: px(40)
    readonly property int languagePickerWidth: px(640)
    readonly property int receiptQrSize: px(150)
    readonly property int separatorDot: Math.max(3, px(5))
    readonly property int focusedPanelWeight: 62   // dual charging: focused : other
    readonly property int otherPanelWeight: 38
    readonly property int pinKeyWidth: px(150)     // engineer PIN pad
    readonly property int pinKeyHeight: px(62)
    readonly property int pinDotSize: px(20)
    readonly property int longPressMs: 2000        // the charge point id opens the engineer PIN pad
    readonly property int chartHeight: px(80)     // power over time on the Charging screen
    readonly property int chartLineWidth: Math.max(2, px(3))

    // Presenter's simulator panel (desktop only, not scaled)
    readonly property int simulatorWidth: 440
    readonly property int simulatorHeight: 800
    readonly property int simulatorSpacing: 8
    readonly property int simulatorMargin: 12

    // Motion
    // Motion: off for deterministic screenshots and reduced motion (Kiosk.animated).
    readonly property bool motion: Kiosk.animated
    readonly property int fadeDuration: motion ? 180 : 0
    readonly property int blinkDuration: 600
    readonly property real blinkOpacity: 0.25
    readonly property int spinDuration: 1200
    readonly property int busyDotDuration: 1200  // one dot after the other, then again

    // Surfaces
    readonly property color background: highContrast ? "#000000" : "#0D1318"
    readonly property color surface: highContrast ? "#0F1821" : "#17202A"
    readonly property color surfaceFocused: highContrast ? "#14202B" : "#1F2C38"
    readonly property color track: highContrast ? "#5A6B7A" : "#2A3948"
    readonly property color border: highContrast ? "#9FB0BF" : "#2C3A47"
    readonly property color borderFocused: accent
    readonly property color qrBackground: "#FFFFFF"
    readonly property color transparent: "transparent"
    readonly property color scrim: highContrast ? "#E6000000" : "#B3000000"  // dims the screen under a picker

    // Text on background / surface / surfaceFocused (all >= 4.5:1, see textPairs)
    readonly property color textPrimary: highContrast ? "#FFFFFF" : "#F4F7FA"
    readonly property color textSecondary: highContrast ? "#E8EEF3" : "#B4C0CC"
    readonly property color textDisabled: highContrast ? "#C2CBD3" : "#8C98A5"
    readonly property color textAccent: highContrast ? "#8CFFBF" : "#5BE69A"
    readonly property color textWarning: highContrast ? "#FFD966" : "#FFC247"

    // Buttons and banners: fill + text drawn on it
    readonly property color accent: highContrast ? "#8CFFBF" : "#3DDC84"
    readonly property color textOnAccent: highContrast ? "#000000" : "#06210F"
    readonly property color buttonNeutral: highContrast ? "#1F2E3B" : "#2A3948"
    readonly property color buttonNeutralPressed: highContrast ? "#2C3F4F" : "#36485A"
    readonly property color textOnButton: highContrast ? "#FFFFFF" : "#F4F7FA"
    readonly property color accentPressed: highContrast ? "#5EE89A" : "#2FB86C"
    readonly property color danger: highContrast ? "#9E0000" : "#C62828"
    readonly property color dangerPressed: highContrast ? "#7A0000" : "#A32020"
    readonly property color textOnDanger: "#FFFFFF"
    readonly property color noticeError: highContrast ? "#8B0000" : "#B3261E"
    readonly property color noticeInfo: highContrast ? "#0B3A75" : "#1E4E8C"
    readonly property color textOnNotice: "#FFFFFF"
    readonly property color online: highContrast ? "#8CFFBF" : "#3DDC84"
    readonly property color offline: highContrast ? "#FFB3AD" : "#FF8A80"

    // Connector LED colours (always shown next to the state word)
    readonly property color ledGreen: "#22C55E"
    readonly property color ledBlue: "#3B82F6"
    readonly property color ledYellow: "#FACC15"
    readonly property color ledRed: "#EF4444"
    readonly property color ledWhite: "#F4F7FA"
    readonly property color ledOff: highContrast ? "#5A6B7A" : "#3A4754"

    // Power chart: the area under the curve (accent, see-through) and the allowed-power line
    readonly property color chartFill: Qt.rgba(accent.r, accent.g, accent.b, 0.25)
    readonly property color chartLimit: textWarning

    // Dimming of things that are not available right now
    readonly property real disabledOpacity: 0.35

    // Display power: the attract screen and a blank panel (black: nothing lit, nothing burns in)
    readonly property color sleepBackground: "#000000"
    readonly property real attractWidthShare: 0.7  // of the window: the rest is the drift's room

    // Every text colour / background pair the screens use, for the contrast test.
    readonly property var textPairs: [
        {
            "role": "primary on background",
            "fg": textPrimary,
            "bg": background
        },
        {
            "role": "primary on surface",
            "fg": textPrimary,
            "bg": surface
        },
        {
            "role": "primary on focused surface",
            "fg": textPrimary,
            "bg": surfaceFocused
        },
        {
            "role": "secondary on background",
            "fg": textSecondary,
            "bg": background
        },
        {
            "role": "secondary on surface",
            "fg": textSecondary,
            "bg": surface
        },
        {
            "role": "secondary on focused surface",
            "fg": textSecondary,
            "bg": surfaceFocused
        },
        {
            "role": "disabled on background",
            "fg": textDisabled,
            "bg": background
        },
        {
            "role": "disabled on surface",
            "fg": textDisabled,
            "bg": surface
        },
        {
            "role": "accent on background",
            "fg": textAccent,
            "bg": background
        },
        {
            "role": "accent on surface",
            "fg": textAccent,
            "bg": surface
        },
        {
            "role": "accent on focused surface",
            "fg": textAccent,
            "bg": surfaceFocused
        },
        {
            "role": "warning on background",
            "fg": textWarning,
            "bg": background
        },
        {
            "role": "warning on surface",
            "fg": textWarning,
            "bg": surface
        },
        {
            "role": "accent button",
            "fg": textOnAccent,
            "bg": accent
        },
        {
            "role": "accent button pressed",
            "fg": textOnAccent,
            "bg": accentPressed
        },
        {
            "role": "neutral button",
            "fg": textOnButton,
            "bg": buttonNeutral
        },
        {
            "role": "neutral button pressed",
            "fg": textOnButton,
            "bg": buttonNeutralPressed
        },
        {
            "role": "danger button",
            "fg": textOnDanger,
            "bg": danger
        },
        {
            "role": "danger button pressed",
            "fg": textOnDanger,
            "bg": dangerPressed
        },
        {
            "role": "error notice",
            "fg": textOnNotice,
            "bg": noticeError
        },
        {
            "role": "info notice",
            "fg": textOnNotice,
            "bg": noticeInfo
        }
    ]

    // A design size in pixels at the current scale.
    function px(design: real): int {
        return Math.round(design * theme.scale);
    }

    // URL of an icon in assets/icons, the one place that knows where icons live.
    function icon(name: string): url {
        return Qt.resolvedUrl("../../assets/icons/" + name + ".svg");
    }

    // Connector face icon for a standard name ("CHAdeMO", "CCS1", "GB/T").
    function connectorIcon(standard: string): url {
        const names = {
            "CHAdeMO": "chademo",
            "CCS1": "ccs1",
            "GB/T": "gbt"
        };
        return icon(names[standard] ?? "plug");
    }

    // Colour of the connector LED named by the view model ("off", "green", ...).
    function ledColor(led: string): color {
        const colours = {
            "green": ledGreen,
            "blue": ledBlue,
            "yellow": ledYellow,
            "red": ledRed,
            "white": ledWhite
        };
        return colours[led] ?? ledOff;
    }
}
