"""Run every benchmark module in bench/ and print one line per figure."""

import importlib
import os
import pkgutil
import sys
from pathlib import Path

import django


def main() -> int:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    os.environ.setdefault("DEBUG", "1")
    django.setup()
    here = Path(__file__).parent
    modules = sorted(
        info.name
        for info in pkgutil.iter_modules([str(here)])
        if info.name.startswith("bench_")
    )
    if not modules:
        print(
            "bench: no benchmarks yet "
            "(add bench/bench_<topic>.py with a run() function)"
        )
        return 0
    # BENCH_ONLY=public,accounts runs those modules alone (bench_public, ...).
    only = {n.strip() for n in os.environ.get("BENCH_ONLY", "").split(",") if n.strip()}
    if only:
        modules = [name for name in modules if name.removeprefix("bench_") in only]
    for name in modules:
        module = importlib.import_module(f"bench.{name}")
        for figure in module.run():
            print(figure.line(), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
