"""Benchmarks: a synthetic-briefing generator and the timing harness (`python -m bench.run`)."""
