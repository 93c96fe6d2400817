"""After `make loadtest SCENARIO=deadline`: check each step, find the largest number
of entrants held, say where the next step broke, and record it.

A step holds when it had 0 failed requests, 0 lost writes (bench/load/check.py's
proof against the database) and a p95 under 1 s over all its requests. Writes the
"## Deadline surge" section of docs/performance.md. Exit status 1 when any step lost
a write: a lost write is a bug at any load, while a slow step is a figure.
"""

import argparse
import csv
import json
import os
import platform
import statistics
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from check import lost_writes, ms, read_jsonl, replace_section  # noqa: E402

P95_GOAL_MS = 1000


def _quantile(values: list[float], q: float) -> float:
    """The q-quantile of sorted values (nearest rank), 0 for none."""
    if not values:
        return 0.0
    return values[min(len(values) - 1, max(0, round(q * len(values)) - 1))]


def _step(folder: Path) -> dict:
    meta = json.loads((folder / "meta.json").read_text())
    with open(folder / "locust_stats.csv", encoding="utf-8") as stats:
        rows = list(csv.DictReader(stats))
    total = next(r for r in rows if r["Name"] == "Aggregated")
    writes = read_jsonl(folder / "writes.jsonl")
    samples = read_jsonl(folder / "samples.jsonl")
    # Checked right after the step (--check): later steps' jurors score the same
    # sheets again, so the database at the end no longer shows this step's last save.
    lost_file = folder / "lost.json"
    lost = (
        json.loads(lost_file.read_text()) if lost_file.exists() else lost_writes(writes)
    )
    p95 = float(total["95%"]) if total["95%"] not in ("", "N/A") else 0.0
    signins = [w for w in writes if w["kind"] == "signin"]
    signin_ms = sorted(w["ms"] for w in signins)
    # locust's figures restart once everyone is signed in: a failed sign-in is
    # counted here, so that no error of the step goes unseen.
    signin_failures = sum(not w["ok"] for w in signins)
    errors = int(total["Failure Count"]) + signin_failures
    parts = {}
    if samples:
        for part in samples[0]["parts"]:
            parts[part] = statistics.median(s["parts"][part] for s in samples)
    worst = sorted(
        (r for r in rows if r["Name"] != "Aggregated" and r["95%"] not in ("", "N/A")),
        key=lambda r: -float(r["95%"]),
    )[:2]
    return {
        **meta,
        "requests": int(total["Request Count"]),
        "rate": float(total["Requests/s"]),
        "p50": total["50%"],
        "p95": p95,
        "p99": total["99%"],
        "errors": errors,
        "signins": len(signins),
        "signin_failures": signin_failures,
        "signin_p50": _quantile(signin_ms, 0.5),
        "signin_p95": _quantile(signin_ms, 0.95),
        "lost": lost,
        "writes": {
            kind: sum(w["kind"] == kind for w in writes)
            for kind in ("entry", "draft", "file", "submitted", "sheet")
        },
        "busy": statistics.median(s["busy"] for s in samples) if samples else 0.0,
        "parts": parts,
        "connections": max((s["connections"] for s in samples), default=0),
        "lock_waits": max((s["lock_waits"] for s in samples), default=0),
        "worst": [(f"{r['Type']} {r['Name']}", r["95%"]) for r in worst],
        "held": errors == 0 and not lost and p95 < P95_GOAL_MS,
    }


def _where(step: dict) -> str:
    parts = ", ".join(
        f"{part} {share:.0%}"
        for part, share in sorted(step["parts"].items(), key=lambda kv: -kv[1])
        if share >= 0.01
    )
    facts = [
        f"CPU busy {step['busy']:.0%} of both cores (median; {parts})",
        f"PostgreSQL connections at most {step['connections']} "
        f"(the web's pool ceiling {step['pool_ceiling']}, the Celery worker's on top)",
        f"requests waiting on a lock at most {step['lock_waits']}",
    ]
    slowest = "; ".join(f"{name} p95 {value} ms" for name, value in step["worst"])
    return "; ".join(facts) + f". Slowest: {slowest}."


def section(steps: list[dict], started: str) -> str:
    held = [s for s in steps if s["held"]]
    broke = next((s for s in steps if not s["held"]), None)
    first = steps[0]
    lines = [
        "## Deadline surge",
        "",
        f"`make loadtest SCENARIO=deadline` on {started}; machine: {os.cpu_count()} "
        f"cores, {platform.system()} {platform.machine()}, Python "
        f"{platform.python_version()}, shared with other work. gunicorn "
        f"({first['workers']} processes × {first['threads']} threads, "
        "config/gunicorn.py) with a PostgreSQL pool of "
        f"{first['pool']} connections per process, Redis, a Celery worker, locust, "
        "all on loopback; DEBUG off.",
        "",
        "In each step every user signs in once, "
        f"{first.get('spawn_rate', 20)} a second (the sign-in's time is "
        "its own column: login page, password check, second step for jurors, first "
        "page); once all are in, locust's figures restart and the surge is measured "
        f"for {first['duration']} s, each entrant working on with the session it has: "
        "open a draft, save it 2–4 times, attach a 5 MB PDF and submit, up to three "
        "entries (5–20 s between actions), while public readers browse the winners "
        "and 6 jurors score. A step holds with 0 failed requests (sign-ins "
        "included), 0 lost writes (every accepted draft, save, file and submission "
        f"found in the database and storage) and p95 < {P95_GOAL_MS} ms over all the "
        "surge's requests.",
        "",
        "| entrants | users | requests | req/s | p50 / p95 / p99 ms | errors | "
        "sign-in p50 / p95 ms | drafts / saves / 5 MB files / submitted | lost | "
        "CPU busy | held |",
        "|---:|---:|---:|---:|---|---:|---|---|---:|---:|---|",
    ]
    for s in steps:
        w = s["writes"]
        lines.append(
            f"| {s['entrants']} | {s['users']} | {s['requests']} | {s['rate']:.1f} | "
            f"{ms(s['p50'])} / {s['p95']:.0f} / {ms(s['p99'])} | {s['errors']} | "
            f"{s['signin_p50']:.0f} / {s['signin_p95']:.0f} | "
            f"{w['entry']} / {w['draft'] - w['entry']} / {w['file']} / "
            f"{w['submitted']} | {len(s['lost'])} | {s['busy']:.0%} | "
            f"{'yes' if s['held'] else 'no'} |"
        )
    lines.append("")
    lines.append(
        f"**Largest step held: {held[-1]['entrants'] if held else 0} concurrent "
        "entrants** (goal 200)."
    )
    for s in steps:
        label = "Where it broke" if s is broke else "Held"
        if s is broke or s is (held[-1] if held else None):
            lines += ["", f"{label} at {s['entrants']} entrants: {_where(s)}"]
    return "\n".join(lines) + "\n"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--steps", help="folder of step-N folders")
    parser.add_argument("--started")
    parser.add_argument("--doc")
    parser.add_argument("--check", help="a step's folder: check its writes now")
    args = parser.parse_args()
    if args.check:
        folder = Path(args.check)
        lost = lost_writes(read_jsonl(folder / "writes.jsonl"))
        (folder / "lost.json").write_text(json.dumps(lost))
        return 0
    folders = sorted(
        Path(args.steps).glob("step-*"), key=lambda p: int(p.name.split("-")[1])
    )
    steps = [_step(folder) for folder in folders]
    replace_section(Path(args.doc), section(steps, args.started))
    for s in steps:
        for line in s["lost"]:
            sys.stdout.write(f"lost ({s['entrants']} entrants): {line}\n")
        sys.stdout.write(
            f"deadline: {s['entrants']} entrants, p95 {s['p95']:.0f} ms, "
            f"{s['errors']} errors, {len(s['lost'])} lost, "
            f"{'held' if s['held'] else 'not held'}\n"
        )
    return 1 if any(s["lost"] for s in steps) else 0


if __name__ == "__main__":
    sys.exit(main())
