"""The demo data of `make run` (`manage.py seed_demo`) and the builders that the
tests and the benchmarks share. Local demo only: no domain app imports it."""
