"""OCPP 2.0.1 charging station: the charger's side of a 2.0.1 backend connection (no Qt).

A second protocol adapter on the station's neutral port (:mod:`controller.port`), beside
the OCPP 1.6J one in :mod:`controller.ocpp`, whose protocol-neutral parts it shares (the
ordered outbox, the connection and its back-off, the boot machine, the central system's
clock, the SQLite storage).  docs/ocpp.md has the table of blocks, messages and variables.
"""
