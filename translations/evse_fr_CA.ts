<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="fr_CA">
<context>
    <name>AttractView</name>
    <message>
        <source>Touch the screen or tap a card to start</source>
        <translation>Touchez l’écran ou présentez une carte pour commencer</translation>
    </message>
</context>
<context>
    <name>AuthMethod</name>
    <message>
        <source>Not available</source>
        <translation>Non disponible</translation>
    </message>
</context>
<context>
    <name>AuthPanel</name>
    <message>
        <source>Start charging with</source>
        <translation>Démarrer la recharge avec</translation>
    </message>
    <message>
        <source>Card</source>
        <translation>Carte</translation>
    </message>
    <message>
        <source>QR code</source>
        <translation>Code QR</translation>
    </message>
    <message>
        <source>App</source>
        <translation>Appli</translation>
    </message>
</context>
<context>
    <name>ButtonBar</name>
    <message>
        <source>High contrast: on</source>
        <translation>Contraste élevé : oui</translation>
    </message>
    <message>
        <source>High contrast: off</source>
        <translation>Contraste élevé : non</translation>
    </message>
    <message>
        <source>Larger text: on</source>
        <translation>Texte agrandi : oui</translation>
    </message>
    <message>
        <source>Larger text: off</source>
        <translation>Texte agrandi : non</translation>
    </message>
    <message>
        <source>Stop reading aloud</source>
        <translation>Arrêter la lecture à voix haute</translation>
    </message>
    <message>
        <source>Read aloud</source>
        <translation>Lire à voix haute</translation>
    </message>
</context>
<context>
    <name>ChargingPanel</name>
    <message>
        <source>Stop</source>
        <translation>Arrêter</translation>
    </message>
    <message>
        <source>Power shared with the other connector</source>
        <translation>Puissance partagée avec l&apos;autre connecteur</translation>
    </message>
    <message>
        <source>Voltage</source>
        <translation>Tension</translation>
    </message>
    <message>
        <source>Current</source>
        <translation>Courant</translation>
    </message>
    <message>
        <source>Energy</source>
        <translation>Énergie</translation>
    </message>
    <message>
        <source>Elapsed</source>
        <translation>Durée</translation>
    </message>
    <message>
        <source>Time to target</source>
        <translation>Temps restant</translation>
    </message>
    <message>
        <source>Cost so far</source>
        <translation>Coût à ce jour</translation>
    </message>
</context>
<context>
    <name>ChargingScreen</name>
    <message>
        <source>Tap your card or press Stop to end charging</source>
        <translation>Présentez votre carte ou touchez Arrêter pour terminer</translation>
    </message>
</context>
<context>
    <name>ConnectorCard</name>
    <message>
        <source>Selected</source>
        <translation>Choisi</translation>
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
        <translation>Puissance</translation>
    </message>
    <message>
        <source>%1 kW</source>
        <translation>%1 kW</translation>
    </message>
    <message>
        <source>Energy</source>
        <translation>Énergie</translation>
    </message>
    <message>
        <source>Tap to show details</source>
        <translation>Touchez pour les détails</translation>
    </message>
</context>
<context>
    <name>ContactLine</name>
    <message>
        <source>Help: %1</source>
        <translation>Aide : %1</translation>
    </message>
    <message>
        <source>Operated by %1</source>
        <translation>Exploité par %1</translation>
    </message>
</context>
<context>
    <name>Countdown</name>
    <message>
        <source>seconds left</source>
        <translation>secondes</translation>
    </message>
</context>
<context>
    <name>EngineerPinScreen</name>
    <message>
        <source>Engineer access</source>
        <translation>Accès technicien</translation>
    </message>
    <message>
        <source>Enter the PIN</source>
        <translation>Entrez le NIP</translation>
    </message>
    <message>
        <source>Erase</source>
        <translation>Effacer</translation>
    </message>
    <message>
        <source>OK</source>
        <translation>OK</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Annuler</translation>
    </message>
</context>
<context>
    <name>Header</name>
    <message>
        <source>Online</source>
        <translation>En ligne</translation>
    </message>
    <message>
        <source>Offline</source>
        <translation>Hors ligne</translation>
    </message>
</context>
<context>
    <name>HomeScreen</name>
    <message>
        <source>Choose a connector and plug in</source>
        <translation>Choisissez un connecteur et branchez-le</translation>
    </message>
    <message>
        <source>Then tap your card on the reader.</source>
        <translation>Puis présentez votre carte au lecteur.</translation>
    </message>
    <message>
        <source>Then tap your card, scan the QR code or use the app.</source>
        <translation>Puis présentez votre carte, balayez le code QR ou utilisez l&apos;appli.</translation>
    </message>
    <message>
        <source>Cable connected</source>
        <translation>Câble branché</translation>
    </message>
    <message>
        <source>Tap your card on the reader to start charging.</source>
        <translation>Présentez votre carte au lecteur pour démarrer la recharge.</translation>
    </message>
    <message>
        <source>Tap your card on the reader or scan the QR code to start charging.</source>
        <translation>Présentez votre carte au lecteur ou balayez le code QR pour démarrer la recharge.</translation>
    </message>
    <message>
        <source>Plug in to charge</source>
        <translation>Branchez pour recharger</translation>
    </message>
    <message>
        <source>Tap your card on the reader, before or after plugging in.</source>
        <translation>Présentez votre carte au lecteur, avant ou après le branchement.</translation>
    </message>
    <message>
        <source>Tap your card, scan the QR code or use the app, before or after plugging in.</source>
        <translation>Présentez votre carte, balayez le code QR ou utilisez l&apos;appli, avant ou après le branchement.</translation>
    </message>
</context>
<context>
    <name>InitializingScreen</name>
    <message>
        <source>Charging station initializing</source>
        <translation>Démarrage de la borne de recharge</translation>
    </message>
    <message>
        <source>Please wait</source>
        <translation>Veuillez patienter</translation>
    </message>
</context>
<context>
    <name>LanguagePicker</name>
    <message>
        <source>Choose your language</source>
        <translation>Choisissez votre langue</translation>
    </message>
</context>
<context>
    <name>Main</name>
    <message>
        <source>EV charger</source>
        <translation>Borne de recharge</translation>
    </message>
</context>
<context>
    <name>OperatorMessage</name>
    <message>
        <source>Message from the operator</source>
        <translation>Message de l’opérateur</translation>
    </message>
</context>
<context>
    <name>OutOfServiceScreen</name>
    <message>
        <source>Out of service</source>
        <translation>Hors service</translation>
    </message>
    <message>
        <source>Please use another charger or contact the operator.</source>
        <translation>Utilisez une autre borne ou communiquez avec l&apos;exploitant.</translation>
    </message>
    <message>
        <source>Charger ID %1</source>
        <translation>N° de borne %1</translation>
    </message>
</context>
<context>
    <name>PlugInScreen</name>
    <message>
        <source>Take the connector from its holder and push it firmly into your vehicle&apos;s charging inlet.</source>
        <translation>Retirez le connecteur de son support et insérez-le fermement dans la prise de recharge du véhicule.</translation>
    </message>
    <message>
        <source>Press the left button to cancel</source>
        <translation>Appuyez sur le bouton de gauche pour annuler</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Annuler</translation>
    </message>
</context>
<context>
    <name>PowerReadout</name>
    <message>
        <source>Power</source>
        <translation>Puissance</translation>
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
        <translation>Préparation de la recharge</translation>
    </message>
    <message>
        <source>Keep the cable connected. Charging starts by itself.</source>
        <translation>Laissez le câble branché. La recharge démarre d&apos;elle-même.</translation>
    </message>
    <message>
        <source>Communicating with vehicle</source>
        <translation>Communication avec le véhicule</translation>
    </message>
    <message>
        <source>Cable check</source>
        <translation>Vérification du câble</translation>
    </message>
    <message>
        <source>Isolation test</source>
        <translation>Test d&apos;isolement</translation>
    </message>
    <message>
        <source>Pre-charge</source>
        <translation>Précharge</translation>
    </message>
    <message>
        <source>Battery %1</source>
        <translation>Batterie %1</translation>
    </message>
</context>
<context>
    <name>Presenter</name>
    <message>
        <source>Left</source>
        <translation>Gauche</translation>
    </message>
    <message>
        <source>Right</source>
        <translation>Droite</translation>
    </message>
    <message>
        <source>Starting up</source>
        <translation>Démarrage</translation>
    </message>
    <message>
        <source>Available</source>
        <translation>Disponible</translation>
    </message>
    <message>
        <source>Reserved</source>
        <translation>Réservé</translation>
    </message>
    <message>
        <source>Unavailable</source>
        <translation>Indisponible</translation>
    </message>
    <message>
        <source>Connected – authorize to start</source>
        <translation>Branché – autorisez pour démarrer</translation>
    </message>
    <message>
        <source>Preparing</source>
        <translation>Préparation</translation>
    </message>
    <message>
        <source>Charging</source>
        <translation>Recharge en cours</translation>
    </message>
    <message>
        <source>Stopping</source>
        <translation>Arrêt en cours</translation>
    </message>
    <message>
        <source>Complete – please unplug</source>
        <translation>Terminé – débranchez</translation>
    </message>
    <message>
        <source>Out of order</source>
        <translation>Hors service</translation>
    </message>
    <message>
        <source>Stopped with the Stop button</source>
        <translation>Arrêtée avec le bouton Arrêter</translation>
    </message>
    <message>
        <source>Stopped with your card</source>
        <translation>Arrêtée avec votre carte</translation>
    </message>
    <message>
        <source>Your vehicle reached its charging target</source>
        <translation>Votre véhicule a atteint sa cible de recharge</translation>
    </message>
    <message>
        <source>Battery full</source>
        <translation>Batterie pleine</translation>
    </message>
    <message>
        <source>Stopped by the vehicle</source>
        <translation>Arrêtée par le véhicule</translation>
    </message>
    <message>
        <source>Cable disconnected</source>
        <translation>Câble débranché</translation>
    </message>
    <message>
        <source>Stopped because of a fault</source>
        <translation>Arrêtée à cause d&apos;une défaillance</translation>
    </message>
    <message>
        <source>Emergency stop</source>
        <translation>Arrêt d&apos;urgence</translation>
    </message>
    <message>
        <source>Stopped remotely</source>
        <translation>Arrêtée à distance</translation>
    </message>
    <message>
        <source>Stopped: the charger restarts</source>
        <translation>Arrêtée : la borne redémarre</translation>
    </message>
    <message>
        <source>Stopped to unlock the connector</source>
        <translation>Arrêtée pour déverrouiller le connecteur</translation>
    </message>
    <message>
        <source>Stopped: your card was not accepted</source>
        <translation>Arrêtée : votre carte n’a pas été acceptée</translation>
    </message>
    <message>
        <source>Stopped at the maximum charging time</source>
        <translation>Arrêtée à la durée maximale de recharge</translation>
    </message>
    <message>
        <source>Stopped: the charger lost power</source>
        <translation>Arrêtée : la borne a perdu l’alimentation</translation>
    </message>
    <message>
        <source>Stopped by the operator</source>
        <translation>Arrêtée par l’opérateur</translation>
    </message>
    <message>
        <source>Checking the control boards</source>
        <translation>Vérification des cartes de commande</translation>
    </message>
    <message>
        <source>Checking the connectors</source>
        <translation>Vérification des connecteurs</translation>
    </message>
    <message>
        <source>Checking the power modules</source>
        <translation>Vérification des modules de puissance</translation>
    </message>
    <message>
        <source>Checking the indicators</source>
        <translation>Vérification des voyants</translation>
    </message>
    <message>
        <source>Ready</source>
        <translation>Prêt</translation>
    </message>
    <message>
        <source>Invalid card. Please use another card or the app.</source>
        <extracomment>Information codes the backend asks to show (manual 5.3.7), with the catalog text that says it best.</extracomment>
        <translation>Carte non valide. Utilisez une autre carte ou l&apos;appli.</translation>
    </message>
    <message>
        <source>This card did not start the charging session. Use the same card to stop.</source>
        <translation>Cette carte n&apos;a pas démarré la recharge. Utilisez la même carte pour l&apos;arrêter.</translation>
    </message>
    <message>
        <source>No connector is free right now.</source>
        <translation>Aucun connecteur n&apos;est libre pour le moment.</translation>
    </message>
    <message>
        <source>No cable was plugged in. Please authorize again.</source>
        <translation>Aucun câble n&apos;a été branché. Autorisez de nouveau.</translation>
    </message>
    <message>
        <source>Authorized</source>
        <translation>Autorisé</translation>
    </message>
    <message>
        <source>This connector cannot be used right now.</source>
        <translation>Ce connecteur ne peut pas être utilisé pour le moment.</translation>
    </message>
    <message>
        <source>Checking your card…</source>
        <translation>Vérification de votre carte…</translation>
    </message>
    <message>
        <source>This connector is reserved for another driver.</source>
        <translation>Ce connecteur est réservé pour un autre conducteur.</translation>
    </message>
    <message>
        <source>No answer about your card came in time. Please tap it again.</source>
        <translation>Aucune réponse sur votre carte n’est arrivée à temps. Présentez-la de nouveau.</translation>
    </message>
    <message>
        <source>The charger is offline and cannot check this card. Please try another card, or try again later.</source>
        <translation>La borne est hors ligne et ne peut pas vérifier cette carte. Essayez une autre carte ou réessayez plus tard.</translation>
    </message>
    <message>
        <source>The charger is still connecting to the network and cannot check your card yet. Please try again in a minute.</source>
        <translation>La borne se connecte encore au réseau et ne peut pas encore vérifier votre carte. Réessayez dans une minute.</translation>
    </message>
    <message>
        <source>Waiting for a free power module</source>
        <translation>En attente d&apos;un module de puissance libre</translation>
    </message>
    <message>
        <source>Limited by the connector&apos;s maximum current</source>
        <translation>Limitée par le courant maximal du connecteur</translation>
    </message>
    <message>
        <source>Limited by the charger&apos;s available power</source>
        <translation>Limitée par la puissance disponible de la borne</translation>
    </message>
    <message>
        <source>Reduced power: a power module is out of service</source>
        <translation>Puissance réduite : un module de puissance est hors service</translation>
    </message>
    <message>
        <source>Reduced power: high outside temperature</source>
        <translation>Puissance réduite : température extérieure élevée</translation>
    </message>
    <message>
        <source>Limited by the grid supply</source>
        <translation>Limitée par l&apos;alimentation du réseau</translation>
    </message>
    <message>
        <source>Limited by the operator&apos;s charging schedule</source>
        <translation>Limitée par l&apos;horaire de recharge de l&apos;exploitant</translation>
    </message>
    <message>
        <source>The other connector is charging first</source>
        <translation>L&apos;autre connecteur recharge en premier</translation>
    </message>
    <message>
        <source>A power module is out of service</source>
        <translation>Un module de puissance est hors service</translation>
    </message>
    <message>
        <source>The operator has paused charging for now</source>
        <translation>L&apos;exploitant a suspendu la recharge pour le moment</translation>
    </message>
    <message>
        <source>Too hot outside to charge for now</source>
        <translation>Trop chaud dehors pour recharger pour le moment</translation>
    </message>
    <message>
        <source>The grid supply is out of range</source>
        <translation>L&apos;alimentation du réseau est hors plage</translation>
    </message>
    <message>
        <source>Charging starts by itself at %1</source>
        <translation>La recharge commencera d&apos;elle-même à %1</translation>
    </message>
    <message>
        <source>Charging starts by itself in about %1</source>
        <translation>La recharge commencera d&apos;elle-même dans environ %1</translation>
    </message>
    <message>
        <source>Charging starts by itself when the other session ends</source>
        <translation>La recharge commencera d&apos;elle-même à la fin de l&apos;autre session</translation>
    </message>
    <message>
        <source>Charging starts by itself when power is free again</source>
        <translation>La recharge commencera d&apos;elle-même dès que la puissance sera libre</translation>
    </message>
    <message>
        <source>Charging starts by itself when the operator allows it</source>
        <translation>La recharge commencera d&apos;elle-même quand l&apos;exploitant le permettra</translation>
    </message>
    <message>
        <source>Charging starts by itself when it is cooler</source>
        <translation>La recharge commencera d&apos;elle-même quand il fera plus frais</translation>
    </message>
    <message>
        <source>Charging starts by itself when the supply is normal</source>
        <translation>La recharge commencera d&apos;elle-même quand l&apos;alimentation sera normale</translation>
    </message>
    <message>
        <source>%1 per kWh</source>
        <translation>%1 par kWh</translation>
    </message>
    <message>
        <source>%1 per minute of charging</source>
        <translation>%1 par minute de recharge</translation>
    </message>
    <message>
        <source>%1 session fee</source>
        <translation>Frais de session de %1</translation>
    </message>
    <message>
        <source>Idle fee %1 per minute, from %2 after charging ends</source>
        <translation>Frais d&apos;inactivité de %1 par minute, dès %2 après la recharge</translation>
    </message>
    <message>
        <source>Idle fee %1 per minute after charging ends</source>
        <translation>Frais d&apos;inactivité de %1 par minute après la recharge</translation>
    </message>
    <message>
        <source>Free</source>
        <translation>Gratuit</translation>
    </message>
    <message>
        <source>For help, call %1</source>
        <translation>Pour obtenir de l&apos;aide, composez le %1</translation>
    </message>
    <message>
        <source>Connecting to the charging network…</source>
        <translation>Connexion au réseau de recharge…</translation>
    </message>
    <message>
        <source>Plug the %1 connector into your vehicle</source>
        <translation>Branchez le connecteur %1 sur votre véhicule</translation>
    </message>
    <message>
        <source>Plug the %1 or %2 connector into your vehicle</source>
        <translation>Branchez le connecteur %1 ou %2 sur votre véhicule</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Annuler</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>Arrêter</translation>
    </message>
    <message>
        <source>Home</source>
        <translation>Accueil</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>Terminé</translation>
    </message>
    <message>
        <source>Try again</source>
        <translation>Réessayer</translation>
    </message>
    <message>
        <source>Select</source>
        <translation>Choisir</translation>
    </message>
    <message>
        <source>Next</source>
        <translation>Suivant</translation>
    </message>
    <message>
        <source>Switch connector</source>
        <translation>Changer de connecteur</translation>
    </message>
    <message>
        <source>Waiting for power</source>
        <translation>En attente</translation>
    </message>
    <message>
        <source>Your vehicle and the charger could not communicate</source>
        <translation>Votre véhicule et la borne n’ont pas pu communiquer</translation>
    </message>
    <message>
        <source>The cable safety test did not pass</source>
        <translation>Le test de sécurité du câble a échoué</translation>
    </message>
    <message>
        <source>Your vehicle did not get ready for charging</source>
        <translation>Votre véhicule ne s’est pas préparé à la recharge</translation>
    </message>
    <message>
        <source>Your vehicle did not accept the charge</source>
        <translation>Votre véhicule n’a pas accepté la recharge</translation>
    </message>
    <message>
        <source>Charging could not start</source>
        <translation>La recharge n’a pas pu démarrer</translation>
    </message>
    <message>
        <source>The connection broke off before charging began. This often happens when the connector is not fully in.</source>
        <translation>La connexion s’est interrompue avant le début de la recharge. Cela arrive souvent quand le connecteur n’est pas bien enfoncé.</translation>
    </message>
    <message>
        <source>Before charging, the charger checks that the cable is safely insulated. The check did not pass, so no power was sent.</source>
        <translation>Avant la recharge, la borne vérifie que le câble est bien isolé. La vérification a échoué, aucune énergie n’a donc été fournie.</translation>
    </message>
    <message>
        <source>The charger prepared the voltage, but your vehicle did not connect its battery in time.</source>
        <translation>La borne a préparé la tension, mais votre véhicule n’a pas branché sa batterie à temps.</translation>
    </message>
    <message>
        <source>Your vehicle stopped the start by itself, before any energy flowed.</source>
        <translation>Votre véhicule a lui-même arrêté le démarrage, avant que l’énergie ne circule.</translation>
    </message>
    <message>
        <source>Charging stopped before any energy flowed.</source>
        <translation>La recharge s’est arrêtée avant que l’énergie ne circule.</translation>
    </message>
    <message>
        <source>Check that your vehicle is in Park and ready to charge.</source>
        <translation>Vérifiez que votre véhicule est en position P et prêt à recharger.</translation>
    </message>
    <message>
        <source>Touch Try again, or unplug the cable and plug it in again.</source>
        <translation>Touchez Réessayer, ou débranchez le câble et rebranchez-le.</translation>
    </message>
    <message>
        <source>Unplug the cable, then plug it in again firmly.</source>
        <translation>Débranchez le câble, puis rebranchez-le fermement.</translation>
    </message>
    <message>
        <source>Plug the cable in again firmly.</source>
        <translation>Rebranchez le câble fermement.</translation>
    </message>
    <message>
        <source>Charging starts by itself. You do not need to tap your card again.</source>
        <translation>La recharge démarre d’elle-même. Inutile de présenter votre carte de nouveau.</translation>
    </message>
    <message>
        <source>Unplug the cable, plug it in again and authorize again.</source>
        <translation>Débranchez le câble, rebranchez-le et autorisez de nouveau.</translation>
    </message>
    <message>
        <source>Unplug the cable.</source>
        <translation>Débranchez le câble.</translation>
    </message>
    <message>
        <source>Use the other connector, or call the operator for help.</source>
        <translation>Utilisez l’autre connecteur, ou appelez l’exploitant pour obtenir de l’aide.</translation>
    </message>
    <message>
        <source>Use another charger, or call the operator for help.</source>
        <translation>Utilisez une autre borne, ou appelez l’exploitant pour obtenir de l’aide.</translation>
    </message>
    <message>
        <source>Code to quote: %1</source>
        <translation>Code à indiquer : %1</translation>
    </message>
    <message>
        <source>Your card stays valid for %1</source>
        <translation>Votre carte reste valide pendant %1</translation>
    </message>
    <message>
        <source>The operator has been notified. If you contact customer service, quote code %1.</source>
        <translation>L’exploitant a été avisé. Si vous contactez le service à la clientèle, indiquez le code %1.</translation>
    </message>
    <message>
        <source>If you contact customer service, quote code %1.</source>
        <translation>Si vous contactez le service à la clientèle, indiquez le code %1.</translation>
    </message>
    <message>
        <source>Scan to pay and start with your phone</source>
        <translation>Balayez pour payer et démarrer avec votre téléphone</translation>
    </message>
    <message>
        <source>Wrong PIN</source>
        <translation>NIP erroné</translation>
    </message>
    <message>
        <source>Too many wrong PINs: try again in %1 s</source>
        <translation>Trop de NIP erronés : réessayez dans %1 s</translation>
    </message>
    <message>
        <source>Charger</source>
        <extracomment>The engineer screen&apos;s Reliability page (controller.engineer_screen.RELIABILITY_PAGE). The CAN error frame classes and failed sends the engineer screen names when they happened. Steps on one page of the status screen: more (manual 5.3.6 has seven) go on further pages, which the pager steps through like the codes themselves.</extracomment>
        <translation>Borne</translation>
    </message>
    <message>
        <source>Left connector (%1)</source>
        <translation>Connecteur de gauche (%1)</translation>
    </message>
    <message>
        <source>Right connector (%1)</source>
        <translation>Connecteur de droite (%1)</translation>
    </message>
</context>
<context>
    <name>SimConnectorGroup</name>
    <message>
        <source>%1 connector · %2</source>
        <translation>Connecteur de %1 · %2</translation>
    </message>
    <message>
        <source>Cable plugged in</source>
        <translation>Câble branché</translation>
    </message>
    <message>
        <source>EV SOC</source>
        <translation>SOC du VÉ</translation>
    </message>
    <message>
        <source>%1 → %2 %</source>
        <translation>%1 → %2 %</translation>
    </message>
    <message>
        <source>Apply</source>
        <translation>Appliquer</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>État</translation>
    </message>
    <message>
        <source>Inject</source>
        <translation>Injecter</translation>
    </message>
    <message>
        <source>Clear</source>
        <translation>Effacer</translation>
    </message>
</context>
<context>
    <name>SimCsmsGroup</name>
    <message>
        <source>Operator message</source>
        <translation>Message de l&apos;opérateur</translation>
    </message>
    <message>
        <source>Show message</source>
        <translation>Afficher le message</translation>
    </message>
    <message>
        <source>Send running cost</source>
        <translation>Envoyer le coût en cours</translation>
    </message>
    <message>
        <source>Central system (OCPP)</source>
        <translation>Système central (OCPP)</translation>
    </message>
    <message>
        <source>Central system running</source>
        <translation>Système central en marche</translation>
    </message>
    <message>
        <source>Remote start left</source>
        <translation>Démarrage à distance gauche</translation>
    </message>
    <message>
        <source>Remote start right</source>
        <translation>Démarrage à distance droite</translation>
    </message>
    <message>
        <source>Remote stop left</source>
        <translation>Arrêt à distance gauche</translation>
    </message>
    <message>
        <source>Remote stop right</source>
        <translation>Arrêt à distance droite</translation>
    </message>
    <message>
        <source>Reserve left</source>
        <translation>Réserver gauche</translation>
    </message>
    <message>
        <source>Reserve right</source>
        <translation>Réserver droite</translation>
    </message>
    <message>
        <source>Left unavailable</source>
        <translation>Gauche indisponible</translation>
    </message>
    <message>
        <source>Right unavailable</source>
        <translation>Droite indisponible</translation>
    </message>
    <message>
        <source>Cancel reservation</source>
        <translation>Annuler la réservation</translation>
    </message>
    <message>
        <source>Limit to 20 kW</source>
        <translation>Limiter à 20 kW</translation>
    </message>
    <message>
        <source>Soft reset</source>
        <translation>Réinitialisation logicielle</translation>
    </message>
    <message>
        <source>Hard reset</source>
        <translation>Réinitialisation matérielle</translation>
    </message>
</context>
<context>
    <name>SimPowerGroup</name>
    <message>
        <source>Power</source>
        <translation>Puissance</translation>
    </message>
    <message>
        <source>Outside temperature (°C)</source>
        <translation>Température extérieure (°C)</translation>
    </message>
    <message>
        <source>Grid voltage (V)</source>
        <translation>Tension du réseau (V)</translation>
    </message>
    <message>
        <source>PSU %1 failed</source>
        <translation>PSU %1 en panne</translation>
    </message>
</context>
<context>
    <name>SimulatorPanel</name>
    <message>
        <source>Charger simulator</source>
        <translation>Simulateur de borne</translation>
    </message>
    <message>
        <source>Left</source>
        <translation>Gauche</translation>
    </message>
    <message>
        <source>Right</source>
        <translation>Droite</translation>
    </message>
    <message>
        <source>Station</source>
        <translation>Borne</translation>
    </message>
    <message>
        <source>Tap known card</source>
        <translation>Carte connue</translation>
    </message>
    <message>
        <source>Tap unknown card</source>
        <translation>Carte inconnue</translation>
    </message>
    <message>
        <source>Emergency stop</source>
        <translation>Arrêt d&apos;urgence</translation>
    </message>
    <message>
        <source>Door open</source>
        <translation>Porte ouverte</translation>
    </message>
    <message>
        <source>Left button</source>
        <translation>Bouton de gauche</translation>
    </message>
    <message>
        <source>Right button</source>
        <translation>Bouton de droite</translation>
    </message>
</context>
<context>
    <name>SocGauge</name>
    <message>
        <source>Battery</source>
        <translation>Batterie</translation>
    </message>
    <message>
        <source>Target %1</source>
        <translation>Cible %1</translation>
    </message>
</context>
<context>
    <name>StartFailedScreen</name>
    <message>
        <source>Charging did not start</source>
        <translation>La recharge n’a pas démarré</translation>
    </message>
    <message>
        <source>What to do</source>
        <translation>Que faire</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>Terminé</translation>
    </message>
    <message>
        <source>Try again</source>
        <translation>Réessayer</translation>
    </message>
</context>
<context>
    <name>StatusCodeLine</name>
    <message>
        <source>Status code %1 · %2</source>
        <translation>Code d&apos;état %1 · %2</translation>
    </message>
    <message>
        <source>Status code %1</source>
        <translation>Code d&apos;état %1</translation>
    </message>
</context>
<context>
    <name>StatusCodes</name>
    <message>
        <source>A part of the charger has failed.</source>
        <translation>Une pièce de la borne est défaillante.</translation>
    </message>
    <message>
        <source>Unplug the charging connector.</source>
        <translation>Débranchez le connecteur de recharge.</translation>
    </message>
    <message>
        <source>Turn the charger off, reconnect the part named by the code, then turn it on again.</source>
        <translation>Éteignez la borne, rebranchez la pièce indiquée par le code, puis rallumez-la.</translation>
    </message>
    <message>
        <source>If the same code comes back, the charger must be serviced by a qualified technician: contact your dealer.</source>
        <translation>Si le même code revient, la borne doit être réparée par un technicien qualifié : communiquez avec votre fournisseur.</translation>
    </message>
    <message>
        <source>Charging is paused until the condition clears.</source>
        <translation>La recharge est suspendue jusqu&apos;à ce que la condition disparaisse.</translation>
    </message>
    <message>
        <source>Wait: charging is enabled again automatically when the condition clears.</source>
        <translation>Patientez : la recharge reprend automatiquement lorsque la condition disparaît.</translation>
    </message>
    <message>
        <source>If it does not clear, turn the charger off and on again.</source>
        <translation>Si elle persiste, éteignez puis rallumez la borne.</translation>
    </message>
    <message>
        <source>Contact your dealer.</source>
        <translation>Communiquez avec votre fournisseur.</translation>
    </message>
    <message>
        <source>Information from the charger; charging is not affected.</source>
        <translation>Information de la borne; la recharge n&apos;est pas touchée.</translation>
    </message>
    <message>
        <source>Charge as usual.</source>
        <translation>Rechargez comme d&apos;habitude.</translation>
    </message>
    <message>
        <source>Contact your dealer if the message keeps appearing.</source>
        <translation>Communiquez avec votre fournisseur si le message réapparaît.</translation>
    </message>
    <message>
        <source>The vehicle ended or refused the charging procedure.</source>
        <translation>Le véhicule a interrompu ou refusé la recharge.</translation>
    </message>
    <message>
        <source>Unplug the charging cable and wait 5 seconds. Plug it in completely, with a click, and try again.</source>
        <translation>Débranchez le câble de recharge et attendez 5 secondes. Rebranchez-le à fond, jusqu&apos;au déclic, et réessayez.</translation>
    </message>
    <message>
        <source>Unplug the charging cable and try the other connector or another charger.</source>
        <translation>Débranchez le câble de recharge et essayez l&apos;autre connecteur ou une autre borne.</translation>
    </message>
    <message>
        <source>Unplug, drive the EV away a few metres and back, stop the EV, remove the key and try again.</source>
        <translation>Débranchez, déplacez le véhicule de quelques mètres puis revenez, arrêtez-le, retirez la clé et réessayez.</translation>
    </message>
    <message>
        <source>After unplugging, check that the EV&apos;s charging mode and time limit are enabled.</source>
        <translation>Après avoir débranché, vérifiez que le mode de recharge et la limite de temps du véhicule sont activés.</translation>
    </message>
    <message>
        <source>If the EV shows an error, follow the EV&apos;s user manual.</source>
        <translation>Si le véhicule affiche une erreur, suivez son guide d&apos;utilisation.</translation>
    </message>
    <message>
        <source>After unplugging, ask the site staff to restart the charger and try again.</source>
        <translation>Après avoir débranché, demandez au personnel sur place de redémarrer la borne et réessayez.</translation>
    </message>
    <message>
        <source>If the cable cannot be unplugged, use the EV&apos;s release button or manual unlock; otherwise ask the site staff to restart the charger.</source>
        <translation>Si le câble ne se débranche pas, utilisez le bouton de déverrouillage ou le déverrouillage manuel du véhicule; sinon, demandez au personnel sur place de redémarrer la borne.</translation>
    </message>
    <message>
        <source>A message from the charger&apos;s network or back-end.</source>
        <translation>Un message du réseau ou du système central de la borne.</translation>
    </message>
    <message>
        <source>Follow the remote procedure or contact the site staff to arrange charging.</source>
        <translation>Suivez la procédure à distance ou communiquez avec le personnel sur place pour organiser la recharge.</translation>
    </message>
    <message>
        <source>Abnormal input voltage.</source>
        <translation>Tension d&apos;entrée anormale.</translation>
    </message>
    <message>
        <source>Charging is enabled again when the grid supply is normal.</source>
        <translation>La recharge reprend lorsque l&apos;alimentation du réseau redevient normale.</translation>
    </message>
    <message>
        <source>Check the input power, or turn the charger off and on again.</source>
        <translation>Vérifiez l&apos;alimentation d&apos;entrée, ou éteignez puis rallumez la borne.</translation>
    </message>
    <message>
        <source>Abnormal environment or device temperature.</source>
        <translation>Température ambiante ou de l&apos;appareil anormale.</translation>
    </message>
    <message>
        <source>Keep the air inlet and outlet clear and remove heat sources; charging is enabled again after cooling down.</source>
        <translation>Dégagez l&apos;entrée et la sortie d&apos;air et éloignez les sources de chaleur; la recharge reprend après refroidissement.</translation>
    </message>
    <message>
        <source>If it persists, the over-temperature protection or a device may be faulty: contact your dealer.</source>
        <translation>Si cela persiste, la protection contre la surchauffe ou un appareil est peut-être défaillant : communiquez avec votre fournisseur.</translation>
    </message>
    <message>
        <source>External network disconnected.</source>
        <translation>Réseau externe déconnecté.</translation>
    </message>
    <message>
        <source>QR code and app authorization are unavailable for the moment: please use an RFID card.</source>
        <translation>Le code QR et l&apos;autorisation par l&apos;appli sont indisponibles pour le moment : utilisez une carte RFID.</translation>
    </message>
    <message>
        <source>Contact the network management staff for a network inspection.</source>
        <translation>Communiquez avec le personnel responsable du réseau pour une vérification.</translation>
    </message>
    <message>
        <source>The card reader is not working.</source>
        <translation>Le lecteur de cartes ne fonctionne pas.</translation>
    </message>
    <message>
        <source>Cards cannot be read at the moment: use the QR code or the app if offered, or another charger.</source>
        <translation>Les cartes ne peuvent pas être lues pour le moment : utilisez le code QR ou l&apos;appli s&apos;ils sont offerts, ou une autre borne.</translation>
    </message>
    <message>
        <source>Contact the site staff.</source>
        <translation>Communiquez avec le personnel sur place.</translation>
    </message>
    <message>
        <source>The emergency stop button is pressed.</source>
        <translation>Le bouton d&apos;arrêt d&apos;urgence est enfoncé.</translation>
    </message>
    <message>
        <source>Release the emergency stop button by rotating it; charging is enabled again when the code clears.</source>
        <translation>Relâchez le bouton d&apos;arrêt d&apos;urgence en le tournant; la recharge reprend lorsque le code disparaît.</translation>
    </message>
    <message>
        <source>If the charger stays on this page, turn it off and on again or contact your dealer.</source>
        <translation>Si la borne reste sur cette page, éteignez-la puis rallumez-la ou communiquez avec votre fournisseur.</translation>
    </message>
    <message>
        <source>The cabinet door is open.</source>
        <translation>La porte du boîtier est ouverte.</translation>
    </message>
    <message>
        <source>Close the cabinet door; charging is enabled again when the code clears.</source>
        <translation>Fermez la porte du boîtier; la recharge reprend lorsque le code disparaît.</translation>
    </message>
    <message>
        <source>If the door is closed, the door sensor may have shifted: screw it back into position.</source>
        <translation>Si la porte est fermée, le capteur de porte s&apos;est peut-être déplacé : revissez-le à sa place.</translation>
    </message>
    <message>
        <source>If it persists, contact your dealer.</source>
        <translation>Si cela persiste, communiquez avec votre fournisseur.</translation>
    </message>
    <message>
        <source>The charger failed its start-up self-test.</source>
        <translation>La borne a échoué à son autotest de démarrage.</translation>
    </message>
    <message>
        <source>Turn the charger off, check the internal cable of the board named by the code, then turn it on again.</source>
        <translation>Éteignez la borne, vérifiez le câble interne de la carte indiquée par le code, puis rallumez-la.</translation>
    </message>
    <message>
        <source>If the same code comes back, contact your dealer.</source>
        <translation>Si le même code revient, communiquez avec votre fournisseur.</translation>
    </message>
    <message>
        <source>The charger&apos;s cabinets cannot talk to each other. Charging is not possible at the moment.</source>
        <translation>Les boîtiers de la borne ne communiquent plus entre eux. La recharge est impossible pour le moment.</translation>
    </message>
    <message>
        <source>Please use another charger or contact the site staff.</source>
        <translation>Utilisez une autre borne ou communiquez avec le personnel sur place.</translation>
    </message>
    <message>
        <source>The charger&apos;s air filter is due for replacement; charging is not affected.</source>
        <translation>Le filtre à air de la borne doit être remplacé; la recharge n&apos;est pas touchée.</translation>
    </message>
    <message>
        <source>The vehicle reported an error in the charging procedure.</source>
        <translation>Le véhicule a signalé une erreur pendant la recharge.</translation>
    </message>
    <message>
        <source>Unplug the charging cable, release the charging limit set in the vehicle, and try again.</source>
        <translation>Débranchez le câble de recharge, retirez la limite de recharge réglée dans le véhicule et réessayez.</translation>
    </message>
    <message>
        <source>If it fails again, try the other connector or another charger.</source>
        <translation>En cas de nouvel échec, essayez l&apos;autre connecteur ou une autre borne.</translation>
    </message>
    <message>
        <source>The charger missed the vehicle&apos;s first message.</source>
        <translation>La borne n&apos;a pas reçu le premier message du véhicule.</translation>
    </message>
    <message>
        <source>The cable may not be locked in the vehicle: unplug it and plug it in completely, with a click.</source>
        <translation>Le câble n&apos;est peut-être pas verrouillé dans le véhicule : débranchez-le et rebranchez-le à fond, jusqu&apos;au déclic.</translation>
    </message>
    <message>
        <source>Try again. If it fails again, try the other connector or another charger.</source>
        <translation>Réessayez. En cas de nouvel échec, essayez l&apos;autre connecteur ou une autre borne.</translation>
    </message>
    <message>
        <source>Communication with the vehicle failed.</source>
        <translation>La communication avec le véhicule a échoué.</translation>
    </message>
    <message>
        <source>Unplug the charging cable, switch the vehicle off and on again, and try again.</source>
        <translation>Débranchez le câble de recharge, éteignez puis rallumez le véhicule et réessayez.</translation>
    </message>
    <message>
        <source>The cable insulation test did not finish in time.</source>
        <translation>Le test d&apos;isolement du câble n&apos;a pas abouti à temps.</translation>
    </message>
    <message>
        <source>Unplug the charging cable and try again.</source>
        <translation>Débranchez le câble de recharge et réessayez.</translation>
    </message>
    <message>
        <source>If it fails again, ask the site staff to restart the charger.</source>
        <translation>En cas de nouvel échec, demandez au personnel sur place de redémarrer la borne.</translation>
    </message>
    <message>
        <source>The charger was not ready.</source>
        <translation>La borne n&apos;était pas prête.</translation>
    </message>
    <message>
        <source>Unplug the charging cable, wait 5 seconds and try again.</source>
        <translation>Débranchez le câble de recharge, attendez 5 secondes et réessayez.</translation>
    </message>
    <message>
        <source>The vehicle ended charging for an unknown reason.</source>
        <translation>Le véhicule a mis fin à la recharge pour une raison inconnue.</translation>
    </message>
    <message>
        <source>Check whether a charging target or time limit is set in the vehicle.</source>
        <translation>Vérifiez si une cible de recharge ou une limite de temps est réglée dans le véhicule.</translation>
    </message>
    <message>
        <source>Follow the vehicle&apos;s indications.</source>
        <translation>Suivez les indications du véhicule.</translation>
    </message>
    <message>
        <source>The charger has lost its connection to the back-end.</source>
        <translation>La borne a perdu la connexion avec le système central.</translation>
    </message>
    <message>
        <source>Charging was started remotely.</source>
        <translation>La recharge a été démarrée à distance.</translation>
    </message>
    <message>
        <source>Remote authorization passed: plug in the charging cable to charge.</source>
        <translation>Autorisation à distance acceptée : branchez le câble de recharge pour recharger.</translation>
    </message>
    <message>
        <source>Contact the site staff for further instructions.</source>
        <translation>Communiquez avec le personnel sur place pour plus d&apos;instructions.</translation>
    </message>
    <message>
        <source>Charging was stopped remotely.</source>
        <translation>La recharge a été arrêtée à distance.</translation>
    </message>
    <message>
        <source>Charging reached its set time, energy or amount and was ended remotely.</source>
        <translation>La recharge a atteint la durée, l&apos;énergie ou le montant prévu et a été terminée à distance.</translation>
    </message>
    <message>
        <source>The charger was restarted remotely.</source>
        <translation>La borne a été redémarrée à distance.</translation>
    </message>
    <message>
        <source>The charger is being reset or maintained remotely; charging has ended.</source>
        <translation>La borne est en cours de réinitialisation ou d&apos;entretien à distance; la recharge est terminée.</translation>
    </message>
    <message>
        <source>The charger could not open its output relay. Do not use this connector.</source>
        <translation>La borne n&apos;a pas pu ouvrir son relais de sortie. N&apos;utilisez pas ce connecteur.</translation>
    </message>
    <message>
        <source>The charger&apos;s main power was cut by its safety sensor.</source>
        <translation>Le capteur de sécurité a coupé l&apos;alimentation principale de la borne.</translation>
    </message>
    <message>
        <source>The emergency stop button has been pressed. Charging has stopped.</source>
        <translation>Le bouton d&apos;arrêt d&apos;urgence a été enfoncé. La recharge est arrêtée.</translation>
    </message>
    <message>
        <source>The charger&apos;s cabinet door is open. Charging is paused.</source>
        <translation>La porte du boîtier de la borne est ouverte. La recharge est suspendue.</translation>
    </message>
    <message>
        <source>No power module is available. Charging is not possible at the moment.</source>
        <translation>Aucun module de puissance n&apos;est disponible. La recharge est impossible pour le moment.</translation>
    </message>
    <message>
        <source>The CHAdeMO connector failed its start-up self-test.</source>
        <translation>Le connecteur CHAdeMO a échoué à son autotest de démarrage.</translation>
    </message>
    <message>
        <source>The CCS connector failed its start-up self-test.</source>
        <translation>Le connecteur CCS a échoué à son autotest de démarrage.</translation>
    </message>
    <message>
        <source>A power module failed the start-up self-test.</source>
        <translation>Un module de puissance a échoué à l&apos;autotest de démarrage.</translation>
    </message>
    <message>
        <source>The connectors fitted do not match the charger&apos;s configuration.</source>
        <translation>Les connecteurs installés ne correspondent pas à la configuration de la borne.</translation>
    </message>
    <message>
        <source>The GB/T connector failed its start-up self-test.</source>
        <translation>Le connecteur GB/T a échoué à son autotest de démarrage.</translation>
    </message>
    <message>
        <source>The session reached the charger&apos;s maximum charging time.</source>
        <translation>La session a atteint la durée maximale de recharge de la borne.</translation>
    </message>
    <message>
        <source>The charger could not communicate with the vehicle.</source>
        <translation>La borne n&apos;a pas pu communiquer avec le véhicule.</translation>
    </message>
    <message>
        <source>The vehicle ended charging.</source>
        <translation>Le véhicule a mis fin à la recharge.</translation>
    </message>
    <message>
        <source>The vehicle reached its charging target.</source>
        <translation>Le véhicule a atteint sa cible de recharge.</translation>
    </message>
    <message>
        <source>The vehicle&apos;s battery is full.</source>
        <translation>La batterie du véhicule est pleine.</translation>
    </message>
</context>
<context>
    <name>StatusScreen</name>
    <message>
        <source>Status code</source>
        <translation>Code d&apos;état</translation>
    </message>
    <message>
        <source>What to do</source>
        <translation>Que faire</translation>
    </message>
    <message>
        <source>Previous</source>
        <translation>Précédent</translation>
    </message>
    <message>
        <source>%1 of %2</source>
        <translation>%1 sur %2</translation>
    </message>
    <message>
        <source>Next</source>
        <translation>Suivant</translation>
    </message>
</context>
<context>
    <name>StepRow</name>
    <message>
        <source>Done</source>
        <translation>Terminé</translation>
    </message>
    <message>
        <source>In progress</source>
        <translation>En cours</translation>
    </message>
</context>
<context>
    <name>SummaryScreen</name>
    <message>
        <source>Charging finished</source>
        <translation>Recharge terminée</translation>
    </message>
    <message>
        <source>%1 · %2</source>
        <translation>%1 · %2</translation>
    </message>
    <message>
        <source>Energy delivered</source>
        <translation>Énergie fournie</translation>
    </message>
    <message>
        <source>Cost</source>
        <translation>Coût</translation>
    </message>
    <message>
        <source>Duration</source>
        <translation>Durée</translation>
    </message>
    <message>
        <source>Battery</source>
        <translation>Batterie</translation>
    </message>
    <message>
        <source>%1 → %2</source>
        <translation>%1 → %2</translation>
    </message>
    <message>
        <source>Started</source>
        <translation>Début</translation>
    </message>
    <message>
        <source>Stop reason</source>
        <translation>Motif de l&apos;arrêt</translation>
    </message>
    <message>
        <source>Scan for your receipt</source>
        <translation>Balayez pour obtenir votre reçu</translation>
    </message>
    <message>
        <source>Unplug the connector and return it to the holder</source>
        <translation>Débranchez le connecteur et remettez-le sur son support</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>Terminé</translation>
    </message>
    <message>
        <source>Charging stopped</source>
        <translation>Recharge arrêtée</translation>
    </message>
</context>
<context>
    <name>TariffLine</name>
    <message>
        <source>Price</source>
        <translation>Prix</translation>
    </message>
</context>
<context>
    <name>UpdatingScreen</name>
    <message>
        <source>Updating the charger software</source>
        <translation>Mise à jour du logiciel de la borne</translation>
    </message>
    <message>
        <source>Back in a few minutes</source>
        <translation>De retour dans quelques minutes</translation>
    </message>
    <message>
        <source>Charger ID %1</source>
        <translation>N° de borne %1</translation>
    </message>
</context>
</TS>
