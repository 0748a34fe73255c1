"""The protocol-neutral firmware (software) update engine: one job at a time, persisted, resumed.

:mod:`~controller.firmware.request` holds its words (statuses, the request, the answer, the
notices for the central system) and is a pure core, so the OCPP 1.6 charge point, which may
import only cores, can speak them.  The rest (the engine, its state file, the download) is an
adapter.  This package's ``__init__`` imports nothing, on purpose.
"""
