"""Benchmarks against the DESIGN §6 budgets (run on demand: `make bench`, never in tests)."""
