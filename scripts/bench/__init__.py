"""Benchmarks: scripts that print figures for the README (not tests)."""
