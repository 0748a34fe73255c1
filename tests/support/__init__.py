"""Servers and key material the tests start or make for themselves."""
