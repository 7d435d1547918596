"""Sangam: a clearinghouse and decision-support tool for US-Japan-India defence-technology collaboration."""

__version__ = "0.1.0"
