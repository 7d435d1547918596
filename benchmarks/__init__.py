"""Benchmarks: each measures Sangam's code and a baseline in the same run and prints the ratio."""
