"""Sangam: clearinghouse and decision support for US-Japan-India defence-technology work."""

__version__ = "0.1.0"
