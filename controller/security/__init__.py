"""The charger's certificates: the trusted roots installed by the central system (and from the
configuration), and the charger's own key and client certificate for security profile 3.

Plain files and the ``cryptography`` library; no OCPP here: the 1.6 and 2.0.1 adapters see the
store through :class:`controller.ocpp.certificate_port.Certificates`.
"""
