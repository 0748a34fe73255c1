<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_TW">
<context>
    <name>AttractView</name>
    <message>
        <source>Touch the screen or tap a card to start</source>
        <translation>觸碰螢幕或感應卡片即可開始</translation>
    </message>
</context>
<context>
    <name>AuthMethod</name>
    <message>
        <source>Not available</source>
        <translation>暫不提供</translation>
    </message>
</context>
<context>
    <name>AuthPanel</name>
    <message>
        <source>Start charging with</source>
        <translation>開始充電方式</translation>
    </message>
    <message>
        <source>Card</source>
        <translation>卡片</translation>
    </message>
    <message>
        <source>QR code</source>
        <translation>QR 碼</translation>
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
        <translation>高對比：開</translation>
    </message>
    <message>
        <source>High contrast: off</source>
        <translation>高對比：關</translation>
    </message>
    <message>
        <source>Larger text: on</source>
        <translation>放大文字：開</translation>
    </message>
    <message>
        <source>Larger text: off</source>
        <translation>放大文字：關</translation>
    </message>
    <message>
        <source>Stop reading aloud</source>
        <translation>停止朗讀</translation>
    </message>
    <message>
        <source>Read aloud</source>
        <translation>朗讀畫面</translation>
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
        <translation>與另一支充電槍共用功率</translation>
    </message>
    <message>
        <source>Voltage</source>
        <translation>電壓</translation>
    </message>
    <message>
        <source>Current</source>
        <translation>電流</translation>
    </message>
    <message>
        <source>Energy</source>
        <translation>電量</translation>
    </message>
    <message>
        <source>Elapsed</source>
        <translation>已充電</translation>
    </message>
    <message>
        <source>Time to target</source>
        <translation>預估剩餘</translation>
    </message>
    <message>
        <source>Cost so far</source>
        <translation>目前費用</translation>
    </message>
</context>
<context>
    <name>ChargingScreen</name>
    <message>
        <source>Tap your card or press Stop to end charging</source>
        <translation>感應卡片或按「停止」即可結束充電</translation>
    </message>
</context>
<context>
    <name>ConnectorCard</name>
    <message>
        <source>Selected</source>
        <translation>已選取</translation>
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
        <translation>電量</translation>
    </message>
    <message>
        <source>Tap to show details</source>
        <translation>點選查看詳情</translation>
    </message>
</context>
<context>
    <name>ContactLine</name>
    <message>
        <source>Help: %1</source>
        <translation>客服專線：%1</translation>
    </message>
    <message>
        <source>Operated by %1</source>
        <translation>營運商：%1</translation>
    </message>
</context>
<context>
    <name>Countdown</name>
    <message>
        <source>seconds left</source>
        <translation>剩餘秒數</translation>
    </message>
</context>
<context>
    <name>EngineerPinScreen</name>
    <message>
        <source>Engineer access</source>
        <translation>工程人員登入</translation>
    </message>
    <message>
        <source>Enter the PIN</source>
        <translation>請輸入 PIN 碼</translation>
    </message>
    <message>
        <source>Erase</source>
        <translation>刪除</translation>
    </message>
    <message>
        <source>OK</source>
        <translation>確定</translation>
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
        <translation>已連線</translation>
    </message>
    <message>
        <source>Offline</source>
        <translation>離線</translation>
    </message>
</context>
<context>
    <name>HomeScreen</name>
    <message>
        <source>Choose a connector and plug in</source>
        <translation>選擇充電槍並插入車輛</translation>
    </message>
    <message>
        <source>Then tap your card on the reader.</source>
        <translation>然後在感應區感應卡片。</translation>
    </message>
    <message>
        <source>Then tap your card, scan the QR code or use the app.</source>
        <translation>然後感應卡片、掃描 QR 碼或使用 App。</translation>
    </message>
    <message>
        <source>Cable connected</source>
        <translation>充電槍已連接</translation>
    </message>
    <message>
        <source>Tap your card on the reader to start charging.</source>
        <translation>請在感應區感應卡片以開始充電。</translation>
    </message>
    <message>
        <source>Tap your card on the reader or scan the QR code to start charging.</source>
        <translation>請感應卡片或掃描 QR 碼以開始充電。</translation>
    </message>
    <message>
        <source>Plug in to charge</source>
        <translation>插入充電槍即可充電</translation>
    </message>
    <message>
        <source>Tap your card on the reader, before or after plugging in.</source>
        <translation>插槍前後皆可在感應區感應卡片。</translation>
    </message>
    <message>
        <source>Tap your card, scan the QR code or use the app, before or after plugging in.</source>
        <translation>插槍前後皆可感應卡片、掃描 QR 碼或使用 App。</translation>
    </message>
</context>
<context>
    <name>InitializingScreen</name>
    <message>
        <source>Charging station initializing</source>
        <translation>充電站啟動中</translation>
    </message>
    <message>
        <source>Please wait</source>
        <translation>請稍候</translation>
    </message>
</context>
<context>
    <name>LanguagePicker</name>
    <message>
        <source>Choose your language</source>
        <translation>選擇語言</translation>
    </message>
</context>
<context>
    <name>Main</name>
    <message>
        <source>EV charger</source>
        <translation>電動車充電樁</translation>
    </message>
</context>
<context>
    <name>OperatorMessage</name>
    <message>
        <source>Message from the operator</source>
        <translation>營運商訊息</translation>
    </message>
</context>
<context>
    <name>OutOfServiceScreen</name>
    <message>
        <source>Out of service</source>
        <translation>暫停服務</translation>
    </message>
    <message>
        <source>Please use another charger or contact the operator.</source>
        <translation>請使用其他充電樁，或聯絡營運單位。</translation>
    </message>
    <message>
        <source>Charger ID %1</source>
        <translation>充電樁編號 %1</translation>
    </message>
</context>
<context>
    <name>PlugInScreen</name>
    <message>
        <source>Take the connector from its holder and push it firmly into your vehicle&apos;s charging inlet.</source>
        <translation>從槍座取下充電槍，確實插入車輛的充電口。</translation>
    </message>
    <message>
        <source>Press the left button to cancel</source>
        <translation>按左側按鈕可取消</translation>
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
        <translation>充電準備中</translation>
    </message>
    <message>
        <source>Keep the cable connected. Charging starts by itself.</source>
        <translation>請保持充電槍連接，充電將自動開始。</translation>
    </message>
    <message>
        <source>Communicating with vehicle</source>
        <translation>與車輛通訊</translation>
    </message>
    <message>
        <source>Cable check</source>
        <translation>充電槍檢查</translation>
    </message>
    <message>
        <source>Isolation test</source>
        <translation>絕緣測試</translation>
    </message>
    <message>
        <source>Pre-charge</source>
        <translation>預充電</translation>
    </message>
    <message>
        <source>Battery %1</source>
        <translation>電池 %1</translation>
    </message>
</context>
<context>
    <name>Presenter</name>
    <message>
        <source>Left</source>
        <translation>左側</translation>
    </message>
    <message>
        <source>Right</source>
        <translation>右側</translation>
    </message>
    <message>
        <source>Starting up</source>
        <translation>啟動中</translation>
    </message>
    <message>
        <source>Available</source>
        <translation>可使用</translation>
    </message>
    <message>
        <source>Reserved</source>
        <translation>已預約</translation>
    </message>
    <message>
        <source>Unavailable</source>
        <translation>無法使用</translation>
    </message>
    <message>
        <source>Connected – authorize to start</source>
        <translation>已連接－請驗證以開始</translation>
    </message>
    <message>
        <source>Preparing</source>
        <translation>準備中</translation>
    </message>
    <message>
        <source>Charging</source>
        <translation>充電中</translation>
    </message>
    <message>
        <source>Stopping</source>
        <translation>停止中</translation>
    </message>
    <message>
        <source>Complete – please unplug</source>
        <translation>已完成－請拔槍</translation>
    </message>
    <message>
        <source>Out of order</source>
        <translation>故障</translation>
    </message>
    <message>
        <source>Stopped with the Stop button</source>
        <translation>已按停止按鈕結束</translation>
    </message>
    <message>
        <source>Stopped with your card</source>
        <translation>已感應卡片結束</translation>
    </message>
    <message>
        <source>Your vehicle reached its charging target</source>
        <translation>車輛已達到充電目標</translation>
    </message>
    <message>
        <source>Battery full</source>
        <translation>電池已充滿</translation>
    </message>
    <message>
        <source>Stopped by the vehicle</source>
        <translation>車輛已結束充電</translation>
    </message>
    <message>
        <source>Cable disconnected</source>
        <translation>充電槍已拔除</translation>
    </message>
    <message>
        <source>Stopped because of a fault</source>
        <translation>因故障而停止</translation>
    </message>
    <message>
        <source>Emergency stop</source>
        <translation>緊急停止</translation>
    </message>
    <message>
        <source>Stopped remotely</source>
        <translation>已遠端停止</translation>
    </message>
    <message>
        <source>Stopped: the charger restarts</source>
        <translation>已停止：充電樁正在重新啟動</translation>
    </message>
    <message>
        <source>Stopped to unlock the connector</source>
        <translation>已停止以解鎖充電槍</translation>
    </message>
    <message>
        <source>Stopped: your card was not accepted</source>
        <translation>已停止：您的卡片未獲接受</translation>
    </message>
    <message>
        <source>Stopped at the maximum charging time</source>
        <translation>已達最長充電時間而停止</translation>
    </message>
    <message>
        <source>Stopped: the charger lost power</source>
        <translation>已停止：充電樁斷電</translation>
    </message>
    <message>
        <source>Stopped by the operator</source>
        <translation>已由營運商停止</translation>
    </message>
    <message>
        <source>Checking the control boards</source>
        <translation>正在檢查控制板</translation>
    </message>
    <message>
        <source>Checking the connectors</source>
        <translation>正在檢查充電槍</translation>
    </message>
    <message>
        <source>Checking the power modules</source>
        <translation>正在檢查電源模組</translation>
    </message>
    <message>
        <source>Checking the indicators</source>
        <translation>正在檢查指示燈</translation>
    </message>
    <message>
        <source>Ready</source>
        <translation>就緒</translation>
    </message>
    <message>
        <source>Invalid card. Please use another card or the app.</source>
        <extracomment>Information codes the backend asks to show (manual 5.3.7), with the catalog text that says it best.</extracomment>
        <translation>卡片無效，請改用其他卡片或 App。</translation>
    </message>
    <message>
        <source>This card did not start the charging session. Use the same card to stop.</source>
        <translation>此卡片並未啟動本次充電，請使用同一張卡片停止。</translation>
    </message>
    <message>
        <source>No connector is free right now.</source>
        <translation>目前沒有可用的充電槍。</translation>
    </message>
    <message>
        <source>No cable was plugged in. Please authorize again.</source>
        <translation>未插入充電槍，請重新驗證。</translation>
    </message>
    <message>
        <source>Authorized</source>
        <translation>驗證成功</translation>
    </message>
    <message>
        <source>This connector cannot be used right now.</source>
        <translation>此充電槍目前無法使用。</translation>
    </message>
    <message>
        <source>Checking your card…</source>
        <translation>正在驗證您的卡片…</translation>
    </message>
    <message>
        <source>This connector is reserved for another driver.</source>
        <translation>此充電槍已由其他駕駛預約。</translation>
    </message>
    <message>
        <source>No answer about your card came in time. Please tap it again.</source>
        <translation>未能及時收到您卡片的驗證結果。請再感應一次。</translation>
    </message>
    <message>
        <source>The charger is offline and cannot check this card. Please try another card, or try again later.</source>
        <translation>充電樁目前離線，無法驗證此卡。請改用其他卡片，或稍後再試。</translation>
    </message>
    <message>
        <source>The charger is still connecting to the network and cannot check your card yet. Please try again in a minute.</source>
        <translation>充電樁正在連線至網路，暫時無法驗證您的卡片。請一分鐘後再試。</translation>
    </message>
    <message>
        <source>Waiting for a free power module</source>
        <translation>等待可用的電源模組</translation>
    </message>
    <message>
        <source>Limited by the connector&apos;s maximum current</source>
        <translation>受充電槍最大電流限制</translation>
    </message>
    <message>
        <source>Limited by the charger&apos;s available power</source>
        <translation>受充電樁可用功率限制</translation>
    </message>
    <message>
        <source>Reduced power: a power module is out of service</source>
        <translation>功率降低：有電源模組停止運作</translation>
    </message>
    <message>
        <source>Reduced power: high outside temperature</source>
        <translation>功率降低：外部氣溫過高</translation>
    </message>
    <message>
        <source>Limited by the grid supply</source>
        <translation>受市電供應限制</translation>
    </message>
    <message>
        <source>Limited by the operator&apos;s charging schedule</source>
        <translation>受營運單位充電排程限制</translation>
    </message>
    <message>
        <source>The other connector is charging first</source>
        <translation>另一支充電槍正在優先充電</translation>
    </message>
    <message>
        <source>A power module is out of service</source>
        <translation>一個電源模組停止服務</translation>
    </message>
    <message>
        <source>The operator has paused charging for now</source>
        <translation>營運單位暫時暫停了充電</translation>
    </message>
    <message>
        <source>Too hot outside to charge for now</source>
        <translation>外部氣溫過高，暫時無法充電</translation>
    </message>
    <message>
        <source>The grid supply is out of range</source>
        <translation>市電供應超出範圍</translation>
    </message>
    <message>
        <source>Charging starts by itself at %1</source>
        <translation>充電將於 %1 自動開始</translation>
    </message>
    <message>
        <source>Charging starts by itself in about %1</source>
        <translation>充電將在約 %1後自動開始</translation>
    </message>
    <message>
        <source>Charging starts by itself when the other session ends</source>
        <translation>另一個充電結束後將自動開始充電</translation>
    </message>
    <message>
        <source>Charging starts by itself when power is free again</source>
        <translation>功率空出後將自動開始充電</translation>
    </message>
    <message>
        <source>Charging starts by itself when the operator allows it</source>
        <translation>營運單位允許後將自動開始充電</translation>
    </message>
    <message>
        <source>Charging starts by itself when it is cooler</source>
        <translation>氣溫降低後將自動開始充電</translation>
    </message>
    <message>
        <source>Charging starts by itself when the supply is normal</source>
        <translation>供電恢復正常後將自動開始充電</translation>
    </message>
    <message>
        <source>%1 per kWh</source>
        <translation>每 kWh %1</translation>
    </message>
    <message>
        <source>%1 per minute of charging</source>
        <translation>充電每分鐘 %1</translation>
    </message>
    <message>
        <source>%1 session fee</source>
        <translation>每次充電基本費 %1</translation>
    </message>
    <message>
        <source>Idle fee %1 per minute, from %2 after charging ends</source>
        <translation>充電結束 %2後，佔位費每分鐘 %1</translation>
    </message>
    <message>
        <source>Idle fee %1 per minute after charging ends</source>
        <translation>充電結束後，佔位費每分鐘 %1</translation>
    </message>
    <message>
        <source>Free</source>
        <translation>免費</translation>
    </message>
    <message>
        <source>For help, call %1</source>
        <translation>如需協助，請撥打%1</translation>
    </message>
    <message>
        <source>Connecting to the charging network…</source>
        <translation>正在連線至充電網路…</translation>
    </message>
    <message>
        <source>Plug the %1 connector into your vehicle</source>
        <translation>請將 %1 充電槍插入車輛</translation>
    </message>
    <message>
        <source>Plug the %1 or %2 connector into your vehicle</source>
        <translation>請將 %1 或 %2 充電槍插入車輛</translation>
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
        <translation>首頁</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>完成</translation>
    </message>
    <message>
        <source>Try again</source>
        <translation>重試</translation>
    </message>
    <message>
        <source>Select</source>
        <translation>選擇</translation>
    </message>
    <message>
        <source>Next</source>
        <translation>下一個</translation>
    </message>
    <message>
        <source>Switch connector</source>
        <translation>切換充電槍</translation>
    </message>
    <message>
        <source>Waiting for power</source>
        <translation>等待供電</translation>
    </message>
    <message>
        <source>Your vehicle and the charger could not communicate</source>
        <translation>您的車輛與充電樁無法通訊</translation>
    </message>
    <message>
        <source>The cable safety test did not pass</source>
        <translation>充電線安全檢測未通過</translation>
    </message>
    <message>
        <source>Your vehicle did not get ready for charging</source>
        <translation>您的車輛未能做好充電準備</translation>
    </message>
    <message>
        <source>Your vehicle did not accept the charge</source>
        <translation>您的車輛未接受充電</translation>
    </message>
    <message>
        <source>Charging could not start</source>
        <translation>無法開始充電</translation>
    </message>
    <message>
        <source>The connection broke off before charging began. This often happens when the connector is not fully in.</source>
        <translation>充電開始前連線中斷。這通常是因為充電槍沒有插到底。</translation>
    </message>
    <message>
        <source>Before charging, the charger checks that the cable is safely insulated. The check did not pass, so no power was sent.</source>
        <translation>充電前，充電樁會檢測充電線的絕緣是否安全。檢測未通過，因此沒有輸出電能。</translation>
    </message>
    <message>
        <source>The charger prepared the voltage, but your vehicle did not connect its battery in time.</source>
        <translation>充電樁已準備好電壓，但您的車輛未能及時接通電池。</translation>
    </message>
    <message>
        <source>Your vehicle stopped the start by itself, before any energy flowed.</source>
        <translation>在輸出電能之前，您的車輛自行停止了啟動。</translation>
    </message>
    <message>
        <source>Charging stopped before any energy flowed.</source>
        <translation>充電在輸出電能之前停止了。</translation>
    </message>
    <message>
        <source>Check that your vehicle is in Park and ready to charge.</source>
        <translation>請確認車輛已打入 P 檔並可以充電。</translation>
    </message>
    <message>
        <source>Touch Try again, or unplug the cable and plug it in again.</source>
        <translation>請點選「重試」，或拔下充電槍後重新插入。</translation>
    </message>
    <message>
        <source>Unplug the cable, then plug it in again firmly.</source>
        <translation>請拔下充電槍，然後重新插緊。</translation>
    </message>
    <message>
        <source>Plug the cable in again firmly.</source>
        <translation>請重新插緊充電槍。</translation>
    </message>
    <message>
        <source>Charging starts by itself. You do not need to tap your card again.</source>
        <translation>充電會自動開始，無需再次感應卡片。</translation>
    </message>
    <message>
        <source>Unplug the cable, plug it in again and authorize again.</source>
        <translation>請拔下充電槍後重新插入，並再次認證。</translation>
    </message>
    <message>
        <source>Unplug the cable.</source>
        <translation>請拔下充電槍。</translation>
    </message>
    <message>
        <source>Use the other connector, or call the operator for help.</source>
        <translation>請使用另一支充電槍，或致電營運商尋求協助。</translation>
    </message>
    <message>
        <source>Use another charger, or call the operator for help.</source>
        <translation>請使用其他充電樁，或致電營運商尋求協助。</translation>
    </message>
    <message>
        <source>Code to quote: %1</source>
        <translation>報修代碼：%1</translation>
    </message>
    <message>
        <source>Your card stays valid for %1</source>
        <translation>您的卡在 %1 內仍然有效</translation>
    </message>
    <message>
        <source>The operator has been notified. If you contact customer service, quote code %1.</source>
        <translation>已通知營運商。聯絡客服時，請提供代碼 %1。</translation>
    </message>
    <message>
        <source>If you contact customer service, quote code %1.</source>
        <translation>聯絡客服時，請提供代碼 %1。</translation>
    </message>
    <message>
        <source>Scan to pay and start with your phone</source>
        <translation>用手機掃描即可付款並開始充電</translation>
    </message>
    <message>
        <source>Wrong PIN</source>
        <translation>PIN 碼錯誤</translation>
    </message>
    <message>
        <source>Too many wrong PINs: try again in %1 s</source>
        <translation>PIN 碼錯誤次數過多：請於 %1 秒後再試</translation>
    </message>
    <message>
        <source>Charger</source>
        <extracomment>The engineer screen&apos;s Reliability page (controller.engineer_screen.RELIABILITY_PAGE). The CAN error frame classes and failed sends the engineer screen names when they happened. Steps on one page of the status screen: more (manual 5.3.6 has seven) go on further pages, which the pager steps through like the codes themselves.</extracomment>
        <translation>充電樁</translation>
    </message>
    <message>
        <source>Left connector (%1)</source>
        <translation>左側充電槍（%1）</translation>
    </message>
    <message>
        <source>Right connector (%1)</source>
        <translation>右側充電槍（%1）</translation>
    </message>
</context>
<context>
    <name>SimConnectorGroup</name>
    <message>
        <source>%1 connector · %2</source>
        <translation>%1充電槍 · %2</translation>
    </message>
    <message>
        <source>Cable plugged in</source>
        <translation>已插入充電槍</translation>
    </message>
    <message>
        <source>EV SOC</source>
        <translation>車輛 SOC</translation>
    </message>
    <message>
        <source>%1 → %2 %</source>
        <translation>%1 → %2 %</translation>
    </message>
    <message>
        <source>Apply</source>
        <translation>套用</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>狀態</translation>
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
        <translation>營運商訊息</translation>
    </message>
    <message>
        <source>Show message</source>
        <translation>顯示訊息</translation>
    </message>
    <message>
        <source>Send running cost</source>
        <translation>傳送目前費用</translation>
    </message>
    <message>
        <source>Central system (OCPP)</source>
        <translation>中央系統 (OCPP)</translation>
    </message>
    <message>
        <source>Central system running</source>
        <translation>中央系統運作中</translation>
    </message>
    <message>
        <source>Remote start left</source>
        <translation>遠端啟動左側</translation>
    </message>
    <message>
        <source>Remote start right</source>
        <translation>遠端啟動右側</translation>
    </message>
    <message>
        <source>Remote stop left</source>
        <translation>遠端停止左側</translation>
    </message>
    <message>
        <source>Remote stop right</source>
        <translation>遠端停止右側</translation>
    </message>
    <message>
        <source>Reserve left</source>
        <translation>預約左側</translation>
    </message>
    <message>
        <source>Reserve right</source>
        <translation>預約右側</translation>
    </message>
    <message>
        <source>Left unavailable</source>
        <translation>左側停用</translation>
    </message>
    <message>
        <source>Right unavailable</source>
        <translation>右側停用</translation>
    </message>
    <message>
        <source>Cancel reservation</source>
        <translation>取消預約</translation>
    </message>
    <message>
        <source>Limit to 20 kW</source>
        <translation>限制為 20 kW</translation>
    </message>
    <message>
        <source>Soft reset</source>
        <translation>軟重設</translation>
    </message>
    <message>
        <source>Hard reset</source>
        <translation>硬重設</translation>
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
        <translation>外部氣溫 (°C)</translation>
    </message>
    <message>
        <source>Grid voltage (V)</source>
        <translation>市電電壓 (V)</translation>
    </message>
    <message>
        <source>PSU %1 failed</source>
        <translation>電源模組 %1 故障</translation>
    </message>
</context>
<context>
    <name>SimulatorPanel</name>
    <message>
        <source>Charger simulator</source>
        <translation>充電樁模擬器</translation>
    </message>
    <message>
        <source>Left</source>
        <translation>左側</translation>
    </message>
    <message>
        <source>Right</source>
        <translation>右側</translation>
    </message>
    <message>
        <source>Station</source>
        <translation>充電站</translation>
    </message>
    <message>
        <source>Tap known card</source>
        <translation>感應已登錄卡片</translation>
    </message>
    <message>
        <source>Tap unknown card</source>
        <translation>感應未登錄卡片</translation>
    </message>
    <message>
        <source>Emergency stop</source>
        <translation>緊急停止</translation>
    </message>
    <message>
        <source>Door open</source>
        <translation>櫃門開啟</translation>
    </message>
    <message>
        <source>Left button</source>
        <translation>左側按鈕</translation>
    </message>
    <message>
        <source>Right button</source>
        <translation>右側按鈕</translation>
    </message>
</context>
<context>
    <name>SocGauge</name>
    <message>
        <source>Battery</source>
        <translation>電池</translation>
    </message>
    <message>
        <source>Target %1</source>
        <translation>目標 %1</translation>
    </message>
</context>
<context>
    <name>StartFailedScreen</name>
    <message>
        <source>Charging did not start</source>
        <translation>充電未能開始</translation>
    </message>
    <message>
        <source>What to do</source>
        <translation>處理方法</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>完成</translation>
    </message>
    <message>
        <source>Try again</source>
        <translation>重試</translation>
    </message>
</context>
<context>
    <name>StatusCodeLine</name>
    <message>
        <source>Status code %1 · %2</source>
        <translation>狀態碼 %1 · %2</translation>
    </message>
    <message>
        <source>Status code %1</source>
        <translation>狀態碼 %1</translation>
    </message>
</context>
<context>
    <name>StatusCodes</name>
    <message>
        <source>A part of the charger has failed.</source>
        <translation>充電樁的某個零件故障。</translation>
    </message>
    <message>
        <source>Unplug the charging connector.</source>
        <translation>請拔下充電槍。</translation>
    </message>
    <message>
        <source>Turn the charger off, reconnect the part named by the code, then turn it on again.</source>
        <translation>關閉充電樁，重新連接代碼所指的零件後再開機。</translation>
    </message>
    <message>
        <source>If the same code comes back, the charger must be serviced by a qualified technician: contact your dealer.</source>
        <translation>若再次出現相同代碼，須由合格技術人員維修，請聯絡經銷商。</translation>
    </message>
    <message>
        <source>Charging is paused until the condition clears.</source>
        <translation>在狀況排除前暫停充電。</translation>
    </message>
    <message>
        <source>Wait: charging is enabled again automatically when the condition clears.</source>
        <translation>請稍候：狀況排除後會自動恢復充電。</translation>
    </message>
    <message>
        <source>If it does not clear, turn the charger off and on again.</source>
        <translation>若未排除，請將充電樁關機後重新開機。</translation>
    </message>
    <message>
        <source>Contact your dealer.</source>
        <translation>請聯絡經銷商。</translation>
    </message>
    <message>
        <source>Information from the charger; charging is not affected.</source>
        <translation>充電樁訊息，不影響充電。</translation>
    </message>
    <message>
        <source>Charge as usual.</source>
        <translation>可照常充電。</translation>
    </message>
    <message>
        <source>Contact your dealer if the message keeps appearing.</source>
        <translation>若訊息持續出現，請聯絡經銷商。</translation>
    </message>
    <message>
        <source>The vehicle ended or refused the charging procedure.</source>
        <translation>車輛結束或拒絕了充電程序。</translation>
    </message>
    <message>
        <source>Unplug the charging cable and wait 5 seconds. Plug it in completely, with a click, and try again.</source>
        <translation>拔下充電槍並等待 5 秒，再確實插入至聽到「喀」一聲後重試。</translation>
    </message>
    <message>
        <source>Unplug the charging cable and try the other connector or another charger.</source>
        <translation>拔下充電槍，改用另一支充電槍或其他充電樁。</translation>
    </message>
    <message>
        <source>Unplug, drive the EV away a few metres and back, stop the EV, remove the key and try again.</source>
        <translation>拔槍後將車輛移開幾公尺再開回，熄火並取下鑰匙後重試。</translation>
    </message>
    <message>
        <source>After unplugging, check that the EV&apos;s charging mode and time limit are enabled.</source>
        <translation>拔槍後，請確認車輛的充電模式與時間限制已啟用。</translation>
    </message>
    <message>
        <source>If the EV shows an error, follow the EV&apos;s user manual.</source>
        <translation>若車輛顯示錯誤，請依照車輛使用手冊處理。</translation>
    </message>
    <message>
        <source>After unplugging, ask the site staff to restart the charger and try again.</source>
        <translation>拔槍後，請現場人員重新啟動充電樁再重試。</translation>
    </message>
    <message>
        <source>If the cable cannot be unplugged, use the EV&apos;s release button or manual unlock; otherwise ask the site staff to restart the charger.</source>
        <translation>若無法拔槍，請使用車輛的解鎖按鈕或手動解鎖；否則請現場人員重新啟動充電樁。</translation>
    </message>
    <message>
        <source>A message from the charger&apos;s network or back-end.</source>
        <translation>來自充電樁網路或後台系統的訊息。</translation>
    </message>
    <message>
        <source>Follow the remote procedure or contact the site staff to arrange charging.</source>
        <translation>請依遠端程序操作，或聯絡現場人員安排充電。</translation>
    </message>
    <message>
        <source>Abnormal input voltage.</source>
        <translation>輸入電壓異常。</translation>
    </message>
    <message>
        <source>Charging is enabled again when the grid supply is normal.</source>
        <translation>市電供應恢復正常後即可再次充電。</translation>
    </message>
    <message>
        <source>Check the input power, or turn the charger off and on again.</source>
        <translation>請檢查輸入電源，或將充電樁關機後重新開機。</translation>
    </message>
    <message>
        <source>Abnormal environment or device temperature.</source>
        <translation>環境或設備溫度異常。</translation>
    </message>
    <message>
        <source>Keep the air inlet and outlet clear and remove heat sources; charging is enabled again after cooling down.</source>
        <translation>請保持進出風口暢通並移開熱源；降溫後即可再次充電。</translation>
    </message>
    <message>
        <source>If it persists, the over-temperature protection or a device may be faulty: contact your dealer.</source>
        <translation>若持續發生，可能是過溫保護或設備故障，請聯絡經銷商。</translation>
    </message>
    <message>
        <source>External network disconnected.</source>
        <translation>外部網路已中斷。</translation>
    </message>
    <message>
        <source>QR code and app authorization are unavailable for the moment: please use an RFID card.</source>
        <translation>QR 碼與 App 驗證暫時無法使用，請使用 RFID 卡片。</translation>
    </message>
    <message>
        <source>Contact the network management staff for a network inspection.</source>
        <translation>請聯絡網路管理人員檢查網路。</translation>
    </message>
    <message>
        <source>The card reader is not working.</source>
        <translation>讀卡機無法運作。</translation>
    </message>
    <message>
        <source>Cards cannot be read at the moment: use the QR code or the app if offered, or another charger.</source>
        <translation>目前無法讀取卡片：請使用 QR 碼或 App（若有提供），或改用其他充電樁。</translation>
    </message>
    <message>
        <source>Contact the site staff.</source>
        <translation>請聯絡現場人員。</translation>
    </message>
    <message>
        <source>The emergency stop button is pressed.</source>
        <translation>緊急停止按鈕已按下。</translation>
    </message>
    <message>
        <source>Release the emergency stop button by rotating it; charging is enabled again when the code clears.</source>
        <translation>旋轉緊急停止按鈕以解除；代碼消失後即可再次充電。</translation>
    </message>
    <message>
        <source>If the charger stays on this page, turn it off and on again or contact your dealer.</source>
        <translation>若充電樁停留在此畫面，請關機後重新開機，或聯絡經銷商。</translation>
    </message>
    <message>
        <source>The cabinet door is open.</source>
        <translation>機櫃門已開啟。</translation>
    </message>
    <message>
        <source>Close the cabinet door; charging is enabled again when the code clears.</source>
        <translation>請關上機櫃門；代碼消失後即可再次充電。</translation>
    </message>
    <message>
        <source>If the door is closed, the door sensor may have shifted: screw it back into position.</source>
        <translation>若門已關上，門感測器可能已移位，請將其鎖回原位。</translation>
    </message>
    <message>
        <source>If it persists, contact your dealer.</source>
        <translation>若持續發生，請聯絡經銷商。</translation>
    </message>
    <message>
        <source>The charger failed its start-up self-test.</source>
        <translation>充電樁開機自我檢測未通過。</translation>
    </message>
    <message>
        <source>Turn the charger off, check the internal cable of the board named by the code, then turn it on again.</source>
        <translation>關閉充電樁，檢查代碼所指電路板的內部線材後再開機。</translation>
    </message>
    <message>
        <source>If the same code comes back, contact your dealer.</source>
        <translation>若再次出現相同代碼，請聯絡經銷商。</translation>
    </message>
    <message>
        <source>The charger&apos;s cabinets cannot talk to each other. Charging is not possible at the moment.</source>
        <translation>充電樁的機櫃之間無法通訊，目前無法充電。</translation>
    </message>
    <message>
        <source>Please use another charger or contact the site staff.</source>
        <translation>請使用其他充電樁，或聯絡現場人員。</translation>
    </message>
    <message>
        <source>The charger&apos;s air filter is due for replacement; charging is not affected.</source>
        <translation>充電樁的空氣濾網需要更換，不影響充電。</translation>
    </message>
    <message>
        <source>The vehicle reported an error in the charging procedure.</source>
        <translation>車輛回報充電程序錯誤。</translation>
    </message>
    <message>
        <source>Unplug the charging cable, release the charging limit set in the vehicle, and try again.</source>
        <translation>拔下充電槍，解除車輛設定的充電限制後重試。</translation>
    </message>
    <message>
        <source>If it fails again, try the other connector or another charger.</source>
        <translation>若再次失敗，請改用另一支充電槍或其他充電樁。</translation>
    </message>
    <message>
        <source>The charger missed the vehicle&apos;s first message.</source>
        <translation>充電樁未收到車輛的第一則訊息。</translation>
    </message>
    <message>
        <source>The cable may not be locked in the vehicle: unplug it and plug it in completely, with a click.</source>
        <translation>充電槍可能未在車上鎖定：請拔下後確實插入至聽到「喀」一聲。</translation>
    </message>
    <message>
        <source>Try again. If it fails again, try the other connector or another charger.</source>
        <translation>請重試。若再次失敗，請改用另一支充電槍或其他充電樁。</translation>
    </message>
    <message>
        <source>Communication with the vehicle failed.</source>
        <translation>與車輛通訊失敗。</translation>
    </message>
    <message>
        <source>Unplug the charging cable, switch the vehicle off and on again, and try again.</source>
        <translation>拔下充電槍，將車輛熄火後重新啟動再重試。</translation>
    </message>
    <message>
        <source>The cable insulation test did not finish in time.</source>
        <translation>充電槍絕緣測試逾時。</translation>
    </message>
    <message>
        <source>Unplug the charging cable and try again.</source>
        <translation>拔下充電槍後重試。</translation>
    </message>
    <message>
        <source>If it fails again, ask the site staff to restart the charger.</source>
        <translation>若再次失敗，請現場人員重新啟動充電樁。</translation>
    </message>
    <message>
        <source>The charger was not ready.</source>
        <translation>充電樁尚未就緒。</translation>
    </message>
    <message>
        <source>Unplug the charging cable, wait 5 seconds and try again.</source>
        <translation>拔下充電槍，等待 5 秒後重試。</translation>
    </message>
    <message>
        <source>The vehicle ended charging for an unknown reason.</source>
        <translation>車輛因不明原因結束充電。</translation>
    </message>
    <message>
        <source>Check whether a charging target or time limit is set in the vehicle.</source>
        <translation>請確認車輛是否設定了充電目標或時間限制。</translation>
    </message>
    <message>
        <source>Follow the vehicle&apos;s indications.</source>
        <translation>請依照車輛的指示操作。</translation>
    </message>
    <message>
        <source>The charger has lost its connection to the back-end.</source>
        <translation>充電樁與後台系統的連線中斷。</translation>
    </message>
    <message>
        <source>Charging was started remotely.</source>
        <translation>已遠端啟動充電。</translation>
    </message>
    <message>
        <source>Remote authorization passed: plug in the charging cable to charge.</source>
        <translation>遠端驗證成功，請插入充電槍開始充電。</translation>
    </message>
    <message>
        <source>Contact the site staff for further instructions.</source>
        <translation>請聯絡現場人員取得進一步指示。</translation>
    </message>
    <message>
        <source>Charging was stopped remotely.</source>
        <translation>已遠端停止充電。</translation>
    </message>
    <message>
        <source>Charging reached its set time, energy or amount and was ended remotely.</source>
        <translation>充電已達設定的時間、電量或金額，已遠端結束。</translation>
    </message>
    <message>
        <source>The charger was restarted remotely.</source>
        <translation>充電樁已遠端重新啟動。</translation>
    </message>
    <message>
        <source>The charger is being reset or maintained remotely; charging has ended.</source>
        <translation>充電樁正在遠端重設或維護，充電已結束。</translation>
    </message>
    <message>
        <source>The charger could not open its output relay. Do not use this connector.</source>
        <translation>充電樁無法斷開輸出繼電器，請勿使用此充電槍。</translation>
    </message>
    <message>
        <source>The charger&apos;s main power was cut by its safety sensor.</source>
        <translation>安全感測器已切斷充電樁的主電源。</translation>
    </message>
    <message>
        <source>The emergency stop button has been pressed. Charging has stopped.</source>
        <translation>緊急停止按鈕已按下，充電已停止。</translation>
    </message>
    <message>
        <source>The charger&apos;s cabinet door is open. Charging is paused.</source>
        <translation>充電樁機櫃門已開啟，暫停充電。</translation>
    </message>
    <message>
        <source>No power module is available. Charging is not possible at the moment.</source>
        <translation>沒有可用的電源模組，目前無法充電。</translation>
    </message>
    <message>
        <source>The CHAdeMO connector failed its start-up self-test.</source>
        <translation>CHAdeMO 充電槍開機自我檢測未通過。</translation>
    </message>
    <message>
        <source>The CCS connector failed its start-up self-test.</source>
        <translation>CCS 充電槍開機自我檢測未通過。</translation>
    </message>
    <message>
        <source>A power module failed the start-up self-test.</source>
        <translation>有電源模組未通過開機自我檢測。</translation>
    </message>
    <message>
        <source>The connectors fitted do not match the charger&apos;s configuration.</source>
        <translation>安裝的充電槍與充電樁設定不符。</translation>
    </message>
    <message>
        <source>The GB/T connector failed its start-up self-test.</source>
        <translation>GB/T 充電槍開機自我檢測未通過。</translation>
    </message>
    <message>
        <source>The session reached the charger&apos;s maximum charging time.</source>
        <translation>本次充電已達充電樁的最長充電時間。</translation>
    </message>
    <message>
        <source>The charger could not communicate with the vehicle.</source>
        <translation>充電樁無法與車輛通訊。</translation>
    </message>
    <message>
        <source>The vehicle ended charging.</source>
        <translation>車輛已結束充電。</translation>
    </message>
    <message>
        <source>The vehicle reached its charging target.</source>
        <translation>車輛已達到充電目標。</translation>
    </message>
    <message>
        <source>The vehicle&apos;s battery is full.</source>
        <translation>車輛電池已充滿。</translation>
    </message>
</context>
<context>
    <name>StatusScreen</name>
    <message>
        <source>Status code</source>
        <translation>狀態碼</translation>
    </message>
    <message>
        <source>What to do</source>
        <translation>處理方式</translation>
    </message>
    <message>
        <source>Previous</source>
        <translation>上一個</translation>
    </message>
    <message>
        <source>%1 of %2</source>
        <translation>%1 / %2</translation>
    </message>
    <message>
        <source>Next</source>
        <translation>下一個</translation>
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
        <translation>進行中</translation>
    </message>
</context>
<context>
    <name>SummaryScreen</name>
    <message>
        <source>Charging finished</source>
        <translation>充電完成</translation>
    </message>
    <message>
        <source>%1 · %2</source>
        <translation>%1 · %2</translation>
    </message>
    <message>
        <source>Energy delivered</source>
        <translation>充電量</translation>
    </message>
    <message>
        <source>Cost</source>
        <translation>費用</translation>
    </message>
    <message>
        <source>Duration</source>
        <translation>充電時間</translation>
    </message>
    <message>
        <source>Battery</source>
        <translation>電池</translation>
    </message>
    <message>
        <source>%1 → %2</source>
        <translation>%1 → %2</translation>
    </message>
    <message>
        <source>Started</source>
        <translation>開始時間</translation>
    </message>
    <message>
        <source>Stop reason</source>
        <translation>結束原因</translation>
    </message>
    <message>
        <source>Scan for your receipt</source>
        <translation>掃描以取得收據</translation>
    </message>
    <message>
        <source>Unplug the connector and return it to the holder</source>
        <translation>請拔下充電槍並放回槍座</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>完成</translation>
    </message>
    <message>
        <source>Charging stopped</source>
        <translation>充電已停止</translation>
    </message>
</context>
<context>
    <name>TariffLine</name>
    <message>
        <source>Price</source>
        <translation>費率</translation>
    </message>
</context>
<context>
    <name>UpdatingScreen</name>
    <message>
        <source>Updating the charger software</source>
        <translation>正在更新充電樁軟體</translation>
    </message>
    <message>
        <source>Back in a few minutes</source>
        <translation>幾分鐘後恢復使用</translation>
    </message>
    <message>
        <source>Charger ID %1</source>
        <translation>充電樁編號 %1</translation>
    </message>
</context>
</TS>
