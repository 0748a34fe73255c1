<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>AttractView</name>
    <message>
        <source>Touch the screen or tap a card to start</source>
        <translation>触摸屏幕或刷卡开始</translation>
    </message>
</context>
<context>
    <name>AuthMethod</name>
    <message>
        <source>Not available</source>
        <translation>暂不可用</translation>
    </message>
</context>
<context>
    <name>AuthPanel</name>
    <message>
        <source>Start charging with</source>
        <translation>开始充电方式</translation>
    </message>
    <message>
        <source>Card</source>
        <translation>刷卡</translation>
    </message>
    <message>
        <source>QR code</source>
        <translation>二维码</translation>
    </message>
    <message>
        <source>App</source>
        <translation>App</translation>
    </message>
</context>
<context>
    <name>ButtonBar</name>
    <message>
        <source>High contrast: on</source>
        <translation>高对比度：开</translation>
    </message>
    <message>
        <source>High contrast: off</source>
        <translation>高对比度：关</translation>
    </message>
    <message>
        <source>Larger text: on</source>
        <translation>放大文字：开</translation>
    </message>
    <message>
        <source>Larger text: off</source>
        <translation>放大文字：关</translation>
    </message>
    <message>
        <source>Stop reading aloud</source>
        <translation>停止朗读</translation>
    </message>
    <message>
        <source>Read aloud</source>
        <translation>朗读屏幕</translation>
    </message>
</context>
<context>
    <name>ChargingPanel</name>
    <message>
        <source>Stop</source>
        <translation>停止</translation>
    </message>
    <message>
        <source>Power shared with the other connector</source>
        <translation>与另一把充电枪共享功率</translation>
    </message>
    <message>
        <source>Voltage</source>
        <translation>电压</translation>
    </message>
    <message>
        <source>Current</source>
        <translation>电流</translation>
    </message>
    <message>
        <source>Energy</source>
        <translation>电量</translation>
    </message>
    <message>
        <source>Elapsed</source>
        <translation>已充电</translation>
    </message>
    <message>
        <source>Time to target</source>
        <translation>预计剩余</translation>
    </message>
    <message>
        <source>Cost so far</source>
        <translation>当前费用</translation>
    </message>
</context>
<context>
    <name>ChargingScreen</name>
    <message>
        <source>Tap your card or press Stop to end charging</source>
        <translation>刷卡或按“停止”结束充电</translation>
    </message>
</context>
<context>
    <name>ConnectorCard</name>
    <message>
        <source>Selected</source>
        <translation>已选择</translation>
    </message>
</context>
<context>
    <name>ConnectorChip</name>
    <message>
        <source>%1 · %2</source>
        <translation>%1 · %2</translation>
    </message>
</context>
<context>
    <name>ConnectorMini</name>
    <message>
        <source>Power</source>
        <translation>功率</translation>
    </message>
    <message>
        <source>%1 kW</source>
        <translation>%1 kW</translation>
    </message>
    <message>
        <source>Energy</source>
        <translation>电量</translation>
    </message>
    <message>
        <source>Tap to show details</source>
        <translation>点击查看详情</translation>
    </message>
</context>
<context>
    <name>ContactLine</name>
    <message>
        <source>Help: %1</source>
        <translation>客服电话：%1</translation>
    </message>
    <message>
        <source>Operated by %1</source>
        <translation>运营商：%1</translation>
    </message>
</context>
<context>
    <name>Countdown</name>
    <message>
        <source>seconds left</source>
        <translation>剩余秒数</translation>
    </message>
</context>
<context>
    <name>EngineerPinScreen</name>
    <message>
        <source>Engineer access</source>
        <translation>工程人员登录</translation>
    </message>
    <message>
        <source>Enter the PIN</source>
        <translation>请输入 PIN 码</translation>
    </message>
    <message>
        <source>Erase</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>OK</source>
        <translation>确定</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
</context>
<context>
    <name>Header</name>
    <message>
        <source>Online</source>
        <translation>在线</translation>
    </message>
    <message>
        <source>Offline</source>
        <translation>离线</translation>
    </message>
</context>
<context>
    <name>HomeScreen</name>
    <message>
        <source>Choose a connector and plug in</source>
        <translation>选择充电枪并插入车辆</translation>
    </message>
    <message>
        <source>Then tap your card on the reader.</source>
        <translation>然后在读卡区刷卡。</translation>
    </message>
    <message>
        <source>Then tap your card, scan the QR code or use the app.</source>
        <translation>然后刷卡、扫描二维码或使用 App。</translation>
    </message>
    <message>
        <source>Cable connected</source>
        <translation>充电枪已连接</translation>
    </message>
    <message>
        <source>Tap your card on the reader to start charging.</source>
        <translation>请在读卡区刷卡开始充电。</translation>
    </message>
    <message>
        <source>Tap your card on the reader or scan the QR code to start charging.</source>
        <translation>请刷卡或扫描二维码开始充电。</translation>
    </message>
    <message>
        <source>Plug in to charge</source>
        <translation>插入充电枪即可充电</translation>
    </message>
    <message>
        <source>Tap your card on the reader, before or after plugging in.</source>
        <translation>插枪前后均可在读卡区刷卡。</translation>
    </message>
    <message>
        <source>Tap your card, scan the QR code or use the app, before or after plugging in.</source>
        <translation>插枪前后均可刷卡、扫描二维码或使用 App。</translation>
    </message>
</context>
<context>
    <name>InitializingScreen</name>
    <message>
        <source>Charging station initializing</source>
        <translation>充电站启动中</translation>
    </message>
    <message>
        <source>Please wait</source>
        <translation>请稍候</translation>
    </message>
</context>
<context>
    <name>LanguagePicker</name>
    <message>
        <source>Choose your language</source>
        <translation>选择语言</translation>
    </message>
</context>
<context>
    <name>Main</name>
    <message>
        <source>EV charger</source>
        <translation>电动汽车充电桩</translation>
    </message>
</context>
<context>
    <name>OperatorMessage</name>
    <message>
        <source>Message from the operator</source>
        <translation>运营商消息</translation>
    </message>
</context>
<context>
    <name>OutOfServiceScreen</name>
    <message>
        <source>Out of service</source>
        <translation>暂停服务</translation>
    </message>
    <message>
        <source>Please use another charger or contact the operator.</source>
        <translation>请使用其他充电桩，或联系运营方。</translation>
    </message>
    <message>
        <source>Charger ID %1</source>
        <translation>充电桩编号 %1</translation>
    </message>
</context>
<context>
    <name>PlugInScreen</name>
    <message>
        <source>Take the connector from its holder and push it firmly into your vehicle&apos;s charging inlet.</source>
        <translation>从枪座取下充电枪，插紧到车辆的充电口。</translation>
    </message>
    <message>
        <source>Press the left button to cancel</source>
        <translation>按左侧按钮可取消</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
</context>
<context>
    <name>PowerReadout</name>
    <message>
        <source>Power</source>
        <translation>功率</translation>
    </message>
    <message>
        <source>kW</source>
        <translation>kW</translation>
    </message>
</context>
<context>
    <name>PreparingScreen</name>
    <message>
        <source>Preparing to charge</source>
        <translation>充电准备中</translation>
    </message>
    <message>
        <source>Keep the cable connected. Charging starts by itself.</source>
        <translation>请保持充电枪连接，充电将自动开始。</translation>
    </message>
    <message>
        <source>Communicating with vehicle</source>
        <translation>与车辆通信</translation>
    </message>
    <message>
        <source>Cable check</source>
        <translation>充电枪检查</translation>
    </message>
    <message>
        <source>Isolation test</source>
        <translation>绝缘检测</translation>
    </message>
    <message>
        <source>Pre-charge</source>
        <translation>预充电</translation>
    </message>
    <message>
        <source>Battery %1</source>
        <translation>电池 %1</translation>
    </message>
</context>
<context>
    <name>Presenter</name>
    <message>
        <source>Left</source>
        <translation>左侧</translation>
    </message>
    <message>
        <source>Right</source>
        <translation>右侧</translation>
    </message>
    <message>
        <source>Starting up</source>
        <translation>启动中</translation>
    </message>
    <message>
        <source>Available</source>
        <translation>空闲</translation>
    </message>
    <message>
        <source>Reserved</source>
        <translation>已预约</translation>
    </message>
    <message>
        <source>Unavailable</source>
        <translation>不可用</translation>
    </message>
    <message>
        <source>Connected – authorize to start</source>
        <translation>已连接－请验证后开始</translation>
    </message>
    <message>
        <source>Preparing</source>
        <translation>准备中</translation>
    </message>
    <message>
        <source>Charging</source>
        <translation>充电中</translation>
    </message>
    <message>
        <source>Stopping</source>
        <translation>正在停止</translation>
    </message>
    <message>
        <source>Complete – please unplug</source>
        <translation>已完成－请拔枪</translation>
    </message>
    <message>
        <source>Out of order</source>
        <translation>故障</translation>
    </message>
    <message>
        <source>Stopped with the Stop button</source>
        <translation>已按停止按钮结束</translation>
    </message>
    <message>
        <source>Stopped with your card</source>
        <translation>已刷卡结束</translation>
    </message>
    <message>
        <source>Your vehicle reached its charging target</source>
        <translation>车辆已达到充电目标</translation>
    </message>
    <message>
        <source>Battery full</source>
        <translation>电池已充满</translation>
    </message>
    <message>
        <source>Stopped by the vehicle</source>
        <translation>车辆已结束充电</translation>
    </message>
    <message>
        <source>Cable disconnected</source>
        <translation>充电枪已拔出</translation>
    </message>
    <message>
        <source>Stopped because of a fault</source>
        <translation>因故障而停止</translation>
    </message>
    <message>
        <source>Emergency stop</source>
        <translation>急停</translation>
    </message>
    <message>
        <source>Stopped remotely</source>
        <translation>已远程停止</translation>
    </message>
    <message>
        <source>Stopped: the charger restarts</source>
        <translation>已停止：充电桩正在重启</translation>
    </message>
    <message>
        <source>Stopped to unlock the connector</source>
        <translation>已停止以解锁充电枪</translation>
    </message>
    <message>
        <source>Stopped: your card was not accepted</source>
        <translation>已停止：您的卡未被接受</translation>
    </message>
    <message>
        <source>Stopped at the maximum charging time</source>
        <translation>已达最长充电时间而停止</translation>
    </message>
    <message>
        <source>Stopped: the charger lost power</source>
        <translation>已停止：充电桩断电</translation>
    </message>
    <message>
        <source>Stopped by the operator</source>
        <translation>已由运营商停止</translation>
    </message>
    <message>
        <source>Checking the control boards</source>
        <translation>正在检查控制板</translation>
    </message>
    <message>
        <source>Checking the connectors</source>
        <translation>正在检查充电枪</translation>
    </message>
    <message>
        <source>Checking the power modules</source>
        <translation>正在检查电源模块</translation>
    </message>
    <message>
        <source>Checking the indicators</source>
        <translation>正在检查指示灯</translation>
    </message>
    <message>
        <source>Ready</source>
        <translation>就绪</translation>
    </message>
    <message>
        <source>Invalid card. Please use another card or the app.</source>
        <extracomment>Information codes the backend asks to show (manual 5.3.7), with the catalog text that says it best.</extracomment>
        <translation>卡无效，请使用其他卡或 App。</translation>
    </message>
    <message>
        <source>This card did not start the charging session. Use the same card to stop.</source>
        <translation>此卡未启动本次充电，请使用同一张卡停止。</translation>
    </message>
    <message>
        <source>No connector is free right now.</source>
        <translation>目前没有空闲的充电枪。</translation>
    </message>
    <message>
        <source>No cable was plugged in. Please authorize again.</source>
        <translation>未插入充电枪，请重新验证。</translation>
    </message>
    <message>
        <source>Authorized</source>
        <translation>验证成功</translation>
    </message>
    <message>
        <source>This connector cannot be used right now.</source>
        <translation>此充电枪目前无法使用。</translation>
    </message>
    <message>
        <source>Checking your card…</source>
        <translation>正在验证您的卡…</translation>
    </message>
    <message>
        <source>This connector is reserved for another driver.</source>
        <translation>此充电枪已被其他车主预约。</translation>
    </message>
    <message>
        <source>No answer about your card came in time. Please tap it again.</source>
        <translation>未能及时收到您卡片的验证结果。请再刷一次。</translation>
    </message>
    <message>
        <source>The charger is offline and cannot check this card. Please try another card, or try again later.</source>
        <translation>充电桩目前离线，无法验证此卡。请改用其他卡，或稍后再试。</translation>
    </message>
    <message>
        <source>The charger is still connecting to the network and cannot check your card yet. Please try again in a minute.</source>
        <translation>充电桩正在连接网络，暂时无法验证您的卡。请一分钟后再试。</translation>
    </message>
    <message>
        <source>Waiting for a free power module</source>
        <translation>等待空闲的电源模块</translation>
    </message>
    <message>
        <source>Limited by the connector&apos;s maximum current</source>
        <translation>受充电枪最大电流限制</translation>
    </message>
    <message>
        <source>Limited by the charger&apos;s available power</source>
        <translation>受充电桩可用功率限制</translation>
    </message>
    <message>
        <source>Reduced power: a power module is out of service</source>
        <translation>功率降低：有电源模块停止工作</translation>
    </message>
    <message>
        <source>Reduced power: high outside temperature</source>
        <translation>功率降低：室外温度过高</translation>
    </message>
    <message>
        <source>Limited by the grid supply</source>
        <translation>受电网供电限制</translation>
    </message>
    <message>
        <source>Limited by the operator&apos;s charging schedule</source>
        <translation>受运营方充电计划限制</translation>
    </message>
    <message>
        <source>The other connector is charging first</source>
        <translation>另一个充电枪正在优先充电</translation>
    </message>
    <message>
        <source>A power module is out of service</source>
        <translation>一个电源模块停止服务</translation>
    </message>
    <message>
        <source>The operator has paused charging for now</source>
        <translation>运营方暂时暂停了充电</translation>
    </message>
    <message>
        <source>Too hot outside to charge for now</source>
        <translation>室外温度过高，暂时无法充电</translation>
    </message>
    <message>
        <source>The grid supply is out of range</source>
        <translation>电网供电超出范围</translation>
    </message>
    <message>
        <source>Charging starts by itself at %1</source>
        <translation>充电将于 %1 自动开始</translation>
    </message>
    <message>
        <source>Charging starts by itself in about %1</source>
        <translation>充电将在约 %1后自动开始</translation>
    </message>
    <message>
        <source>Charging starts by itself when the other session ends</source>
        <translation>另一个充电结束后将自动开始充电</translation>
    </message>
    <message>
        <source>Charging starts by itself when power is free again</source>
        <translation>功率空出后将自动开始充电</translation>
    </message>
    <message>
        <source>Charging starts by itself when the operator allows it</source>
        <translation>运营方允许后将自动开始充电</translation>
    </message>
    <message>
        <source>Charging starts by itself when it is cooler</source>
        <translation>气温降低后将自动开始充电</translation>
    </message>
    <message>
        <source>Charging starts by itself when the supply is normal</source>
        <translation>供电恢复正常后将自动开始充电</translation>
    </message>
    <message>
        <source>%1 per kWh</source>
        <translation>每 kWh %1</translation>
    </message>
    <message>
        <source>%1 per minute of charging</source>
        <translation>充电每分钟 %1</translation>
    </message>
    <message>
        <source>%1 session fee</source>
        <translation>每次充电服务费 %1</translation>
    </message>
    <message>
        <source>Idle fee %1 per minute, from %2 after charging ends</source>
        <translation>充电结束 %2后，占位费每分钟 %1</translation>
    </message>
    <message>
        <source>Idle fee %1 per minute after charging ends</source>
        <translation>充电结束后，占位费每分钟 %1</translation>
    </message>
    <message>
        <source>Free</source>
        <translation>免费</translation>
    </message>
    <message>
        <source>For help, call %1</source>
        <translation>如需帮助，请拨打%1</translation>
    </message>
    <message>
        <source>Connecting to the charging network…</source>
        <translation>正在连接充电网络…</translation>
    </message>
    <message>
        <source>Plug the %1 connector into your vehicle</source>
        <translation>请将 %1 充电枪插入车辆</translation>
    </message>
    <message>
        <source>Plug the %1 or %2 connector into your vehicle</source>
        <translation>请将 %1 或 %2 充电枪插入车辆</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>停止</translation>
    </message>
    <message>
        <source>Home</source>
        <translation>首页</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>完成</translation>
    </message>
    <message>
        <source>Try again</source>
        <translation>重试</translation>
    </message>
    <message>
        <source>Select</source>
        <translation>选择</translation>
    </message>
    <message>
        <source>Next</source>
        <translation>下一个</translation>
    </message>
    <message>
        <source>Switch connector</source>
        <translation>切换充电枪</translation>
    </message>
    <message>
        <source>Waiting for power</source>
        <translation>等待供电</translation>
    </message>
    <message>
        <source>Your vehicle and the charger could not communicate</source>
        <translation>您的车辆与充电桩无法通信</translation>
    </message>
    <message>
        <source>The cable safety test did not pass</source>
        <translation>充电线安全检测未通过</translation>
    </message>
    <message>
        <source>Your vehicle did not get ready for charging</source>
        <translation>您的车辆未能做好充电准备</translation>
    </message>
    <message>
        <source>Your vehicle did not accept the charge</source>
        <translation>您的车辆未接受充电</translation>
    </message>
    <message>
        <source>Charging could not start</source>
        <translation>无法开始充电</translation>
    </message>
    <message>
        <source>The connection broke off before charging began. This often happens when the connector is not fully in.</source>
        <translation>充电开始前连接中断。这通常是因为充电枪没有插到底。</translation>
    </message>
    <message>
        <source>Before charging, the charger checks that the cable is safely insulated. The check did not pass, so no power was sent.</source>
        <translation>充电前，充电桩会检测充电线的绝缘是否安全。检测未通过，因此没有输出电能。</translation>
    </message>
    <message>
        <source>The charger prepared the voltage, but your vehicle did not connect its battery in time.</source>
        <translation>充电桩已准备好电压，但您的车辆未能及时接通电池。</translation>
    </message>
    <message>
        <source>Your vehicle stopped the start by itself, before any energy flowed.</source>
        <translation>在输出电能之前，您的车辆自行停止了启动。</translation>
    </message>
    <message>
        <source>Charging stopped before any energy flowed.</source>
        <translation>充电在输出电能之前停止了。</translation>
    </message>
    <message>
        <source>Check that your vehicle is in Park and ready to charge.</source>
        <translation>请确认车辆已挂入 P 挡并可以充电。</translation>
    </message>
    <message>
        <source>Touch Try again, or unplug the cable and plug it in again.</source>
        <translation>请点击“重试”，或拔下充电枪后重新插入。</translation>
    </message>
    <message>
        <source>Unplug the cable, then plug it in again firmly.</source>
        <translation>请拔下充电枪，然后重新插紧。</translation>
    </message>
    <message>
        <source>Plug the cable in again firmly.</source>
        <translation>请重新插紧充电枪。</translation>
    </message>
    <message>
        <source>Charging starts by itself. You do not need to tap your card again.</source>
        <translation>充电会自动开始，无需再次刷卡。</translation>
    </message>
    <message>
        <source>Unplug the cable, plug it in again and authorize again.</source>
        <translation>请拔下充电枪后重新插入，并再次认证。</translation>
    </message>
    <message>
        <source>Unplug the cable.</source>
        <translation>请拔下充电枪。</translation>
    </message>
    <message>
        <source>Use the other connector, or call the operator for help.</source>
        <translation>请使用另一个充电枪，或致电运营商寻求帮助。</translation>
    </message>
    <message>
        <source>Use another charger, or call the operator for help.</source>
        <translation>请使用其他充电桩，或致电运营商寻求帮助。</translation>
    </message>
    <message>
        <source>Code to quote: %1</source>
        <translation>报修代码：%1</translation>
    </message>
    <message>
        <source>Your card stays valid for %1</source>
        <translation>您的卡在 %1 内仍然有效</translation>
    </message>
    <message>
        <source>The operator has been notified. If you contact customer service, quote code %1.</source>
        <translation>已通知运营商。联系客服时，请提供代码 %1。</translation>
    </message>
    <message>
        <source>If you contact customer service, quote code %1.</source>
        <translation>联系客服时，请提供代码 %1。</translation>
    </message>
    <message>
        <source>Scan to pay and start with your phone</source>
        <translation>用手机扫码即可支付并开始充电</translation>
    </message>
    <message>
        <source>Wrong PIN</source>
        <translation>PIN 码错误</translation>
    </message>
    <message>
        <source>Too many wrong PINs: try again in %1 s</source>
        <translation>PIN 码错误次数过多：请在 %1 秒后重试</translation>
    </message>
    <message>
        <source>Charger</source>
        <extracomment>The engineer screen&apos;s Reliability page (controller.engineer_screen.RELIABILITY_PAGE). The CAN error frame classes and failed sends the engineer screen names when they happened. Steps on one page of the status screen: more (manual 5.3.6 has seven) go on further pages, which the pager steps through like the codes themselves.</extracomment>
        <translation>充电桩</translation>
    </message>
    <message>
        <source>Left connector (%1)</source>
        <translation>左侧充电枪（%1）</translation>
    </message>
    <message>
        <source>Right connector (%1)</source>
        <translation>右侧充电枪（%1）</translation>
    </message>
</context>
<context>
    <name>SimConnectorGroup</name>
    <message>
        <source>%1 connector · %2</source>
        <translation>%1充电枪 · %2</translation>
    </message>
    <message>
        <source>Cable plugged in</source>
        <translation>已插入充电枪</translation>
    </message>
    <message>
        <source>EV SOC</source>
        <translation>车辆 SOC</translation>
    </message>
    <message>
        <source>%1 → %2 %</source>
        <translation>%1 → %2 %</translation>
    </message>
    <message>
        <source>Apply</source>
        <translation>应用</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Inject</source>
        <translation>注入</translation>
    </message>
    <message>
        <source>Clear</source>
        <translation>清除</translation>
    </message>
</context>
<context>
    <name>SimCsmsGroup</name>
    <message>
        <source>Operator message</source>
        <translation>运营商消息</translation>
    </message>
    <message>
        <source>Show message</source>
        <translation>显示消息</translation>
    </message>
    <message>
        <source>Send running cost</source>
        <translation>发送当前费用</translation>
    </message>
    <message>
        <source>Central system (OCPP)</source>
        <translation>中央系统 (OCPP)</translation>
    </message>
    <message>
        <source>Central system running</source>
        <translation>中央系统运行中</translation>
    </message>
    <message>
        <source>Remote start left</source>
        <translation>远程启动左侧</translation>
    </message>
    <message>
        <source>Remote start right</source>
        <translation>远程启动右侧</translation>
    </message>
    <message>
        <source>Remote stop left</source>
        <translation>远程停止左侧</translation>
    </message>
    <message>
        <source>Remote stop right</source>
        <translation>远程停止右侧</translation>
    </message>
    <message>
        <source>Reserve left</source>
        <translation>预约左侧</translation>
    </message>
    <message>
        <source>Reserve right</source>
        <translation>预约右侧</translation>
    </message>
    <message>
        <source>Left unavailable</source>
        <translation>左侧停用</translation>
    </message>
    <message>
        <source>Right unavailable</source>
        <translation>右侧停用</translation>
    </message>
    <message>
        <source>Cancel reservation</source>
        <translation>取消预约</translation>
    </message>
    <message>
        <source>Limit to 20 kW</source>
        <translation>限制为 20 kW</translation>
    </message>
    <message>
        <source>Soft reset</source>
        <translation>软重置</translation>
    </message>
    <message>
        <source>Hard reset</source>
        <translation>硬重置</translation>
    </message>
</context>
<context>
    <name>SimPowerGroup</name>
    <message>
        <source>Power</source>
        <translation>功率</translation>
    </message>
    <message>
        <source>Outside temperature (°C)</source>
        <translation>室外温度 (°C)</translation>
    </message>
    <message>
        <source>Grid voltage (V)</source>
        <translation>电网电压 (V)</translation>
    </message>
    <message>
        <source>PSU %1 failed</source>
        <translation>电源模块 %1 故障</translation>
    </message>
</context>
<context>
    <name>SimulatorPanel</name>
    <message>
        <source>Charger simulator</source>
        <translation>充电桩模拟器</translation>
    </message>
    <message>
        <source>Left</source>
        <translation>左侧</translation>
    </message>
    <message>
        <source>Right</source>
        <translation>右侧</translation>
    </message>
    <message>
        <source>Station</source>
        <translation>充电站</translation>
    </message>
    <message>
        <source>Tap known card</source>
        <translation>刷已登记的卡</translation>
    </message>
    <message>
        <source>Tap unknown card</source>
        <translation>刷未登记的卡</translation>
    </message>
    <message>
        <source>Emergency stop</source>
        <translation>急停</translation>
    </message>
    <message>
        <source>Door open</source>
        <translation>柜门打开</translation>
    </message>
    <message>
        <source>Left button</source>
        <translation>左侧按钮</translation>
    </message>
    <message>
        <source>Right button</source>
        <translation>右侧按钮</translation>
    </message>
</context>
<context>
    <name>SocGauge</name>
    <message>
        <source>Battery</source>
        <translation>电池</translation>
    </message>
    <message>
        <source>Target %1</source>
        <translation>目标 %1</translation>
    </message>
</context>
<context>
    <name>StartFailedScreen</name>
    <message>
        <source>Charging did not start</source>
        <translation>充电未能开始</translation>
    </message>
    <message>
        <source>What to do</source>
        <translation>处理方法</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>完成</translation>
    </message>
    <message>
        <source>Try again</source>
        <translation>重试</translation>
    </message>
</context>
<context>
    <name>StatusCodeLine</name>
    <message>
        <source>Status code %1 · %2</source>
        <translation>状态码 %1 · %2</translation>
    </message>
    <message>
        <source>Status code %1</source>
        <translation>状态码 %1</translation>
    </message>
</context>
<context>
    <name>StatusCodes</name>
    <message>
        <source>A part of the charger has failed.</source>
        <translation>充电桩的某个部件发生故障。</translation>
    </message>
    <message>
        <source>Unplug the charging connector.</source>
        <translation>请拔下充电枪。</translation>
    </message>
    <message>
        <source>Turn the charger off, reconnect the part named by the code, then turn it on again.</source>
        <translation>关闭充电桩，重新连接代码所指的部件后再开机。</translation>
    </message>
    <message>
        <source>If the same code comes back, the charger must be serviced by a qualified technician: contact your dealer.</source>
        <translation>如再次出现相同代码，须由专业技术人员维修，请联系经销商。</translation>
    </message>
    <message>
        <source>Charging is paused until the condition clears.</source>
        <translation>在状况解除前暂停充电。</translation>
    </message>
    <message>
        <source>Wait: charging is enabled again automatically when the condition clears.</source>
        <translation>请稍候：状况解除后将自动恢复充电。</translation>
    </message>
    <message>
        <source>If it does not clear, turn the charger off and on again.</source>
        <translation>如未解除，请将充电桩关机后重新开机。</translation>
    </message>
    <message>
        <source>Contact your dealer.</source>
        <translation>请联系经销商。</translation>
    </message>
    <message>
        <source>Information from the charger; charging is not affected.</source>
        <translation>充电桩提示信息，不影响充电。</translation>
    </message>
    <message>
        <source>Charge as usual.</source>
        <translation>可照常充电。</translation>
    </message>
    <message>
        <source>Contact your dealer if the message keeps appearing.</source>
        <translation>如提示持续出现，请联系经销商。</translation>
    </message>
    <message>
        <source>The vehicle ended or refused the charging procedure.</source>
        <translation>车辆终止或拒绝了充电过程。</translation>
    </message>
    <message>
        <source>Unplug the charging cable and wait 5 seconds. Plug it in completely, with a click, and try again.</source>
        <translation>拔下充电枪并等待 5 秒，再插到底听到“咔嗒”一声后重试。</translation>
    </message>
    <message>
        <source>Unplug the charging cable and try the other connector or another charger.</source>
        <translation>拔下充电枪，改用另一把充电枪或其他充电桩。</translation>
    </message>
    <message>
        <source>Unplug, drive the EV away a few metres and back, stop the EV, remove the key and try again.</source>
        <translation>拔枪后将车辆驶离几米再开回，熄火并拔下钥匙后重试。</translation>
    </message>
    <message>
        <source>After unplugging, check that the EV&apos;s charging mode and time limit are enabled.</source>
        <translation>拔枪后，请确认车辆的充电模式和时间限制已启用。</translation>
    </message>
    <message>
        <source>If the EV shows an error, follow the EV&apos;s user manual.</source>
        <translation>如车辆显示错误，请按照车辆使用手册处理。</translation>
    </message>
    <message>
        <source>After unplugging, ask the site staff to restart the charger and try again.</source>
        <translation>拔枪后，请现场工作人员重启充电桩后重试。</translation>
    </message>
    <message>
        <source>If the cable cannot be unplugged, use the EV&apos;s release button or manual unlock; otherwise ask the site staff to restart the charger.</source>
        <translation>如无法拔枪，请使用车辆的解锁按钮或手动解锁；否则请现场工作人员重启充电桩。</translation>
    </message>
    <message>
        <source>A message from the charger&apos;s network or back-end.</source>
        <translation>来自充电桩网络或后台系统的消息。</translation>
    </message>
    <message>
        <source>Follow the remote procedure or contact the site staff to arrange charging.</source>
        <translation>请按远程流程操作，或联系现场工作人员安排充电。</translation>
    </message>
    <message>
        <source>Abnormal input voltage.</source>
        <translation>输入电压异常。</translation>
    </message>
    <message>
        <source>Charging is enabled again when the grid supply is normal.</source>
        <translation>电网供电恢复正常后即可再次充电。</translation>
    </message>
    <message>
        <source>Check the input power, or turn the charger off and on again.</source>
        <translation>请检查输入电源，或将充电桩关机后重新开机。</translation>
    </message>
    <message>
        <source>Abnormal environment or device temperature.</source>
        <translation>环境或设备温度异常。</translation>
    </message>
    <message>
        <source>Keep the air inlet and outlet clear and remove heat sources; charging is enabled again after cooling down.</source>
        <translation>请保持进出风口畅通并移开热源；降温后即可再次充电。</translation>
    </message>
    <message>
        <source>If it persists, the over-temperature protection or a device may be faulty: contact your dealer.</source>
        <translation>如持续发生，可能是过温保护或设备故障，请联系经销商。</translation>
    </message>
    <message>
        <source>External network disconnected.</source>
        <translation>外部网络已断开。</translation>
    </message>
    <message>
        <source>QR code and app authorization are unavailable for the moment: please use an RFID card.</source>
        <translation>二维码和 App 验证暂时无法使用，请使用 RFID 卡。</translation>
    </message>
    <message>
        <source>Contact the network management staff for a network inspection.</source>
        <translation>请联系网络管理人员检查网络。</translation>
    </message>
    <message>
        <source>The card reader is not working.</source>
        <translation>读卡器无法工作。</translation>
    </message>
    <message>
        <source>Cards cannot be read at the moment: use the QR code or the app if offered, or another charger.</source>
        <translation>目前无法读卡：请使用二维码或 App（如提供），或改用其他充电桩。</translation>
    </message>
    <message>
        <source>Contact the site staff.</source>
        <translation>请联系现场工作人员。</translation>
    </message>
    <message>
        <source>The emergency stop button is pressed.</source>
        <translation>急停按钮已按下。</translation>
    </message>
    <message>
        <source>Release the emergency stop button by rotating it; charging is enabled again when the code clears.</source>
        <translation>旋转急停按钮以解除；代码消失后即可再次充电。</translation>
    </message>
    <message>
        <source>If the charger stays on this page, turn it off and on again or contact your dealer.</source>
        <translation>如充电桩停留在此页面，请关机后重新开机，或联系经销商。</translation>
    </message>
    <message>
        <source>The cabinet door is open.</source>
        <translation>机柜门已打开。</translation>
    </message>
    <message>
        <source>Close the cabinet door; charging is enabled again when the code clears.</source>
        <translation>请关上机柜门；代码消失后即可再次充电。</translation>
    </message>
    <message>
        <source>If the door is closed, the door sensor may have shifted: screw it back into position.</source>
        <translation>如门已关好，门传感器可能已移位，请将其拧回原位。</translation>
    </message>
    <message>
        <source>If it persists, contact your dealer.</source>
        <translation>如持续发生，请联系经销商。</translation>
    </message>
    <message>
        <source>The charger failed its start-up self-test.</source>
        <translation>充电桩开机自检未通过。</translation>
    </message>
    <message>
        <source>Turn the charger off, check the internal cable of the board named by the code, then turn it on again.</source>
        <translation>关闭充电桩，检查代码所指电路板的内部线缆后再开机。</translation>
    </message>
    <message>
        <source>If the same code comes back, contact your dealer.</source>
        <translation>如再次出现相同代码，请联系经销商。</translation>
    </message>
    <message>
        <source>The charger&apos;s cabinets cannot talk to each other. Charging is not possible at the moment.</source>
        <translation>充电桩各机柜之间无法通信，目前无法充电。</translation>
    </message>
    <message>
        <source>Please use another charger or contact the site staff.</source>
        <translation>请使用其他充电桩，或联系现场工作人员。</translation>
    </message>
    <message>
        <source>The charger&apos;s air filter is due for replacement; charging is not affected.</source>
        <translation>充电桩的空气滤网需要更换，不影响充电。</translation>
    </message>
    <message>
        <source>The vehicle reported an error in the charging procedure.</source>
        <translation>车辆报告充电过程出错。</translation>
    </message>
    <message>
        <source>Unplug the charging cable, release the charging limit set in the vehicle, and try again.</source>
        <translation>拔下充电枪，解除车辆设置的充电限制后重试。</translation>
    </message>
    <message>
        <source>If it fails again, try the other connector or another charger.</source>
        <translation>如再次失败，请改用另一把充电枪或其他充电桩。</translation>
    </message>
    <message>
        <source>The charger missed the vehicle&apos;s first message.</source>
        <translation>充电桩未收到车辆的第一条消息。</translation>
    </message>
    <message>
        <source>The cable may not be locked in the vehicle: unplug it and plug it in completely, with a click.</source>
        <translation>充电枪可能未在车上锁止：请拔下后插到底，听到“咔嗒”一声。</translation>
    </message>
    <message>
        <source>Try again. If it fails again, try the other connector or another charger.</source>
        <translation>请重试。如再次失败，请改用另一把充电枪或其他充电桩。</translation>
    </message>
    <message>
        <source>Communication with the vehicle failed.</source>
        <translation>与车辆通信失败。</translation>
    </message>
    <message>
        <source>Unplug the charging cable, switch the vehicle off and on again, and try again.</source>
        <translation>拔下充电枪，将车辆熄火后重新启动再重试。</translation>
    </message>
    <message>
        <source>The cable insulation test did not finish in time.</source>
        <translation>充电枪绝缘检测超时。</translation>
    </message>
    <message>
        <source>Unplug the charging cable and try again.</source>
        <translation>拔下充电枪后重试。</translation>
    </message>
    <message>
        <source>If it fails again, ask the site staff to restart the charger.</source>
        <translation>如再次失败，请现场工作人员重启充电桩。</translation>
    </message>
    <message>
        <source>The charger was not ready.</source>
        <translation>充电桩尚未就绪。</translation>
    </message>
    <message>
        <source>Unplug the charging cable, wait 5 seconds and try again.</source>
        <translation>拔下充电枪，等待 5 秒后重试。</translation>
    </message>
    <message>
        <source>The vehicle ended charging for an unknown reason.</source>
        <translation>车辆因未知原因结束充电。</translation>
    </message>
    <message>
        <source>Check whether a charging target or time limit is set in the vehicle.</source>
        <translation>请确认车辆是否设置了充电目标或时间限制。</translation>
    </message>
    <message>
        <source>Follow the vehicle&apos;s indications.</source>
        <translation>请按照车辆的提示操作。</translation>
    </message>
    <message>
        <source>The charger has lost its connection to the back-end.</source>
        <translation>充电桩与后台系统的连接已断开。</translation>
    </message>
    <message>
        <source>Charging was started remotely.</source>
        <translation>已远程启动充电。</translation>
    </message>
    <message>
        <source>Remote authorization passed: plug in the charging cable to charge.</source>
        <translation>远程验证成功，请插入充电枪开始充电。</translation>
    </message>
    <message>
        <source>Contact the site staff for further instructions.</source>
        <translation>请联系现场工作人员获取进一步指引。</translation>
    </message>
    <message>
        <source>Charging was stopped remotely.</source>
        <translation>已远程停止充电。</translation>
    </message>
    <message>
        <source>Charging reached its set time, energy or amount and was ended remotely.</source>
        <translation>充电已达到设定的时间、电量或金额，已远程结束。</translation>
    </message>
    <message>
        <source>The charger was restarted remotely.</source>
        <translation>充电桩已远程重启。</translation>
    </message>
    <message>
        <source>The charger is being reset or maintained remotely; charging has ended.</source>
        <translation>充电桩正在远程重置或维护，充电已结束。</translation>
    </message>
    <message>
        <source>The charger could not open its output relay. Do not use this connector.</source>
        <translation>充电桩无法断开输出继电器，请勿使用此充电枪。</translation>
    </message>
    <message>
        <source>The charger&apos;s main power was cut by its safety sensor.</source>
        <translation>安全传感器已切断充电桩的主电源。</translation>
    </message>
    <message>
        <source>The emergency stop button has been pressed. Charging has stopped.</source>
        <translation>急停按钮已按下，充电已停止。</translation>
    </message>
    <message>
        <source>The charger&apos;s cabinet door is open. Charging is paused.</source>
        <translation>充电桩机柜门已打开，暂停充电。</translation>
    </message>
    <message>
        <source>No power module is available. Charging is not possible at the moment.</source>
        <translation>没有可用的电源模块，目前无法充电。</translation>
    </message>
    <message>
        <source>The CHAdeMO connector failed its start-up self-test.</source>
        <translation>CHAdeMO 充电枪开机自检未通过。</translation>
    </message>
    <message>
        <source>The CCS connector failed its start-up self-test.</source>
        <translation>CCS 充电枪开机自检未通过。</translation>
    </message>
    <message>
        <source>A power module failed the start-up self-test.</source>
        <translation>有电源模块未通过开机自检。</translation>
    </message>
    <message>
        <source>The connectors fitted do not match the charger&apos;s configuration.</source>
        <translation>安装的充电枪与充电桩配置不符。</translation>
    </message>
    <message>
        <source>The GB/T connector failed its start-up self-test.</source>
        <translation>GB/T 充电枪开机自检未通过。</translation>
    </message>
    <message>
        <source>The session reached the charger&apos;s maximum charging time.</source>
        <translation>本次充电已达充电桩的最长充电时间。</translation>
    </message>
    <message>
        <source>The charger could not communicate with the vehicle.</source>
        <translation>充电桩无法与车辆通信。</translation>
    </message>
    <message>
        <source>The vehicle ended charging.</source>
        <translation>车辆已结束充电。</translation>
    </message>
    <message>
        <source>The vehicle reached its charging target.</source>
        <translation>车辆已达到充电目标。</translation>
    </message>
    <message>
        <source>The vehicle&apos;s battery is full.</source>
        <translation>车辆电池已充满。</translation>
    </message>
</context>
<context>
    <name>StatusScreen</name>
    <message>
        <source>Status code</source>
        <translation>状态码</translation>
    </message>
    <message>
        <source>What to do</source>
        <translation>处理方法</translation>
    </message>
    <message>
        <source>Previous</source>
        <translation>上一个</translation>
    </message>
    <message>
        <source>%1 of %2</source>
        <translation>%1 / %2</translation>
    </message>
    <message>
        <source>Next</source>
        <translation>下一个</translation>
    </message>
</context>
<context>
    <name>StepRow</name>
    <message>
        <source>Done</source>
        <translation>完成</translation>
    </message>
    <message>
        <source>In progress</source>
        <translation>进行中</translation>
    </message>
</context>
<context>
    <name>SummaryScreen</name>
    <message>
        <source>Charging finished</source>
        <translation>充电完成</translation>
    </message>
    <message>
        <source>%1 · %2</source>
        <translation>%1 · %2</translation>
    </message>
    <message>
        <source>Energy delivered</source>
        <translation>充电量</translation>
    </message>
    <message>
        <source>Cost</source>
        <translation>费用</translation>
    </message>
    <message>
        <source>Duration</source>
        <translation>充电时长</translation>
    </message>
    <message>
        <source>Battery</source>
        <translation>电池</translation>
    </message>
    <message>
        <source>%1 → %2</source>
        <translation>%1 → %2</translation>
    </message>
    <message>
        <source>Started</source>
        <translation>开始时间</translation>
    </message>
    <message>
        <source>Stop reason</source>
        <translation>结束原因</translation>
    </message>
    <message>
        <source>Scan for your receipt</source>
        <translation>扫码获取收据</translation>
    </message>
    <message>
        <source>Unplug the connector and return it to the holder</source>
        <translation>请拔下充电枪并放回枪座</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>完成</translation>
    </message>
    <message>
        <source>Charging stopped</source>
        <translation>充电已停止</translation>
    </message>
</context>
<context>
    <name>TariffLine</name>
    <message>
        <source>Price</source>
        <translation>收费标准</translation>
    </message>
</context>
<context>
    <name>UpdatingScreen</name>
    <message>
        <source>Updating the charger software</source>
        <translation>正在更新充电桩软件</translation>
    </message>
    <message>
        <source>Back in a few minutes</source>
        <translation>几分钟后恢复使用</translation>
    </message>
    <message>
        <source>Charger ID %1</source>
        <translation>充电桩编号 %1</translation>
    </message>
</context>
</TS>
