"""Logs on request: the diagnostics bundle (:mod:`.collect`), its upload over HTTP(S) and FTP
(:mod:`.upload`) and the one-at-a-time engine behind GetDiagnostics and GetLog (:mod:`.engine`).

Protocol-neutral: the OCPP adapters (:mod:`controller.ocpp.log_requests`,
:mod:`controller.ocpp201.log_requests`) map their messages onto the engine's words.
"""
