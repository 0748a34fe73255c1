<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="es_US">
<context>
    <name>AttractView</name>
    <message>
        <source>Touch the screen or tap a card to start</source>
        <translation>Toque la pantalla o acerque una tarjeta para empezar</translation>
    </message>
</context>
<context>
    <name>AuthMethod</name>
    <message>
        <source>Not available</source>
        <translation>No disponible</translation>
    </message>
</context>
<context>
    <name>AuthPanel</name>
    <message>
        <source>Start charging with</source>
        <translation>Inicie la carga con</translation>
    </message>
    <message>
        <source>Card</source>
        <translation>Tarjeta</translation>
    </message>
    <message>
        <source>QR code</source>
        <translation>Código QR</translation>
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
        <translation>Alto contraste: sí</translation>
    </message>
    <message>
        <source>High contrast: off</source>
        <translation>Alto contraste: no</translation>
    </message>
    <message>
        <source>Larger text: on</source>
        <translation>Texto más grande: sí</translation>
    </message>
    <message>
        <source>Larger text: off</source>
        <translation>Texto más grande: no</translation>
    </message>
    <message>
        <source>Stop reading aloud</source>
        <translation>Dejar de leer en voz alta</translation>
    </message>
    <message>
        <source>Read aloud</source>
        <translation>Leer en voz alta</translation>
    </message>
</context>
<context>
    <name>ChargingPanel</name>
    <message>
        <source>Stop</source>
        <translation>Detener</translation>
    </message>
    <message>
        <source>Power shared with the other connector</source>
        <translation>Potencia compartida con el otro conector</translation>
    </message>
    <message>
        <source>Voltage</source>
        <translation>Voltaje</translation>
    </message>
    <message>
        <source>Current</source>
        <translation>Corriente</translation>
    </message>
    <message>
        <source>Energy</source>
        <translation>Energía</translation>
    </message>
    <message>
        <source>Elapsed</source>
        <translation>Tiempo</translation>
    </message>
    <message>
        <source>Time to target</source>
        <translation>Restante</translation>
    </message>
    <message>
        <source>Cost so far</source>
        <translation>Costo actual</translation>
    </message>
</context>
<context>
    <name>ChargingScreen</name>
    <message>
        <source>Tap your card or press Stop to end charging</source>
        <translation>Acerque su tarjeta o pulse Detener para terminar la carga</translation>
    </message>
</context>
<context>
    <name>ConnectorCard</name>
    <message>
        <source>Selected</source>
        <translation>Elegido</translation>
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
        <translation>Potencia</translation>
    </message>
    <message>
        <source>%1 kW</source>
        <translation>%1 kW</translation>
    </message>
    <message>
        <source>Energy</source>
        <translation>Energía</translation>
    </message>
    <message>
        <source>Tap to show details</source>
        <translation>Toque para ver detalles</translation>
    </message>
</context>
<context>
    <name>ContactLine</name>
    <message>
        <source>Help: %1</source>
        <translation>Ayuda: %1</translation>
    </message>
    <message>
        <source>Operated by %1</source>
        <translation>Operado por %1</translation>
    </message>
</context>
<context>
    <name>Countdown</name>
    <message>
        <source>seconds left</source>
        <translation>segundos</translation>
    </message>
</context>
<context>
    <name>EngineerPinScreen</name>
    <message>
        <source>Engineer access</source>
        <translation>Acceso técnico</translation>
    </message>
    <message>
        <source>Enter the PIN</source>
        <translation>Introduzca el PIN</translation>
    </message>
    <message>
        <source>Erase</source>
        <translation>Borrar</translation>
    </message>
    <message>
        <source>OK</source>
        <translation>Aceptar</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancelar</translation>
    </message>
</context>
<context>
    <name>Header</name>
    <message>
        <source>Online</source>
        <translation>En línea</translation>
    </message>
    <message>
        <source>Offline</source>
        <translation>Sin conexión</translation>
    </message>
</context>
<context>
    <name>HomeScreen</name>
    <message>
        <source>Choose a connector and plug in</source>
        <translation>Elija un conector y conéctelo</translation>
    </message>
    <message>
        <source>Then tap your card on the reader.</source>
        <translation>Luego acerque su tarjeta al lector.</translation>
    </message>
    <message>
        <source>Then tap your card, scan the QR code or use the app.</source>
        <translation>Luego acerque su tarjeta, escanee el código QR o use la app.</translation>
    </message>
    <message>
        <source>Cable connected</source>
        <translation>Cable conectado</translation>
    </message>
    <message>
        <source>Tap your card on the reader to start charging.</source>
        <translation>Acerque su tarjeta al lector para empezar a cargar.</translation>
    </message>
    <message>
        <source>Tap your card on the reader or scan the QR code to start charging.</source>
        <translation>Acerque su tarjeta al lector o escanee el código QR para empezar a cargar.</translation>
    </message>
    <message>
        <source>Plug in to charge</source>
        <translation>Conecte para cargar</translation>
    </message>
    <message>
        <source>Tap your card on the reader, before or after plugging in.</source>
        <translation>Acerque su tarjeta al lector, antes o después de conectar.</translation>
    </message>
    <message>
        <source>Tap your card, scan the QR code or use the app, before or after plugging in.</source>
        <translation>Acerque su tarjeta, escanee el código QR o use la app, antes o después de conectar.</translation>
    </message>
</context>
<context>
    <name>InitializingScreen</name>
    <message>
        <source>Charging station initializing</source>
        <translation>Iniciando la estación de carga</translation>
    </message>
    <message>
        <source>Please wait</source>
        <translation>Espere, por favor</translation>
    </message>
</context>
<context>
    <name>LanguagePicker</name>
    <message>
        <source>Choose your language</source>
        <translation>Elija su idioma</translation>
    </message>
</context>
<context>
    <name>Main</name>
    <message>
        <source>EV charger</source>
        <translation>Cargador de VE</translation>
    </message>
</context>
<context>
    <name>OperatorMessage</name>
    <message>
        <source>Message from the operator</source>
        <translation>Mensaje del operador</translation>
    </message>
</context>
<context>
    <name>OutOfServiceScreen</name>
    <message>
        <source>Out of service</source>
        <translation>Fuera de servicio</translation>
    </message>
    <message>
        <source>Please use another charger or contact the operator.</source>
        <translation>Use otro cargador o comuníquese con el operador.</translation>
    </message>
    <message>
        <source>Charger ID %1</source>
        <translation>ID del cargador %1</translation>
    </message>
</context>
<context>
    <name>PlugInScreen</name>
    <message>
        <source>Take the connector from its holder and push it firmly into your vehicle&apos;s charging inlet.</source>
        <translation>Saque el conector de su soporte e introdúzcalo firmemente en la toma de carga del vehículo.</translation>
    </message>
    <message>
        <source>Press the left button to cancel</source>
        <translation>Pulse el botón izquierdo para cancelar</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancelar</translation>
    </message>
</context>
<context>
    <name>PowerReadout</name>
    <message>
        <source>Power</source>
        <translation>Potencia</translation>
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
        <translation>Preparando la carga</translation>
    </message>
    <message>
        <source>Keep the cable connected. Charging starts by itself.</source>
        <translation>Mantenga el cable conectado. La carga empezará sola.</translation>
    </message>
    <message>
        <source>Communicating with vehicle</source>
        <translation>Comunicación con el vehículo</translation>
    </message>
    <message>
        <source>Cable check</source>
        <translation>Verificación del cable</translation>
    </message>
    <message>
        <source>Isolation test</source>
        <translation>Prueba de aislamiento</translation>
    </message>
    <message>
        <source>Pre-charge</source>
        <translation>Precarga</translation>
    </message>
    <message>
        <source>Battery %1</source>
        <translation>Batería %1</translation>
    </message>
</context>
<context>
    <name>Presenter</name>
    <message>
        <source>Left</source>
        <translation>Izquierdo</translation>
    </message>
    <message>
        <source>Right</source>
        <translation>Derecho</translation>
    </message>
    <message>
        <source>Starting up</source>
        <translation>Iniciando</translation>
    </message>
    <message>
        <source>Available</source>
        <translation>Disponible</translation>
    </message>
    <message>
        <source>Reserved</source>
        <translation>Reservado</translation>
    </message>
    <message>
        <source>Unavailable</source>
        <translation>No disponible</translation>
    </message>
    <message>
        <source>Connected – authorize to start</source>
        <translation>Conectado: autorice para empezar</translation>
    </message>
    <message>
        <source>Preparing</source>
        <translation>Preparando</translation>
    </message>
    <message>
        <source>Charging</source>
        <translation>Cargando</translation>
    </message>
    <message>
        <source>Stopping</source>
        <translation>Deteniendo</translation>
    </message>
    <message>
        <source>Complete – please unplug</source>
        <translation>Terminado: desconecte</translation>
    </message>
    <message>
        <source>Out of order</source>
        <translation>Fuera de servicio</translation>
    </message>
    <message>
        <source>Stopped with the Stop button</source>
        <translation>Detenida con el botón Detener</translation>
    </message>
    <message>
        <source>Stopped with your card</source>
        <translation>Detenida con su tarjeta</translation>
    </message>
    <message>
        <source>Your vehicle reached its charging target</source>
        <translation>Su vehículo alcanzó su objetivo de carga</translation>
    </message>
    <message>
        <source>Battery full</source>
        <translation>Batería llena</translation>
    </message>
    <message>
        <source>Stopped by the vehicle</source>
        <translation>Detenida por el vehículo</translation>
    </message>
    <message>
        <source>Cable disconnected</source>
        <translation>Cable desconectado</translation>
    </message>
    <message>
        <source>Stopped because of a fault</source>
        <translation>Detenida por una falla</translation>
    </message>
    <message>
        <source>Emergency stop</source>
        <translation>Paro de emergencia</translation>
    </message>
    <message>
        <source>Stopped remotely</source>
        <translation>Detenida a distancia</translation>
    </message>
    <message>
        <source>Stopped: the charger restarts</source>
        <translation>Detenida: el cargador se reinicia</translation>
    </message>
    <message>
        <source>Stopped to unlock the connector</source>
        <translation>Detenida para desbloquear el conector</translation>
    </message>
    <message>
        <source>Stopped: your card was not accepted</source>
        <translation>Detenida: su tarjeta no fue aceptada</translation>
    </message>
    <message>
        <source>Stopped at the maximum charging time</source>
        <translation>Detenida al llegar al tiempo máximo de carga</translation>
    </message>
    <message>
        <source>Stopped: the charger lost power</source>
        <translation>Detenida: el cargador se quedó sin energía</translation>
    </message>
    <message>
        <source>Stopped by the operator</source>
        <translation>Detenida por el operador</translation>
    </message>
    <message>
        <source>Checking the control boards</source>
        <translation>Verificando las tarjetas de control</translation>
    </message>
    <message>
        <source>Checking the connectors</source>
        <translation>Verificando los conectores</translation>
    </message>
    <message>
        <source>Checking the power modules</source>
        <translation>Verificando los módulos de potencia</translation>
    </message>
    <message>
        <source>Checking the indicators</source>
        <translation>Verificando los indicadores</translation>
    </message>
    <message>
        <source>Ready</source>
        <translation>Listo</translation>
    </message>
    <message>
        <source>Invalid card. Please use another card or the app.</source>
        <extracomment>Information codes the backend asks to show (manual 5.3.7), with the catalog text that says it best.</extracomment>
        <translation>Tarjeta no válida. Use otra tarjeta o la app.</translation>
    </message>
    <message>
        <source>This card did not start the charging session. Use the same card to stop.</source>
        <translation>Esta tarjeta no inició la carga. Use la misma tarjeta para detenerla.</translation>
    </message>
    <message>
        <source>No connector is free right now.</source>
        <translation>No hay ningún conector libre en este momento.</translation>
    </message>
    <message>
        <source>No cable was plugged in. Please authorize again.</source>
        <translation>No se conectó ningún cable. Vuelva a autorizar.</translation>
    </message>
    <message>
        <source>Authorized</source>
        <translation>Autorizado</translation>
    </message>
    <message>
        <source>This connector cannot be used right now.</source>
        <translation>Este conector no se puede usar en este momento.</translation>
    </message>
    <message>
        <source>Checking your card…</source>
        <translation>Verificando su tarjeta…</translation>
    </message>
    <message>
        <source>This connector is reserved for another driver.</source>
        <translation>Este conector está reservado para otro conductor.</translation>
    </message>
    <message>
        <source>No answer about your card came in time. Please tap it again.</source>
        <translation>No llegó a tiempo una respuesta sobre su tarjeta. Acérquela de nuevo.</translation>
    </message>
    <message>
        <source>The charger is offline and cannot check this card. Please try another card, or try again later.</source>
        <translation>El cargador no tiene conexión y no puede verificar esta tarjeta. Pruebe con otra tarjeta o vuelva a intentarlo más tarde.</translation>
    </message>
    <message>
        <source>The charger is still connecting to the network and cannot check your card yet. Please try again in a minute.</source>
        <translation>El cargador todavía se está conectando a la red y aún no puede verificar su tarjeta. Vuelva a intentarlo en un minuto.</translation>
    </message>
    <message>
        <source>Waiting for a free power module</source>
        <translation>Esperando un módulo de potencia libre</translation>
    </message>
    <message>
        <source>Limited by the connector&apos;s maximum current</source>
        <translation>Limitada por la corriente máxima del conector</translation>
    </message>
    <message>
        <source>Limited by the charger&apos;s available power</source>
        <translation>Limitada por la potencia disponible del cargador</translation>
    </message>
    <message>
        <source>Reduced power: a power module is out of service</source>
        <translation>Potencia reducida: un módulo de potencia está fuera de servicio</translation>
    </message>
    <message>
        <source>Reduced power: high outside temperature</source>
        <translation>Potencia reducida: temperatura exterior alta</translation>
    </message>
    <message>
        <source>Limited by the grid supply</source>
        <translation>Limitada por el suministro eléctrico</translation>
    </message>
    <message>
        <source>Limited by the operator&apos;s charging schedule</source>
        <translation>Limitada por el horario de carga del operador</translation>
    </message>
    <message>
        <source>The other connector is charging first</source>
        <translation>El otro conector carga primero</translation>
    </message>
    <message>
        <source>A power module is out of service</source>
        <translation>Un módulo de potencia está fuera de servicio</translation>
    </message>
    <message>
        <source>The operator has paused charging for now</source>
        <translation>El operador ha pausado la carga por ahora</translation>
    </message>
    <message>
        <source>Too hot outside to charge for now</source>
        <translation>Hace demasiado calor afuera para cargar por ahora</translation>
    </message>
    <message>
        <source>The grid supply is out of range</source>
        <translation>El suministro eléctrico está fuera de rango</translation>
    </message>
    <message>
        <source>Charging starts by itself at %1</source>
        <translation>La carga empezará sola a las %1</translation>
    </message>
    <message>
        <source>Charging starts by itself in about %1</source>
        <translation>La carga empezará sola en unos %1</translation>
    </message>
    <message>
        <source>Charging starts by itself when the other session ends</source>
        <translation>La carga empezará sola cuando termine la otra sesión</translation>
    </message>
    <message>
        <source>Charging starts by itself when power is free again</source>
        <translation>La carga empezará sola cuando haya potencia libre</translation>
    </message>
    <message>
        <source>Charging starts by itself when the operator allows it</source>
        <translation>La carga empezará sola cuando el operador lo permita</translation>
    </message>
    <message>
        <source>Charging starts by itself when it is cooler</source>
        <translation>La carga empezará sola cuando refresque</translation>
    </message>
    <message>
        <source>Charging starts by itself when the supply is normal</source>
        <translation>La carga empezará sola cuando el suministro sea normal</translation>
    </message>
    <message>
        <source>%1 per kWh</source>
        <translation>%1 por kWh</translation>
    </message>
    <message>
        <source>%1 per minute of charging</source>
        <translation>%1 por minuto de carga</translation>
    </message>
    <message>
        <source>%1 session fee</source>
        <translation>Cargo por sesión de %1</translation>
    </message>
    <message>
        <source>Idle fee %1 per minute, from %2 after charging ends</source>
        <translation>Cargo por inactividad de %1 por minuto, a partir de %2 después de la carga</translation>
    </message>
    <message>
        <source>Idle fee %1 per minute after charging ends</source>
        <translation>Cargo por inactividad de %1 por minuto después de la carga</translation>
    </message>
    <message>
        <source>Free</source>
        <translation>Gratis</translation>
    </message>
    <message>
        <source>For help, call %1</source>
        <translation>Para obtener ayuda, llame al %1</translation>
    </message>
    <message>
        <source>Connecting to the charging network…</source>
        <translation>Conectando a la red de carga…</translation>
    </message>
    <message>
        <source>Plug the %1 connector into your vehicle</source>
        <translation>Conecte el conector %1 a su vehículo</translation>
    </message>
    <message>
        <source>Plug the %1 or %2 connector into your vehicle</source>
        <translation>Conecte el conector %1 o %2 a su vehículo</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancelar</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>Detener</translation>
    </message>
    <message>
        <source>Home</source>
        <translation>Inicio</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>Listo</translation>
    </message>
    <message>
        <source>Try again</source>
        <translation>Reintentar</translation>
    </message>
    <message>
        <source>Select</source>
        <translation>Elegir</translation>
    </message>
    <message>
        <source>Next</source>
        <translation>Siguiente</translation>
    </message>
    <message>
        <source>Switch connector</source>
        <translation>Cambiar de conector</translation>
    </message>
    <message>
        <source>Waiting for power</source>
        <translation>En espera</translation>
    </message>
    <message>
        <source>Your vehicle and the charger could not communicate</source>
        <translation>Su vehículo y el cargador no pudieron comunicarse</translation>
    </message>
    <message>
        <source>The cable safety test did not pass</source>
        <translation>La prueba de seguridad del cable no se superó</translation>
    </message>
    <message>
        <source>Your vehicle did not get ready for charging</source>
        <translation>Su vehículo no se preparó para la carga</translation>
    </message>
    <message>
        <source>Your vehicle did not accept the charge</source>
        <translation>Su vehículo no aceptó la carga</translation>
    </message>
    <message>
        <source>Charging could not start</source>
        <translation>No se pudo iniciar la carga</translation>
    </message>
    <message>
        <source>The connection broke off before charging began. This often happens when the connector is not fully in.</source>
        <translation>La conexión se interrumpió antes de comenzar la carga. Suele ocurrir cuando el conector no está bien insertado.</translation>
    </message>
    <message>
        <source>Before charging, the charger checks that the cable is safely insulated. The check did not pass, so no power was sent.</source>
        <translation>Antes de cargar, el cargador comprueba que el cable esté bien aislado. La prueba no se superó, así que no se envió energía.</translation>
    </message>
    <message>
        <source>The charger prepared the voltage, but your vehicle did not connect its battery in time.</source>
        <translation>El cargador preparó el voltaje, pero su vehículo no conectó su batería a tiempo.</translation>
    </message>
    <message>
        <source>Your vehicle stopped the start by itself, before any energy flowed.</source>
        <translation>Su vehículo detuvo el inicio por sí mismo, antes de que pasara energía.</translation>
    </message>
    <message>
        <source>Charging stopped before any energy flowed.</source>
        <translation>La carga se detuvo antes de que pasara energía.</translation>
    </message>
    <message>
        <source>Check that your vehicle is in Park and ready to charge.</source>
        <translation>Verifique que su vehículo esté en Park y listo para cargar.</translation>
    </message>
    <message>
        <source>Touch Try again, or unplug the cable and plug it in again.</source>
        <translation>Toque Reintentar, o desconecte el cable y vuelva a conectarlo.</translation>
    </message>
    <message>
        <source>Unplug the cable, then plug it in again firmly.</source>
        <translation>Desconecte el cable y vuelva a conectarlo con firmeza.</translation>
    </message>
    <message>
        <source>Plug the cable in again firmly.</source>
        <translation>Vuelva a conectar el cable con firmeza.</translation>
    </message>
    <message>
        <source>Charging starts by itself. You do not need to tap your card again.</source>
        <translation>La carga comienza sola. No necesita acercar su tarjeta otra vez.</translation>
    </message>
    <message>
        <source>Unplug the cable, plug it in again and authorize again.</source>
        <translation>Desconecte el cable, vuelva a conectarlo y autorice de nuevo.</translation>
    </message>
    <message>
        <source>Unplug the cable.</source>
        <translation>Desconecte el cable.</translation>
    </message>
    <message>
        <source>Use the other connector, or call the operator for help.</source>
        <translation>Use el otro conector, o llame al operador para pedir ayuda.</translation>
    </message>
    <message>
        <source>Use another charger, or call the operator for help.</source>
        <translation>Use otro cargador, o llame al operador para pedir ayuda.</translation>
    </message>
    <message>
        <source>Code to quote: %1</source>
        <translation>Código a indicar: %1</translation>
    </message>
    <message>
        <source>Your card stays valid for %1</source>
        <translation>Su tarjeta sigue válida durante %1</translation>
    </message>
    <message>
        <source>The operator has been notified. If you contact customer service, quote code %1.</source>
        <translation>Se ha avisado al operador. Si llama a atención al cliente, indique el código %1.</translation>
    </message>
    <message>
        <source>If you contact customer service, quote code %1.</source>
        <translation>Si llama a atención al cliente, indique el código %1.</translation>
    </message>
    <message>
        <source>Scan to pay and start with your phone</source>
        <translation>Escanee para pagar y empezar con su teléfono</translation>
    </message>
    <message>
        <source>Wrong PIN</source>
        <translation>PIN incorrecto</translation>
    </message>
    <message>
        <source>Too many wrong PINs: try again in %1 s</source>
        <translation>Demasiados PIN incorrectos: vuelva a intentarlo en %1 s</translation>
    </message>
    <message>
        <source>Charger</source>
        <extracomment>The engineer screen&apos;s Reliability page (controller.engineer_screen.RELIABILITY_PAGE). The CAN error frame classes and failed sends the engineer screen names when they happened. Steps on one page of the status screen: more (manual 5.3.6 has seven) go on further pages, which the pager steps through like the codes themselves.</extracomment>
        <translation>Cargador</translation>
    </message>
    <message>
        <source>Left connector (%1)</source>
        <translation>Conector izquierdo (%1)</translation>
    </message>
    <message>
        <source>Right connector (%1)</source>
        <translation>Conector derecho (%1)</translation>
    </message>
</context>
<context>
    <name>SimConnectorGroup</name>
    <message>
        <source>%1 connector · %2</source>
        <translation>Conector %1 · %2</translation>
    </message>
    <message>
        <source>Cable plugged in</source>
        <translation>Cable conectado</translation>
    </message>
    <message>
        <source>EV SOC</source>
        <translation>SOC del VE</translation>
    </message>
    <message>
        <source>%1 → %2 %</source>
        <translation>%1 → %2 %</translation>
    </message>
    <message>
        <source>Apply</source>
        <translation>Aplicar</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Estado</translation>
    </message>
    <message>
        <source>Inject</source>
        <translation>Inyectar</translation>
    </message>
    <message>
        <source>Clear</source>
        <translation>Borrar</translation>
    </message>
</context>
<context>
    <name>SimCsmsGroup</name>
    <message>
        <source>Operator message</source>
        <translation>Mensaje del operador</translation>
    </message>
    <message>
        <source>Show message</source>
        <translation>Mostrar mensaje</translation>
    </message>
    <message>
        <source>Send running cost</source>
        <translation>Enviar costo actual</translation>
    </message>
    <message>
        <source>Central system (OCPP)</source>
        <translation>Sistema central (OCPP)</translation>
    </message>
    <message>
        <source>Central system running</source>
        <translation>Sistema central en marcha</translation>
    </message>
    <message>
        <source>Remote start left</source>
        <translation>Inicio remoto izquierdo</translation>
    </message>
    <message>
        <source>Remote start right</source>
        <translation>Inicio remoto derecho</translation>
    </message>
    <message>
        <source>Remote stop left</source>
        <translation>Parada remota izquierdo</translation>
    </message>
    <message>
        <source>Remote stop right</source>
        <translation>Parada remota derecho</translation>
    </message>
    <message>
        <source>Reserve left</source>
        <translation>Reservar izquierdo</translation>
    </message>
    <message>
        <source>Reserve right</source>
        <translation>Reservar derecho</translation>
    </message>
    <message>
        <source>Left unavailable</source>
        <translation>Izquierdo no disponible</translation>
    </message>
    <message>
        <source>Right unavailable</source>
        <translation>Derecho no disponible</translation>
    </message>
    <message>
        <source>Cancel reservation</source>
        <translation>Cancelar reserva</translation>
    </message>
    <message>
        <source>Limit to 20 kW</source>
        <translation>Limitar a 20 kW</translation>
    </message>
    <message>
        <source>Soft reset</source>
        <translation>Reinicio suave</translation>
    </message>
    <message>
        <source>Hard reset</source>
        <translation>Reinicio completo</translation>
    </message>
</context>
<context>
    <name>SimPowerGroup</name>
    <message>
        <source>Power</source>
        <translation>Potencia</translation>
    </message>
    <message>
        <source>Outside temperature (°C)</source>
        <translation>Temperatura exterior (°C)</translation>
    </message>
    <message>
        <source>Grid voltage (V)</source>
        <translation>Voltaje de red (V)</translation>
    </message>
    <message>
        <source>PSU %1 failed</source>
        <translation>PSU %1 averiado</translation>
    </message>
</context>
<context>
    <name>SimulatorPanel</name>
    <message>
        <source>Charger simulator</source>
        <translation>Simulador del cargador</translation>
    </message>
    <message>
        <source>Left</source>
        <translation>Izquierdo</translation>
    </message>
    <message>
        <source>Right</source>
        <translation>Derecho</translation>
    </message>
    <message>
        <source>Station</source>
        <translation>Estación</translation>
    </message>
    <message>
        <source>Tap known card</source>
        <translation>Tarjeta conocida</translation>
    </message>
    <message>
        <source>Tap unknown card</source>
        <translation>Tarjeta desconocida</translation>
    </message>
    <message>
        <source>Emergency stop</source>
        <translation>Paro de emergencia</translation>
    </message>
    <message>
        <source>Door open</source>
        <translation>Puerta abierta</translation>
    </message>
    <message>
        <source>Left button</source>
        <translation>Botón izquierdo</translation>
    </message>
    <message>
        <source>Right button</source>
        <translation>Botón derecho</translation>
    </message>
</context>
<context>
    <name>SocGauge</name>
    <message>
        <source>Battery</source>
        <translation>Batería</translation>
    </message>
    <message>
        <source>Target %1</source>
        <translation>Objetivo %1</translation>
    </message>
</context>
<context>
    <name>StartFailedScreen</name>
    <message>
        <source>Charging did not start</source>
        <translation>La carga no comenzó</translation>
    </message>
    <message>
        <source>What to do</source>
        <translation>Qué hacer</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>Listo</translation>
    </message>
    <message>
        <source>Try again</source>
        <translation>Reintentar</translation>
    </message>
</context>
<context>
    <name>StatusCodeLine</name>
    <message>
        <source>Status code %1 · %2</source>
        <translation>Código de estado %1 · %2</translation>
    </message>
    <message>
        <source>Status code %1</source>
        <translation>Código de estado %1</translation>
    </message>
</context>
<context>
    <name>StatusCodes</name>
    <message>
        <source>A part of the charger has failed.</source>
        <translation>Una pieza del cargador falló.</translation>
    </message>
    <message>
        <source>Unplug the charging connector.</source>
        <translation>Desconecte el conector de carga.</translation>
    </message>
    <message>
        <source>Turn the charger off, reconnect the part named by the code, then turn it on again.</source>
        <translation>Apague el cargador, vuelva a conectar la pieza indicada por el código y enciéndalo de nuevo.</translation>
    </message>
    <message>
        <source>If the same code comes back, the charger must be serviced by a qualified technician: contact your dealer.</source>
        <translation>Si el mismo código vuelve a aparecer, un técnico calificado debe revisar el cargador: comuníquese con su distribuidor.</translation>
    </message>
    <message>
        <source>Charging is paused until the condition clears.</source>
        <translation>La carga está en pausa hasta que se resuelva la condición.</translation>
    </message>
    <message>
        <source>Wait: charging is enabled again automatically when the condition clears.</source>
        <translation>Espere: la carga se habilita de nuevo automáticamente cuando se resuelve la condición.</translation>
    </message>
    <message>
        <source>If it does not clear, turn the charger off and on again.</source>
        <translation>Si no se resuelve, apague y vuelva a encender el cargador.</translation>
    </message>
    <message>
        <source>Contact your dealer.</source>
        <translation>Comuníquese con su distribuidor.</translation>
    </message>
    <message>
        <source>Information from the charger; charging is not affected.</source>
        <translation>Información del cargador; la carga no se ve afectada.</translation>
    </message>
    <message>
        <source>Charge as usual.</source>
        <translation>Cargue como de costumbre.</translation>
    </message>
    <message>
        <source>Contact your dealer if the message keeps appearing.</source>
        <translation>Comuníquese con su distribuidor si el mensaje sigue apareciendo.</translation>
    </message>
    <message>
        <source>The vehicle ended or refused the charging procedure.</source>
        <translation>El vehículo terminó o rechazó el proceso de carga.</translation>
    </message>
    <message>
        <source>Unplug the charging cable and wait 5 seconds. Plug it in completely, with a click, and try again.</source>
        <translation>Desconecte el cable de carga y espere 5 segundos. Conéctelo por completo, hasta oír un clic, e inténtelo de nuevo.</translation>
    </message>
    <message>
        <source>Unplug the charging cable and try the other connector or another charger.</source>
        <translation>Desconecte el cable de carga y pruebe el otro conector u otro cargador.</translation>
    </message>
    <message>
        <source>Unplug, drive the EV away a few metres and back, stop the EV, remove the key and try again.</source>
        <translation>Desconecte, aleje el vehículo unos metros y regrese, apáguelo, retire la llave e inténtelo de nuevo.</translation>
    </message>
    <message>
        <source>After unplugging, check that the EV&apos;s charging mode and time limit are enabled.</source>
        <translation>Después de desconectar, verifique que el modo de carga y el límite de tiempo del vehículo estén habilitados.</translation>
    </message>
    <message>
        <source>If the EV shows an error, follow the EV&apos;s user manual.</source>
        <translation>Si el vehículo muestra un error, siga su manual del usuario.</translation>
    </message>
    <message>
        <source>After unplugging, ask the site staff to restart the charger and try again.</source>
        <translation>Después de desconectar, pida al personal del sitio que reinicie el cargador e inténtelo de nuevo.</translation>
    </message>
    <message>
        <source>If the cable cannot be unplugged, use the EV&apos;s release button or manual unlock; otherwise ask the site staff to restart the charger.</source>
        <translation>Si no puede desconectar el cable, use el botón de liberación o el desbloqueo manual del vehículo; si no, pida al personal del sitio que reinicie el cargador.</translation>
    </message>
    <message>
        <source>A message from the charger&apos;s network or back-end.</source>
        <translation>Un mensaje de la red o del sistema central del cargador.</translation>
    </message>
    <message>
        <source>Follow the remote procedure or contact the site staff to arrange charging.</source>
        <translation>Siga el procedimiento a distancia o comuníquese con el personal del sitio para organizar la carga.</translation>
    </message>
    <message>
        <source>Abnormal input voltage.</source>
        <translation>Voltaje de entrada anormal.</translation>
    </message>
    <message>
        <source>Charging is enabled again when the grid supply is normal.</source>
        <translation>La carga se habilita de nuevo cuando el suministro eléctrico se normaliza.</translation>
    </message>
    <message>
        <source>Check the input power, or turn the charger off and on again.</source>
        <translation>Revise la alimentación de entrada, o apague y vuelva a encender el cargador.</translation>
    </message>
    <message>
        <source>Abnormal environment or device temperature.</source>
        <translation>Temperatura ambiente o del equipo anormal.</translation>
    </message>
    <message>
        <source>Keep the air inlet and outlet clear and remove heat sources; charging is enabled again after cooling down.</source>
        <translation>Mantenga despejadas la entrada y la salida de aire y retire las fuentes de calor; la carga se habilita de nuevo al enfriarse.</translation>
    </message>
    <message>
        <source>If it persists, the over-temperature protection or a device may be faulty: contact your dealer.</source>
        <translation>Si persiste, la protección contra sobretemperatura o un equipo puede estar fallando: comuníquese con su distribuidor.</translation>
    </message>
    <message>
        <source>External network disconnected.</source>
        <translation>Red externa desconectada.</translation>
    </message>
    <message>
        <source>QR code and app authorization are unavailable for the moment: please use an RFID card.</source>
        <translation>El código QR y la autorización por app no están disponibles por ahora: use una tarjeta RFID.</translation>
    </message>
    <message>
        <source>Contact the network management staff for a network inspection.</source>
        <translation>Comuníquese con el personal de administración de la red para revisar la red.</translation>
    </message>
    <message>
        <source>The card reader is not working.</source>
        <translation>El lector de tarjetas no funciona.</translation>
    </message>
    <message>
        <source>Cards cannot be read at the moment: use the QR code or the app if offered, or another charger.</source>
        <translation>No se pueden leer tarjetas por ahora: use el código QR o la app si están disponibles, u otro cargador.</translation>
    </message>
    <message>
        <source>Contact the site staff.</source>
        <translation>Comuníquese con el personal del sitio.</translation>
    </message>
    <message>
        <source>The emergency stop button is pressed.</source>
        <translation>El botón de paro de emergencia está presionado.</translation>
    </message>
    <message>
        <source>Release the emergency stop button by rotating it; charging is enabled again when the code clears.</source>
        <translation>Suelte el botón de paro de emergencia girándolo; la carga se habilita de nuevo cuando desaparece el código.</translation>
    </message>
    <message>
        <source>If the charger stays on this page, turn it off and on again or contact your dealer.</source>
        <translation>Si el cargador se queda en esta pantalla, apáguelo y vuelva a encenderlo o comuníquese con su distribuidor.</translation>
    </message>
    <message>
        <source>The cabinet door is open.</source>
        <translation>La puerta del gabinete está abierta.</translation>
    </message>
    <message>
        <source>Close the cabinet door; charging is enabled again when the code clears.</source>
        <translation>Cierre la puerta del gabinete; la carga se habilita de nuevo cuando desaparece el código.</translation>
    </message>
    <message>
        <source>If the door is closed, the door sensor may have shifted: screw it back into position.</source>
        <translation>Si la puerta está cerrada, el sensor de la puerta puede haberse movido: atorníllelo de nuevo en su lugar.</translation>
    </message>
    <message>
        <source>If it persists, contact your dealer.</source>
        <translation>Si persiste, comuníquese con su distribuidor.</translation>
    </message>
    <message>
        <source>The charger failed its start-up self-test.</source>
        <translation>El cargador no superó su autoprueba de arranque.</translation>
    </message>
    <message>
        <source>Turn the charger off, check the internal cable of the board named by the code, then turn it on again.</source>
        <translation>Apague el cargador, revise el cable interno de la tarjeta indicada por el código y enciéndalo de nuevo.</translation>
    </message>
    <message>
        <source>If the same code comes back, contact your dealer.</source>
        <translation>Si el mismo código vuelve a aparecer, comuníquese con su distribuidor.</translation>
    </message>
    <message>
        <source>The charger&apos;s cabinets cannot talk to each other. Charging is not possible at the moment.</source>
        <translation>Los gabinetes del cargador no pueden comunicarse entre sí. Por ahora no es posible cargar.</translation>
    </message>
    <message>
        <source>Please use another charger or contact the site staff.</source>
        <translation>Use otro cargador o comuníquese con el personal del sitio.</translation>
    </message>
    <message>
        <source>The charger&apos;s air filter is due for replacement; charging is not affected.</source>
        <translation>Es necesario reemplazar el filtro de aire del cargador; la carga no se ve afectada.</translation>
    </message>
    <message>
        <source>The vehicle reported an error in the charging procedure.</source>
        <translation>El vehículo informó un error en el proceso de carga.</translation>
    </message>
    <message>
        <source>Unplug the charging cable, release the charging limit set in the vehicle, and try again.</source>
        <translation>Desconecte el cable de carga, quite el límite de carga configurado en el vehículo e inténtelo de nuevo.</translation>
    </message>
    <message>
        <source>If it fails again, try the other connector or another charger.</source>
        <translation>Si vuelve a fallar, pruebe el otro conector u otro cargador.</translation>
    </message>
    <message>
        <source>The charger missed the vehicle&apos;s first message.</source>
        <translation>El cargador no recibió el primer mensaje del vehículo.</translation>
    </message>
    <message>
        <source>The cable may not be locked in the vehicle: unplug it and plug it in completely, with a click.</source>
        <translation>Es posible que el cable no esté bloqueado en el vehículo: desconéctelo y conéctelo por completo, hasta oír un clic.</translation>
    </message>
    <message>
        <source>Try again. If it fails again, try the other connector or another charger.</source>
        <translation>Inténtelo de nuevo. Si vuelve a fallar, pruebe el otro conector u otro cargador.</translation>
    </message>
    <message>
        <source>Communication with the vehicle failed.</source>
        <translation>Falló la comunicación con el vehículo.</translation>
    </message>
    <message>
        <source>Unplug the charging cable, switch the vehicle off and on again, and try again.</source>
        <translation>Desconecte el cable de carga, apague y vuelva a encender el vehículo e inténtelo de nuevo.</translation>
    </message>
    <message>
        <source>The cable insulation test did not finish in time.</source>
        <translation>La prueba de aislamiento del cable no terminó a tiempo.</translation>
    </message>
    <message>
        <source>Unplug the charging cable and try again.</source>
        <translation>Desconecte el cable de carga e inténtelo de nuevo.</translation>
    </message>
    <message>
        <source>If it fails again, ask the site staff to restart the charger.</source>
        <translation>Si vuelve a fallar, pida al personal del sitio que reinicie el cargador.</translation>
    </message>
    <message>
        <source>The charger was not ready.</source>
        <translation>El cargador no estaba listo.</translation>
    </message>
    <message>
        <source>Unplug the charging cable, wait 5 seconds and try again.</source>
        <translation>Desconecte el cable de carga, espere 5 segundos e inténtelo de nuevo.</translation>
    </message>
    <message>
        <source>The vehicle ended charging for an unknown reason.</source>
        <translation>El vehículo terminó la carga por un motivo desconocido.</translation>
    </message>
    <message>
        <source>Check whether a charging target or time limit is set in the vehicle.</source>
        <translation>Verifique si hay un objetivo de carga o un límite de tiempo configurado en el vehículo.</translation>
    </message>
    <message>
        <source>Follow the vehicle&apos;s indications.</source>
        <translation>Siga las indicaciones del vehículo.</translation>
    </message>
    <message>
        <source>The charger has lost its connection to the back-end.</source>
        <translation>El cargador perdió la conexión con el sistema central.</translation>
    </message>
    <message>
        <source>Charging was started remotely.</source>
        <translation>La carga se inició a distancia.</translation>
    </message>
    <message>
        <source>Remote authorization passed: plug in the charging cable to charge.</source>
        <translation>Autorización a distancia aceptada: conecte el cable de carga para cargar.</translation>
    </message>
    <message>
        <source>Contact the site staff for further instructions.</source>
        <translation>Comuníquese con el personal del sitio para recibir más instrucciones.</translation>
    </message>
    <message>
        <source>Charging was stopped remotely.</source>
        <translation>La carga se detuvo a distancia.</translation>
    </message>
    <message>
        <source>Charging reached its set time, energy or amount and was ended remotely.</source>
        <translation>La carga alcanzó el tiempo, la energía o el monto establecidos y se terminó a distancia.</translation>
    </message>
    <message>
        <source>The charger was restarted remotely.</source>
        <translation>El cargador se reinició a distancia.</translation>
    </message>
    <message>
        <source>The charger is being reset or maintained remotely; charging has ended.</source>
        <translation>El cargador se está restableciendo o recibiendo mantenimiento a distancia; la carga terminó.</translation>
    </message>
    <message>
        <source>The charger could not open its output relay. Do not use this connector.</source>
        <translation>El cargador no pudo abrir su relé de salida. No use este conector.</translation>
    </message>
    <message>
        <source>The charger&apos;s main power was cut by its safety sensor.</source>
        <translation>El sensor de seguridad cortó la alimentación principal del cargador.</translation>
    </message>
    <message>
        <source>The emergency stop button has been pressed. Charging has stopped.</source>
        <translation>Se presionó el botón de paro de emergencia. La carga se detuvo.</translation>
    </message>
    <message>
        <source>The charger&apos;s cabinet door is open. Charging is paused.</source>
        <translation>La puerta del gabinete del cargador está abierta. La carga está en pausa.</translation>
    </message>
    <message>
        <source>No power module is available. Charging is not possible at the moment.</source>
        <translation>No hay ningún módulo de potencia disponible. Por ahora no es posible cargar.</translation>
    </message>
    <message>
        <source>The CHAdeMO connector failed its start-up self-test.</source>
        <translation>El conector CHAdeMO no superó su autoprueba de arranque.</translation>
    </message>
    <message>
        <source>The CCS connector failed its start-up self-test.</source>
        <translation>El conector CCS no superó su autoprueba de arranque.</translation>
    </message>
    <message>
        <source>A power module failed the start-up self-test.</source>
        <translation>Un módulo de potencia no superó la autoprueba de arranque.</translation>
    </message>
    <message>
        <source>The connectors fitted do not match the charger&apos;s configuration.</source>
        <translation>Los conectores instalados no coinciden con la configuración del cargador.</translation>
    </message>
    <message>
        <source>The GB/T connector failed its start-up self-test.</source>
        <translation>El conector GB/T no superó su autoprueba de arranque.</translation>
    </message>
    <message>
        <source>The session reached the charger&apos;s maximum charging time.</source>
        <translation>La sesión alcanzó el tiempo máximo de carga del cargador.</translation>
    </message>
    <message>
        <source>The charger could not communicate with the vehicle.</source>
        <translation>El cargador no pudo comunicarse con el vehículo.</translation>
    </message>
    <message>
        <source>The vehicle ended charging.</source>
        <translation>El vehículo terminó la carga.</translation>
    </message>
    <message>
        <source>The vehicle reached its charging target.</source>
        <translation>El vehículo alcanzó su objetivo de carga.</translation>
    </message>
    <message>
        <source>The vehicle&apos;s battery is full.</source>
        <translation>La batería del vehículo está llena.</translation>
    </message>
</context>
<context>
    <name>StatusScreen</name>
    <message>
        <source>Status code</source>
        <translation>Código de estado</translation>
    </message>
    <message>
        <source>What to do</source>
        <translation>Qué hacer</translation>
    </message>
    <message>
        <source>Previous</source>
        <translation>Anterior</translation>
    </message>
    <message>
        <source>%1 of %2</source>
        <translation>%1 de %2</translation>
    </message>
    <message>
        <source>Next</source>
        <translation>Siguiente</translation>
    </message>
</context>
<context>
    <name>StepRow</name>
    <message>
        <source>Done</source>
        <translation>Listo</translation>
    </message>
    <message>
        <source>In progress</source>
        <translation>En curso</translation>
    </message>
</context>
<context>
    <name>SummaryScreen</name>
    <message>
        <source>Charging finished</source>
        <translation>Carga terminada</translation>
    </message>
    <message>
        <source>%1 · %2</source>
        <translation>%1 · %2</translation>
    </message>
    <message>
        <source>Energy delivered</source>
        <translation>Energía entregada</translation>
    </message>
    <message>
        <source>Cost</source>
        <translation>Costo</translation>
    </message>
    <message>
        <source>Duration</source>
        <translation>Duración</translation>
    </message>
    <message>
        <source>Battery</source>
        <translation>Batería</translation>
    </message>
    <message>
        <source>%1 → %2</source>
        <translation>%1 → %2</translation>
    </message>
    <message>
        <source>Started</source>
        <translation>Inicio</translation>
    </message>
    <message>
        <source>Stop reason</source>
        <translation>Motivo de la detención</translation>
    </message>
    <message>
        <source>Scan for your receipt</source>
        <translation>Escanee para obtener su recibo</translation>
    </message>
    <message>
        <source>Unplug the connector and return it to the holder</source>
        <translation>Desconecte el conector y devuélvalo a su soporte</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>Listo</translation>
    </message>
    <message>
        <source>Charging stopped</source>
        <translation>Carga detenida</translation>
    </message>
</context>
<context>
    <name>TariffLine</name>
    <message>
        <source>Price</source>
        <translation>Precio</translation>
    </message>
</context>
<context>
    <name>UpdatingScreen</name>
    <message>
        <source>Updating the charger software</source>
        <translation>Actualizando el software del cargador</translation>
    </message>
    <message>
        <source>Back in a few minutes</source>
        <translation>Volverá a estar disponible en unos minutos</translation>
    </message>
    <message>
        <source>Charger ID %1</source>
        <translation>ID del cargador %1</translation>
    </message>
</context>
</TS>
