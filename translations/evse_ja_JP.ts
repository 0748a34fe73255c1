<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ja_JP">
<context>
    <name>AttractView</name>
    <message>
        <source>Touch the screen or tap a card to start</source>
        <translation>画面に触れるか、カードをかざして開始</translation>
    </message>
</context>
<context>
    <name>AuthMethod</name>
    <message>
        <source>Not available</source>
        <translation>利用できません</translation>
    </message>
</context>
<context>
    <name>AuthPanel</name>
    <message>
        <source>Start charging with</source>
        <translation>充電の開始方法</translation>
    </message>
    <message>
        <source>Card</source>
        <translation>カード</translation>
    </message>
    <message>
        <source>QR code</source>
        <translation>QRコード</translation>
    </message>
    <message>
        <source>App</source>
        <translation>アプリ</translation>
    </message>
</context>
<context>
    <name>ButtonBar</name>
    <message>
        <source>High contrast: on</source>
        <translation>ハイコントラスト：オン</translation>
    </message>
    <message>
        <source>High contrast: off</source>
        <translation>ハイコントラスト：オフ</translation>
    </message>
    <message>
        <source>Larger text: on</source>
        <translation>文字を大きく：オン</translation>
    </message>
    <message>
        <source>Larger text: off</source>
        <translation>文字を大きく：オフ</translation>
    </message>
    <message>
        <source>Stop reading aloud</source>
        <translation>読み上げを止める</translation>
    </message>
    <message>
        <source>Read aloud</source>
        <translation>画面を読み上げる</translation>
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
        <translation>もう一方のコネクターと電力を分け合っています</translation>
    </message>
    <message>
        <source>Voltage</source>
        <translation>電圧</translation>
    </message>
    <message>
        <source>Current</source>
        <translation>電流</translation>
    </message>
    <message>
        <source>Energy</source>
        <translation>充電量</translation>
    </message>
    <message>
        <source>Elapsed</source>
        <translation>経過時間</translation>
    </message>
    <message>
        <source>Time to target</source>
        <translation>目標まで</translation>
    </message>
    <message>
        <source>Cost so far</source>
        <translation>現在の料金</translation>
    </message>
</context>
<context>
    <name>ChargingScreen</name>
    <message>
        <source>Tap your card or press Stop to end charging</source>
        <translation>カードをかざすか「停止」を押すと充電を終了します</translation>
    </message>
</context>
<context>
    <name>ConnectorCard</name>
    <message>
        <source>Selected</source>
        <translation>選択中</translation>
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
        <translation>出力</translation>
    </message>
    <message>
        <source>%1 kW</source>
        <translation>%1 kW</translation>
    </message>
    <message>
        <source>Energy</source>
        <translation>充電量</translation>
    </message>
    <message>
        <source>Tap to show details</source>
        <translation>タップで詳細を表示</translation>
    </message>
</context>
<context>
    <name>ContactLine</name>
    <message>
        <source>Help: %1</source>
        <translation>お問い合わせ：%1</translation>
    </message>
    <message>
        <source>Operated by %1</source>
        <translation>運営：%1</translation>
    </message>
</context>
<context>
    <name>Countdown</name>
    <message>
        <source>seconds left</source>
        <translation>残り秒数</translation>
    </message>
</context>
<context>
    <name>EngineerPinScreen</name>
    <message>
        <source>Engineer access</source>
        <translation>技術者用アクセス</translation>
    </message>
    <message>
        <source>Enter the PIN</source>
        <translation>PIN を入力してください</translation>
    </message>
    <message>
        <source>Erase</source>
        <translation>消去</translation>
    </message>
    <message>
        <source>OK</source>
        <translation>OK</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>キャンセル</translation>
    </message>
</context>
<context>
    <name>Header</name>
    <message>
        <source>Online</source>
        <translation>オンライン</translation>
    </message>
    <message>
        <source>Offline</source>
        <translation>オフライン</translation>
    </message>
</context>
<context>
    <name>HomeScreen</name>
    <message>
        <source>Choose a connector and plug in</source>
        <translation>コネクターを選んで接続してください</translation>
    </message>
    <message>
        <source>Then tap your card on the reader.</source>
        <translation>その後、カードを読み取り部にかざしてください。</translation>
    </message>
    <message>
        <source>Then tap your card, scan the QR code or use the app.</source>
        <translation>その後、カードをかざすか、QRコードを読み取るか、アプリをご利用ください。</translation>
    </message>
    <message>
        <source>Cable connected</source>
        <translation>ケーブルが接続されました</translation>
    </message>
    <message>
        <source>Tap your card on the reader to start charging.</source>
        <translation>カードを読み取り部にかざすと充電を開始します。</translation>
    </message>
    <message>
        <source>Tap your card on the reader or scan the QR code to start charging.</source>
        <translation>カードを読み取り部にかざすか、QRコードを読み取ると充電を開始します。</translation>
    </message>
    <message>
        <source>Plug in to charge</source>
        <translation>コネクターを接続して充電</translation>
    </message>
    <message>
        <source>Tap your card on the reader, before or after plugging in.</source>
        <translation>接続の前でも後でも、カードを読み取り部にかざしてください。</translation>
    </message>
    <message>
        <source>Tap your card, scan the QR code or use the app, before or after plugging in.</source>
        <translation>接続の前でも後でも、カード・QRコード・アプリで開始できます。</translation>
    </message>
</context>
<context>
    <name>InitializingScreen</name>
    <message>
        <source>Charging station initializing</source>
        <translation>充電器を起動しています</translation>
    </message>
    <message>
        <source>Please wait</source>
        <translation>しばらくお待ちください</translation>
    </message>
</context>
<context>
    <name>LanguagePicker</name>
    <message>
        <source>Choose your language</source>
        <translation>言語を選択</translation>
    </message>
</context>
<context>
    <name>Main</name>
    <message>
        <source>EV charger</source>
        <translation>EV充電器</translation>
    </message>
</context>
<context>
    <name>OperatorMessage</name>
    <message>
        <source>Message from the operator</source>
        <translation>運営者からのお知らせ</translation>
    </message>
</context>
<context>
    <name>OutOfServiceScreen</name>
    <message>
        <source>Out of service</source>
        <translation>使用できません</translation>
    </message>
    <message>
        <source>Please use another charger or contact the operator.</source>
        <translation>別の充電器をご利用いただくか、運営会社にお問い合わせください。</translation>
    </message>
    <message>
        <source>Charger ID %1</source>
        <translation>充電器ID %1</translation>
    </message>
</context>
<context>
    <name>PlugInScreen</name>
    <message>
        <source>Take the connector from its holder and push it firmly into your vehicle&apos;s charging inlet.</source>
        <translation>コネクターをホルダーから外し、車両の充電口にしっかり差し込んでください。</translation>
    </message>
    <message>
        <source>Press the left button to cancel</source>
        <translation>左のボタンでキャンセル</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>キャンセル</translation>
    </message>
</context>
<context>
    <name>PowerReadout</name>
    <message>
        <source>Power</source>
        <translation>出力</translation>
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
        <translation>充電の準備中</translation>
    </message>
    <message>
        <source>Keep the cable connected. Charging starts by itself.</source>
        <translation>ケーブルは接続したままにしてください。充電は自動で始まります。</translation>
    </message>
    <message>
        <source>Communicating with vehicle</source>
        <translation>車両と通信中</translation>
    </message>
    <message>
        <source>Cable check</source>
        <translation>ケーブル点検</translation>
    </message>
    <message>
        <source>Isolation test</source>
        <translation>絶縁試験</translation>
    </message>
    <message>
        <source>Pre-charge</source>
        <translation>プリチャージ</translation>
    </message>
    <message>
        <source>Battery %1</source>
        <translation>バッテリー %1</translation>
    </message>
</context>
<context>
    <name>Presenter</name>
    <message>
        <source>Left</source>
        <translation>左</translation>
    </message>
    <message>
        <source>Right</source>
        <translation>右</translation>
    </message>
    <message>
        <source>Starting up</source>
        <translation>起動中</translation>
    </message>
    <message>
        <source>Available</source>
        <translation>利用可能</translation>
    </message>
    <message>
        <source>Reserved</source>
        <translation>予約済み</translation>
    </message>
    <message>
        <source>Unavailable</source>
        <translation>使用不可</translation>
    </message>
    <message>
        <source>Connected – authorize to start</source>
        <translation>接続済み：認証して開始</translation>
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
        <translation>完了：コネクターを外してください</translation>
    </message>
    <message>
        <source>Out of order</source>
        <translation>故障中</translation>
    </message>
    <message>
        <source>Stopped with the Stop button</source>
        <translation>停止ボタンで終了しました</translation>
    </message>
    <message>
        <source>Stopped with your card</source>
        <translation>カードで終了しました</translation>
    </message>
    <message>
        <source>Your vehicle reached its charging target</source>
        <translation>車両が目標の充電量に達しました</translation>
    </message>
    <message>
        <source>Battery full</source>
        <translation>満充電になりました</translation>
    </message>
    <message>
        <source>Stopped by the vehicle</source>
        <translation>車両側で終了しました</translation>
    </message>
    <message>
        <source>Cable disconnected</source>
        <translation>ケーブルが外れました</translation>
    </message>
    <message>
        <source>Stopped because of a fault</source>
        <translation>故障のため停止しました</translation>
    </message>
    <message>
        <source>Emergency stop</source>
        <translation>非常停止</translation>
    </message>
    <message>
        <source>Stopped remotely</source>
        <translation>遠隔操作で停止しました</translation>
    </message>
    <message>
        <source>Stopped: the charger restarts</source>
        <translation>停止：充電器を再起動します</translation>
    </message>
    <message>
        <source>Stopped to unlock the connector</source>
        <translation>コネクタのロック解除のため停止</translation>
    </message>
    <message>
        <source>Stopped: your card was not accepted</source>
        <translation>停止：カードが承認されませんでした</translation>
    </message>
    <message>
        <source>Stopped at the maximum charging time</source>
        <translation>最大充電時間に達したため停止</translation>
    </message>
    <message>
        <source>Stopped: the charger lost power</source>
        <translation>停止：充電器の電源が切れました</translation>
    </message>
    <message>
        <source>Stopped by the operator</source>
        <translation>運営者により停止</translation>
    </message>
    <message>
        <source>Checking the control boards</source>
        <translation>制御基板を確認しています</translation>
    </message>
    <message>
        <source>Checking the connectors</source>
        <translation>コネクターを確認しています</translation>
    </message>
    <message>
        <source>Checking the power modules</source>
        <translation>電源モジュールを確認しています</translation>
    </message>
    <message>
        <source>Checking the indicators</source>
        <translation>表示灯を確認しています</translation>
    </message>
    <message>
        <source>Ready</source>
        <translation>準備完了</translation>
    </message>
    <message>
        <source>Invalid card. Please use another card or the app.</source>
        <extracomment>Information codes the backend asks to show (manual 5.3.7), with the catalog text that says it best.</extracomment>
        <translation>このカードは使用できません。別のカードかアプリをご利用ください。</translation>
    </message>
    <message>
        <source>This card did not start the charging session. Use the same card to stop.</source>
        <translation>このカードで開始した充電ではありません。開始したカードで停止してください。</translation>
    </message>
    <message>
        <source>No connector is free right now.</source>
        <translation>現在、空いているコネクターはありません。</translation>
    </message>
    <message>
        <source>No cable was plugged in. Please authorize again.</source>
        <translation>ケーブルが接続されませんでした。もう一度認証してください。</translation>
    </message>
    <message>
        <source>Authorized</source>
        <translation>認証しました</translation>
    </message>
    <message>
        <source>This connector cannot be used right now.</source>
        <translation>このコネクターは現在使用できません。</translation>
    </message>
    <message>
        <source>Checking your card…</source>
        <translation>カードを確認しています…</translation>
    </message>
    <message>
        <source>This connector is reserved for another driver.</source>
        <translation>このコネクタは他のドライバーが予約しています。</translation>
    </message>
    <message>
        <source>No answer about your card came in time. Please tap it again.</source>
        <translation>カードの確認結果が時間内に届きませんでした。もう一度かざしてください。</translation>
    </message>
    <message>
        <source>The charger is offline and cannot check this card. Please try another card, or try again later.</source>
        <translation>オフラインのため、このカードを確認できません。別のカードを使うか、後でもう一度お試しください。</translation>
    </message>
    <message>
        <source>The charger is still connecting to the network and cannot check your card yet. Please try again in a minute.</source>
        <translation>ネットワークに接続中のため、まだカードを確認できません。1分後にもう一度お試しください。</translation>
    </message>
    <message>
        <source>Waiting for a free power module</source>
        <translation>空いている電源モジュールを待っています</translation>
    </message>
    <message>
        <source>Limited by the connector&apos;s maximum current</source>
        <translation>コネクターの最大電流で制限中</translation>
    </message>
    <message>
        <source>Limited by the charger&apos;s available power</source>
        <translation>充電器の供給可能電力で制限中</translation>
    </message>
    <message>
        <source>Reduced power: a power module is out of service</source>
        <translation>出力低下：電源モジュールの一部が停止しています</translation>
    </message>
    <message>
        <source>Reduced power: high outside temperature</source>
        <translation>出力低下：外気温が高いため</translation>
    </message>
    <message>
        <source>Limited by the grid supply</source>
        <translation>電力系統の供給で制限中</translation>
    </message>
    <message>
        <source>Limited by the operator&apos;s charging schedule</source>
        <translation>運営会社の充電スケジュールで制限中</translation>
    </message>
    <message>
        <source>The other connector is charging first</source>
        <translation>もう一方のコネクターが先に充電中です</translation>
    </message>
    <message>
        <source>A power module is out of service</source>
        <translation>電源モジュールが1台停止しています</translation>
    </message>
    <message>
        <source>The operator has paused charging for now</source>
        <translation>運営会社が現在充電を一時停止しています</translation>
    </message>
    <message>
        <source>Too hot outside to charge for now</source>
        <translation>外気温が高すぎるため現在充電できません</translation>
    </message>
    <message>
        <source>The grid supply is out of range</source>
        <translation>電力系統の電圧が範囲外です</translation>
    </message>
    <message>
        <source>Charging starts by itself at %1</source>
        <translation>%1に充電が自動で始まります</translation>
    </message>
    <message>
        <source>Charging starts by itself in about %1</source>
        <translation>約%1後に充電が自動で始まります</translation>
    </message>
    <message>
        <source>Charging starts by itself when the other session ends</source>
        <translation>もう一方の充電が終わると自動で始まります</translation>
    </message>
    <message>
        <source>Charging starts by itself when power is free again</source>
        <translation>電力が空き次第、自動で始まります</translation>
    </message>
    <message>
        <source>Charging starts by itself when the operator allows it</source>
        <translation>運営会社が許可すると自動で始まります</translation>
    </message>
    <message>
        <source>Charging starts by itself when it is cooler</source>
        <translation>気温が下がると自動で始まります</translation>
    </message>
    <message>
        <source>Charging starts by itself when the supply is normal</source>
        <translation>電力供給が正常に戻ると自動で始まります</translation>
    </message>
    <message>
        <source>%1 per kWh</source>
        <translation>1 kWhあたり %1</translation>
    </message>
    <message>
        <source>%1 per minute of charging</source>
        <translation>充電1分あたり %1</translation>
    </message>
    <message>
        <source>%1 session fee</source>
        <translation>1回あたりの基本料金 %1</translation>
    </message>
    <message>
        <source>Idle fee %1 per minute, from %2 after charging ends</source>
        <translation>充電終了から%2後、放置料金 1分あたり %1</translation>
    </message>
    <message>
        <source>Idle fee %1 per minute after charging ends</source>
        <translation>充電終了後、放置料金 1分あたり %1</translation>
    </message>
    <message>
        <source>Free</source>
        <translation>無料</translation>
    </message>
    <message>
        <source>For help, call %1</source>
        <translation>お問い合わせは%1までお電話ください</translation>
    </message>
    <message>
        <source>Connecting to the charging network…</source>
        <translation>充電ネットワークに接続中…</translation>
    </message>
    <message>
        <source>Plug the %1 connector into your vehicle</source>
        <translation>%1 コネクターを車両に差し込んでください</translation>
    </message>
    <message>
        <source>Plug the %1 or %2 connector into your vehicle</source>
        <translation>%1 または %2 コネクターを車両に差し込んでください</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>キャンセル</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>停止</translation>
    </message>
    <message>
        <source>Home</source>
        <translation>ホーム</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>完了</translation>
    </message>
    <message>
        <source>Try again</source>
        <translation>再試行</translation>
    </message>
    <message>
        <source>Select</source>
        <translation>選択</translation>
    </message>
    <message>
        <source>Next</source>
        <translation>次へ</translation>
    </message>
    <message>
        <source>Switch connector</source>
        <translation>コネクター切替</translation>
    </message>
    <message>
        <source>Waiting for power</source>
        <translation>電力待ち</translation>
    </message>
    <message>
        <source>Your vehicle and the charger could not communicate</source>
        <translation>車両と充電器が通信できませんでした</translation>
    </message>
    <message>
        <source>The cable safety test did not pass</source>
        <translation>ケーブルの安全検査に合格しませんでした</translation>
    </message>
    <message>
        <source>Your vehicle did not get ready for charging</source>
        <translation>車両が充電の準備を完了しませんでした</translation>
    </message>
    <message>
        <source>Your vehicle did not accept the charge</source>
        <translation>車両が充電を受け付けませんでした</translation>
    </message>
    <message>
        <source>Charging could not start</source>
        <translation>充電を開始できませんでした</translation>
    </message>
    <message>
        <source>The connection broke off before charging began. This often happens when the connector is not fully in.</source>
        <translation>充電開始前に通信が途切れました。コネクターが奥まで差し込まれていないとよく起こります。</translation>
    </message>
    <message>
        <source>Before charging, the charger checks that the cable is safely insulated. The check did not pass, so no power was sent.</source>
        <translation>充電前に、充電器はケーブルの絶縁を確認します。確認に合格しなかったため、電力は送られていません。</translation>
    </message>
    <message>
        <source>The charger prepared the voltage, but your vehicle did not connect its battery in time.</source>
        <translation>充電器は電圧を準備しましたが、車両が時間内にバッテリーを接続しませんでした。</translation>
    </message>
    <message>
        <source>Your vehicle stopped the start by itself, before any energy flowed.</source>
        <translation>電力が流れる前に、車両が自ら開始を中止しました。</translation>
    </message>
    <message>
        <source>Charging stopped before any energy flowed.</source>
        <translation>電力が流れる前に充電が停止しました。</translation>
    </message>
    <message>
        <source>Check that your vehicle is in Park and ready to charge.</source>
        <translation>車両がパーキング（P）に入り、充電できる状態か確認してください。</translation>
    </message>
    <message>
        <source>Touch Try again, or unplug the cable and plug it in again.</source>
        <translation>「再試行」をタッチするか、ケーブルを抜いてもう一度差し込んでください。</translation>
    </message>
    <message>
        <source>Unplug the cable, then plug it in again firmly.</source>
        <translation>ケーブルを抜いてから、もう一度しっかり差し込んでください。</translation>
    </message>
    <message>
        <source>Plug the cable in again firmly.</source>
        <translation>ケーブルをもう一度しっかり差し込んでください。</translation>
    </message>
    <message>
        <source>Charging starts by itself. You do not need to tap your card again.</source>
        <translation>充電は自動で始まります。カードをもう一度かざす必要はありません。</translation>
    </message>
    <message>
        <source>Unplug the cable, plug it in again and authorize again.</source>
        <translation>ケーブルを抜いて差し込み直し、もう一度認証してください。</translation>
    </message>
    <message>
        <source>Unplug the cable.</source>
        <translation>ケーブルを抜いてください。</translation>
    </message>
    <message>
        <source>Use the other connector, or call the operator for help.</source>
        <translation>もう一方のコネクターを使うか、運営者に連絡してください。</translation>
    </message>
    <message>
        <source>Use another charger, or call the operator for help.</source>
        <translation>別の充電器を使うか、運営者に連絡してください。</translation>
    </message>
    <message>
        <source>Code to quote: %1</source>
        <translation>問い合わせコード：%1</translation>
    </message>
    <message>
        <source>Your card stays valid for %1</source>
        <translation>カードはあと %1 有効です</translation>
    </message>
    <message>
        <source>The operator has been notified. If you contact customer service, quote code %1.</source>
        <translation>運営会社に通知しました。カスタマーサービスにお問い合わせの際は、コード %1 をお伝えください。</translation>
    </message>
    <message>
        <source>If you contact customer service, quote code %1.</source>
        <translation>カスタマーサービスにお問い合わせの際は、コード %1 をお伝えください。</translation>
    </message>
    <message>
        <source>Scan to pay and start with your phone</source>
        <translation>スマートフォンで読み取ると支払いと充電開始ができます</translation>
    </message>
    <message>
        <source>Wrong PIN</source>
        <translation>PIN が違います</translation>
    </message>
    <message>
        <source>Too many wrong PINs: try again in %1 s</source>
        <translation>PIN の誤りが多すぎます。%1 秒後にもう一度お試しください</translation>
    </message>
    <message>
        <source>Charger</source>
        <extracomment>The engineer screen&apos;s Reliability page (controller.engineer_screen.RELIABILITY_PAGE). The CAN error frame classes and failed sends the engineer screen names when they happened. Steps on one page of the status screen: more (manual 5.3.6 has seven) go on further pages, which the pager steps through like the codes themselves.</extracomment>
        <translation>充電器</translation>
    </message>
    <message>
        <source>Left connector (%1)</source>
        <translation>左のコネクター（%1）</translation>
    </message>
    <message>
        <source>Right connector (%1)</source>
        <translation>右のコネクター（%1）</translation>
    </message>
</context>
<context>
    <name>SimConnectorGroup</name>
    <message>
        <source>%1 connector · %2</source>
        <translation>%1のコネクター · %2</translation>
    </message>
    <message>
        <source>Cable plugged in</source>
        <translation>ケーブル接続</translation>
    </message>
    <message>
        <source>EV SOC</source>
        <translation>車両SOC</translation>
    </message>
    <message>
        <source>%1 → %2 %</source>
        <translation>%1 → %2 %</translation>
    </message>
    <message>
        <source>Apply</source>
        <translation>適用</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状態</translation>
    </message>
    <message>
        <source>Inject</source>
        <translation>注入</translation>
    </message>
    <message>
        <source>Clear</source>
        <translation>クリア</translation>
    </message>
</context>
<context>
    <name>SimCsmsGroup</name>
    <message>
        <source>Operator message</source>
        <translation>オペレーターメッセージ</translation>
    </message>
    <message>
        <source>Show message</source>
        <translation>メッセージを表示</translation>
    </message>
    <message>
        <source>Send running cost</source>
        <translation>現在の料金を送信</translation>
    </message>
    <message>
        <source>Central system (OCPP)</source>
        <translation>中央システム (OCPP)</translation>
    </message>
    <message>
        <source>Central system running</source>
        <translation>中央システム稼働中</translation>
    </message>
    <message>
        <source>Remote start left</source>
        <translation>左を遠隔開始</translation>
    </message>
    <message>
        <source>Remote start right</source>
        <translation>右を遠隔開始</translation>
    </message>
    <message>
        <source>Remote stop left</source>
        <translation>左を遠隔停止</translation>
    </message>
    <message>
        <source>Remote stop right</source>
        <translation>右を遠隔停止</translation>
    </message>
    <message>
        <source>Reserve left</source>
        <translation>左を予約</translation>
    </message>
    <message>
        <source>Reserve right</source>
        <translation>右を予約</translation>
    </message>
    <message>
        <source>Left unavailable</source>
        <translation>左を使用不可に</translation>
    </message>
    <message>
        <source>Right unavailable</source>
        <translation>右を使用不可に</translation>
    </message>
    <message>
        <source>Cancel reservation</source>
        <translation>予約を取り消す</translation>
    </message>
    <message>
        <source>Limit to 20 kW</source>
        <translation>20 kW に制限</translation>
    </message>
    <message>
        <source>Soft reset</source>
        <translation>ソフトリセット</translation>
    </message>
    <message>
        <source>Hard reset</source>
        <translation>ハードリセット</translation>
    </message>
</context>
<context>
    <name>SimPowerGroup</name>
    <message>
        <source>Power</source>
        <translation>電力</translation>
    </message>
    <message>
        <source>Outside temperature (°C)</source>
        <translation>外気温 (°C)</translation>
    </message>
    <message>
        <source>Grid voltage (V)</source>
        <translation>系統電圧 (V)</translation>
    </message>
    <message>
        <source>PSU %1 failed</source>
        <translation>電源モジュール %1 故障</translation>
    </message>
</context>
<context>
    <name>SimulatorPanel</name>
    <message>
        <source>Charger simulator</source>
        <translation>充電器シミュレーター</translation>
    </message>
    <message>
        <source>Left</source>
        <translation>左</translation>
    </message>
    <message>
        <source>Right</source>
        <translation>右</translation>
    </message>
    <message>
        <source>Station</source>
        <translation>ステーション</translation>
    </message>
    <message>
        <source>Tap known card</source>
        <translation>登録済みカード</translation>
    </message>
    <message>
        <source>Tap unknown card</source>
        <translation>未登録カード</translation>
    </message>
    <message>
        <source>Emergency stop</source>
        <translation>非常停止</translation>
    </message>
    <message>
        <source>Door open</source>
        <translation>扉開放</translation>
    </message>
    <message>
        <source>Left button</source>
        <translation>左ボタン</translation>
    </message>
    <message>
        <source>Right button</source>
        <translation>右ボタン</translation>
    </message>
</context>
<context>
    <name>SocGauge</name>
    <message>
        <source>Battery</source>
        <translation>バッテリー</translation>
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
        <translation>充電できませんでした</translation>
    </message>
    <message>
        <source>What to do</source>
        <translation>対処方法</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>完了</translation>
    </message>
    <message>
        <source>Try again</source>
        <translation>再試行</translation>
    </message>
</context>
<context>
    <name>StatusCodeLine</name>
    <message>
        <source>Status code %1 · %2</source>
        <translation>ステータスコード %1 · %2</translation>
    </message>
    <message>
        <source>Status code %1</source>
        <translation>ステータスコード %1</translation>
    </message>
</context>
<context>
    <name>StatusCodes</name>
    <message>
        <source>A part of the charger has failed.</source>
        <translation>充電器の部品が故障しています。</translation>
    </message>
    <message>
        <source>Unplug the charging connector.</source>
        <translation>充電コネクターを外してください。</translation>
    </message>
    <message>
        <source>Turn the charger off, reconnect the part named by the code, then turn it on again.</source>
        <translation>充電器の電源を切り、コードが示す部品を接続し直してから、電源を入れ直してください。</translation>
    </message>
    <message>
        <source>If the same code comes back, the charger must be serviced by a qualified technician: contact your dealer.</source>
        <translation>同じコードが再び表示される場合は、有資格の技術者による修理が必要です。販売店にご連絡ください。</translation>
    </message>
    <message>
        <source>Charging is paused until the condition clears.</source>
        <translation>状態が解消されるまで充電を一時停止しています。</translation>
    </message>
    <message>
        <source>Wait: charging is enabled again automatically when the condition clears.</source>
        <translation>お待ちください。状態が解消されると自動で充電できるようになります。</translation>
    </message>
    <message>
        <source>If it does not clear, turn the charger off and on again.</source>
        <translation>解消しない場合は、充電器の電源を入れ直してください。</translation>
    </message>
    <message>
        <source>Contact your dealer.</source>
        <translation>販売店にご連絡ください。</translation>
    </message>
    <message>
        <source>Information from the charger; charging is not affected.</source>
        <translation>充電器からのお知らせです。充電には影響しません。</translation>
    </message>
    <message>
        <source>Charge as usual.</source>
        <translation>通常どおり充電できます。</translation>
    </message>
    <message>
        <source>Contact your dealer if the message keeps appearing.</source>
        <translation>このメッセージが繰り返し表示される場合は、販売店にご連絡ください。</translation>
    </message>
    <message>
        <source>The vehicle ended or refused the charging procedure.</source>
        <translation>車両が充電手順を終了または拒否しました。</translation>
    </message>
    <message>
        <source>Unplug the charging cable and wait 5 seconds. Plug it in completely, with a click, and try again.</source>
        <translation>充電ケーブルを外して5秒待ち、カチッと音がするまで奥まで差し込んでから、もう一度お試しください。</translation>
    </message>
    <message>
        <source>Unplug the charging cable and try the other connector or another charger.</source>
        <translation>充電ケーブルを外し、もう一方のコネクターか別の充電器をお試しください。</translation>
    </message>
    <message>
        <source>Unplug, drive the EV away a few metres and back, stop the EV, remove the key and try again.</source>
        <translation>ケーブルを外し、車両を数メートル動かして戻し、停車してキーを抜いてから、もう一度お試しください。</translation>
    </message>
    <message>
        <source>After unplugging, check that the EV&apos;s charging mode and time limit are enabled.</source>
        <translation>ケーブルを外した後、車両の充電モードと時間制限の設定が有効か確認してください。</translation>
    </message>
    <message>
        <source>If the EV shows an error, follow the EV&apos;s user manual.</source>
        <translation>車両にエラーが表示される場合は、車両の取扱説明書に従ってください。</translation>
    </message>
    <message>
        <source>After unplugging, ask the site staff to restart the charger and try again.</source>
        <translation>ケーブルを外した後、施設のスタッフに充電器の再起動を依頼し、もう一度お試しください。</translation>
    </message>
    <message>
        <source>If the cable cannot be unplugged, use the EV&apos;s release button or manual unlock; otherwise ask the site staff to restart the charger.</source>
        <translation>ケーブルが外れない場合は、車両の解除ボタンか手動ロック解除を使ってください。それでも外れない場合は、施設のスタッフに充電器の再起動を依頼してください。</translation>
    </message>
    <message>
        <source>A message from the charger&apos;s network or back-end.</source>
        <translation>充電器のネットワークまたは管理システムからのメッセージです。</translation>
    </message>
    <message>
        <source>Follow the remote procedure or contact the site staff to arrange charging.</source>
        <translation>遠隔操作の手順に従うか、施設のスタッフに充電の手配をご依頼ください。</translation>
    </message>
    <message>
        <source>Abnormal input voltage.</source>
        <translation>入力電圧が異常です。</translation>
    </message>
    <message>
        <source>Charging is enabled again when the grid supply is normal.</source>
        <translation>電力の供給が正常に戻ると、再び充電できるようになります。</translation>
    </message>
    <message>
        <source>Check the input power, or turn the charger off and on again.</source>
        <translation>入力電源を確認するか、充電器の電源を入れ直してください。</translation>
    </message>
    <message>
        <source>Abnormal environment or device temperature.</source>
        <translation>周囲または機器の温度が異常です。</translation>
    </message>
    <message>
        <source>Keep the air inlet and outlet clear and remove heat sources; charging is enabled again after cooling down.</source>
        <translation>吸気口と排気口をふさがず、熱源を遠ざけてください。冷えると再び充電できるようになります。</translation>
    </message>
    <message>
        <source>If it persists, the over-temperature protection or a device may be faulty: contact your dealer.</source>
        <translation>続く場合は、過熱保護または機器の故障の可能性があります。販売店にご連絡ください。</translation>
    </message>
    <message>
        <source>External network disconnected.</source>
        <translation>外部ネットワークが切断されています。</translation>
    </message>
    <message>
        <source>QR code and app authorization are unavailable for the moment: please use an RFID card.</source>
        <translation>QRコードとアプリでの認証は現在ご利用いただけません。RFIDカードをご利用ください。</translation>
    </message>
    <message>
        <source>Contact the network management staff for a network inspection.</source>
        <translation>ネットワーク管理者にネットワークの点検をご依頼ください。</translation>
    </message>
    <message>
        <source>The card reader is not working.</source>
        <translation>カードリーダーが動作していません。</translation>
    </message>
    <message>
        <source>Cards cannot be read at the moment: use the QR code or the app if offered, or another charger.</source>
        <translation>現在カードを読み取れません。QRコードかアプリ（利用できる場合）、または別の充電器をご利用ください。</translation>
    </message>
    <message>
        <source>Contact the site staff.</source>
        <translation>施設のスタッフにご連絡ください。</translation>
    </message>
    <message>
        <source>The emergency stop button is pressed.</source>
        <translation>非常停止ボタンが押されています。</translation>
    </message>
    <message>
        <source>Release the emergency stop button by rotating it; charging is enabled again when the code clears.</source>
        <translation>非常停止ボタンを回して解除してください。コードが消えると再び充電できるようになります。</translation>
    </message>
    <message>
        <source>If the charger stays on this page, turn it off and on again or contact your dealer.</source>
        <translation>この画面のままの場合は、充電器の電源を入れ直すか、販売店にご連絡ください。</translation>
    </message>
    <message>
        <source>The cabinet door is open.</source>
        <translation>筐体の扉が開いています。</translation>
    </message>
    <message>
        <source>Close the cabinet door; charging is enabled again when the code clears.</source>
        <translation>筐体の扉を閉めてください。コードが消えると再び充電できるようになります。</translation>
    </message>
    <message>
        <source>If the door is closed, the door sensor may have shifted: screw it back into position.</source>
        <translation>扉が閉まっている場合は、扉センサーがずれている可能性があります。元の位置にねじで固定してください。</translation>
    </message>
    <message>
        <source>If it persists, contact your dealer.</source>
        <translation>続く場合は、販売店にご連絡ください。</translation>
    </message>
    <message>
        <source>The charger failed its start-up self-test.</source>
        <translation>充電器の起動時の自己診断に失敗しました。</translation>
    </message>
    <message>
        <source>Turn the charger off, check the internal cable of the board named by the code, then turn it on again.</source>
        <translation>充電器の電源を切り、コードが示す基板の内部ケーブルを確認してから、電源を入れ直してください。</translation>
    </message>
    <message>
        <source>If the same code comes back, contact your dealer.</source>
        <translation>同じコードが再び表示される場合は、販売店にご連絡ください。</translation>
    </message>
    <message>
        <source>The charger&apos;s cabinets cannot talk to each other. Charging is not possible at the moment.</source>
        <translation>充電器の筐体間で通信できません。現在は充電できません。</translation>
    </message>
    <message>
        <source>Please use another charger or contact the site staff.</source>
        <translation>別の充電器をご利用いただくか、施設のスタッフにご連絡ください。</translation>
    </message>
    <message>
        <source>The charger&apos;s air filter is due for replacement; charging is not affected.</source>
        <translation>充電器のエアフィルターの交換時期です。充電には影響しません。</translation>
    </message>
    <message>
        <source>The vehicle reported an error in the charging procedure.</source>
        <translation>車両が充電手順のエラーを報告しました。</translation>
    </message>
    <message>
        <source>Unplug the charging cable, release the charging limit set in the vehicle, and try again.</source>
        <translation>充電ケーブルを外し、車両で設定した充電制限を解除してから、もう一度お試しください。</translation>
    </message>
    <message>
        <source>If it fails again, try the other connector or another charger.</source>
        <translation>再び失敗する場合は、もう一方のコネクターか別の充電器をお試しください。</translation>
    </message>
    <message>
        <source>The charger missed the vehicle&apos;s first message.</source>
        <translation>充電器が車両からの最初の信号を受信できませんでした。</translation>
    </message>
    <message>
        <source>The cable may not be locked in the vehicle: unplug it and plug it in completely, with a click.</source>
        <translation>ケーブルが車両にロックされていない可能性があります。一度外し、カチッと音がするまで奥まで差し込んでください。</translation>
    </message>
    <message>
        <source>Try again. If it fails again, try the other connector or another charger.</source>
        <translation>もう一度お試しください。再び失敗する場合は、もう一方のコネクターか別の充電器をお試しください。</translation>
    </message>
    <message>
        <source>Communication with the vehicle failed.</source>
        <translation>車両との通信に失敗しました。</translation>
    </message>
    <message>
        <source>Unplug the charging cable, switch the vehicle off and on again, and try again.</source>
        <translation>充電ケーブルを外し、車両の電源を入れ直してから、もう一度お試しください。</translation>
    </message>
    <message>
        <source>The cable insulation test did not finish in time.</source>
        <translation>ケーブルの絶縁試験が時間内に終わりませんでした。</translation>
    </message>
    <message>
        <source>Unplug the charging cable and try again.</source>
        <translation>充電ケーブルを外して、もう一度お試しください。</translation>
    </message>
    <message>
        <source>If it fails again, ask the site staff to restart the charger.</source>
        <translation>再び失敗する場合は、施設のスタッフに充電器の再起動を依頼してください。</translation>
    </message>
    <message>
        <source>The charger was not ready.</source>
        <translation>充電器の準備ができていませんでした。</translation>
    </message>
    <message>
        <source>Unplug the charging cable, wait 5 seconds and try again.</source>
        <translation>充電ケーブルを外し、5秒待ってから、もう一度お試しください。</translation>
    </message>
    <message>
        <source>The vehicle ended charging for an unknown reason.</source>
        <translation>車両が不明な理由で充電を終了しました。</translation>
    </message>
    <message>
        <source>Check whether a charging target or time limit is set in the vehicle.</source>
        <translation>車両に充電目標や時間制限が設定されていないか確認してください。</translation>
    </message>
    <message>
        <source>Follow the vehicle&apos;s indications.</source>
        <translation>車両の表示に従ってください。</translation>
    </message>
    <message>
        <source>The charger has lost its connection to the back-end.</source>
        <translation>充電器と管理システムの接続が切れました。</translation>
    </message>
    <message>
        <source>Charging was started remotely.</source>
        <translation>遠隔操作で充電を開始しました。</translation>
    </message>
    <message>
        <source>Remote authorization passed: plug in the charging cable to charge.</source>
        <translation>遠隔認証が完了しました。充電ケーブルを接続すると充電できます。</translation>
    </message>
    <message>
        <source>Contact the site staff for further instructions.</source>
        <translation>詳しくは施設のスタッフにお問い合わせください。</translation>
    </message>
    <message>
        <source>Charging was stopped remotely.</source>
        <translation>遠隔操作で充電を停止しました。</translation>
    </message>
    <message>
        <source>Charging reached its set time, energy or amount and was ended remotely.</source>
        <translation>設定した時間・電力量・金額に達したため、遠隔操作で充電を終了しました。</translation>
    </message>
    <message>
        <source>The charger was restarted remotely.</source>
        <translation>遠隔操作で充電器を再起動しました。</translation>
    </message>
    <message>
        <source>The charger is being reset or maintained remotely; charging has ended.</source>
        <translation>充電器を遠隔でリセットまたはメンテナンスしています。充電は終了しました。</translation>
    </message>
    <message>
        <source>The charger could not open its output relay. Do not use this connector.</source>
        <translation>充電器の出力リレーが開きません。このコネクターは使用しないでください。</translation>
    </message>
    <message>
        <source>The charger&apos;s main power was cut by its safety sensor.</source>
        <translation>安全センサーにより充電器の主電源が遮断されました。</translation>
    </message>
    <message>
        <source>The emergency stop button has been pressed. Charging has stopped.</source>
        <translation>非常停止ボタンが押されたため、充電を停止しました。</translation>
    </message>
    <message>
        <source>The charger&apos;s cabinet door is open. Charging is paused.</source>
        <translation>充電器の扉が開いているため、充電を一時停止しています。</translation>
    </message>
    <message>
        <source>No power module is available. Charging is not possible at the moment.</source>
        <translation>使用できる電源モジュールがありません。現在は充電できません。</translation>
    </message>
    <message>
        <source>The CHAdeMO connector failed its start-up self-test.</source>
        <translation>CHAdeMOコネクターの起動時の自己診断に失敗しました。</translation>
    </message>
    <message>
        <source>The CCS connector failed its start-up self-test.</source>
        <translation>CCSコネクターの起動時の自己診断に失敗しました。</translation>
    </message>
    <message>
        <source>A power module failed the start-up self-test.</source>
        <translation>電源モジュールの起動時の自己診断に失敗しました。</translation>
    </message>
    <message>
        <source>The connectors fitted do not match the charger&apos;s configuration.</source>
        <translation>取り付けられたコネクターが充電器の設定と一致しません。</translation>
    </message>
    <message>
        <source>The GB/T connector failed its start-up self-test.</source>
        <translation>GB/Tコネクターの起動時の自己診断に失敗しました。</translation>
    </message>
    <message>
        <source>The session reached the charger&apos;s maximum charging time.</source>
        <translation>充電時間が充電器の上限に達しました。</translation>
    </message>
    <message>
        <source>The charger could not communicate with the vehicle.</source>
        <translation>充電器が車両と通信できませんでした。</translation>
    </message>
    <message>
        <source>The vehicle ended charging.</source>
        <translation>車両が充電を終了しました。</translation>
    </message>
    <message>
        <source>The vehicle reached its charging target.</source>
        <translation>車両が目標の充電量に達しました。</translation>
    </message>
    <message>
        <source>The vehicle&apos;s battery is full.</source>
        <translation>車両のバッテリーが満充電になりました。</translation>
    </message>
</context>
<context>
    <name>StatusScreen</name>
    <message>
        <source>Status code</source>
        <translation>ステータスコード</translation>
    </message>
    <message>
        <source>What to do</source>
        <translation>対処方法</translation>
    </message>
    <message>
        <source>Previous</source>
        <translation>前へ</translation>
    </message>
    <message>
        <source>%1 of %2</source>
        <translation>%1 / %2</translation>
    </message>
    <message>
        <source>Next</source>
        <translation>次へ</translation>
    </message>
</context>
<context>
    <name>StepRow</name>
    <message>
        <source>Done</source>
        <translation>完了</translation>
    </message>
    <message>
        <source>In progress</source>
        <translation>実行中</translation>
    </message>
</context>
<context>
    <name>SummaryScreen</name>
    <message>
        <source>Charging finished</source>
        <translation>充電が完了しました</translation>
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
        <translation>料金</translation>
    </message>
    <message>
        <source>Duration</source>
        <translation>充電時間</translation>
    </message>
    <message>
        <source>Battery</source>
        <translation>バッテリー</translation>
    </message>
    <message>
        <source>%1 → %2</source>
        <translation>%1 → %2</translation>
    </message>
    <message>
        <source>Started</source>
        <translation>開始日時</translation>
    </message>
    <message>
        <source>Stop reason</source>
        <translation>終了理由</translation>
    </message>
    <message>
        <source>Scan for your receipt</source>
        <translation>読み取るとレシートを表示</translation>
    </message>
    <message>
        <source>Unplug the connector and return it to the holder</source>
        <translation>コネクターを外してホルダーに戻してください</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>完了</translation>
    </message>
    <message>
        <source>Charging stopped</source>
        <translation>充電が停止しました</translation>
    </message>
</context>
<context>
    <name>TariffLine</name>
    <message>
        <source>Price</source>
        <translation>料金</translation>
    </message>
</context>
<context>
    <name>UpdatingScreen</name>
    <message>
        <source>Updating the charger software</source>
        <translation>充電器のソフトウェアを更新しています</translation>
    </message>
    <message>
        <source>Back in a few minutes</source>
        <translation>数分後に再開します</translation>
    </message>
    <message>
        <source>Charger ID %1</source>
        <translation>充電器ID %1</translation>
    </message>
</context>
</TS>
