"""OCPP 1.6J charge point: the charger's side of the backend connection (no Qt).

One module per job (docs/ocpp.md has the table and the status of every feature and key):
``port`` (the interface to the station), ``client`` (connect, boot, heartbeat, the
station's events, the pump), ``handlers`` (the central system's requests) and
``handler_port`` (what they need from the client, so they never import it), ``settings``
(identity and client settings), ``rpc`` (the ``ocpp`` library made strict about 1.6
errors), ``outbox`` (one CALL at a time, Boot first), ``boot`` (the BootNotification
table), ``connection`` (endpoint, TLS, Basic auth, back-off, logs without secrets),
``configuration`` (the 1.6 keys), ``authorization`` (cache, local list, offline rules),
``queue`` (persistent transaction messages), ``smart_charging`` (pure profile maths),
``metering`` (meter values), ``mapping`` (station words to OCPP words), ``storage``
(SQLite), ``memory_port`` (a station in memory) and ``setup`` (the client from the
configuration).
"""
