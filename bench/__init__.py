"""Benchmarks: `make bench` runs every `bench/bench_*.py` and prints its figures.

A benchmark module defines `run() -> Iterable[Figure]`. Each figure prints as one line,
`BENCH <name>: <value> <unit> (goal <goal>)`; where an issue asks for a ratio, the
module measures its own baseline in the same run. Record results in
docs/performance.md with the date and the machine, as medians of several runs.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class Figure:
    name: str
    value: float
    unit: str
    goal: str

    def line(self) -> str:
        return f"BENCH {self.name}: {self.value:.4g} {self.unit} (goal {self.goal})"
