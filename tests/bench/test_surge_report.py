"""bench/load/surge_report.py: a deadline step's figures, with the sign-ins that
locust's reset figures no longer hold."""

import csv
import importlib.util
import json
from pathlib import Path

import pytest
from django.conf import settings as django_settings

REPORT = Path(django_settings.BASE_DIR) / "bench" / "load" / "surge_report.py"
COLUMNS = ["Type", "Name", "Request Count", "Failure Count", "Requests/s"] + [
    "50%",
    "95%",
    "99%",
]


@pytest.fixture(scope="module")
def report():
    spec = importlib.util.spec_from_file_location("bench_surge_report", REPORT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _folder(tmp_path: Path, *, signins: list[dict], p95: int = 400) -> Path:
    folder = tmp_path / "step-200"
    folder.mkdir()
    meta = {"entrants": 200, "users": 246, "duration": 90, "spawn_rate": 10}
    meta |= {"workers": 3, "threads": 4, "pool": 4, "pool_ceiling": 12}
    (folder / "meta.json").write_text(json.dumps(meta))
    with open(folder / "locust_stats.csv", "w", newline="", encoding="utf-8") as out:
        writer = csv.DictWriter(out, COLUMNS)
        writer.writeheader()
        row = {"Request Count": 100, "Failure Count": 0, "Requests/s": 50.0}
        row |= {"50%": 40, "95%": p95, "99%": 900}
        writer.writerow({"Type": "GET", "Name": "/awards/", **row})
        writer.writerow({"Type": "", "Name": "Aggregated", **row})
    writes = [{"kind": "signin", "at": 0, **s} for s in signins]
    (folder / "writes.jsonl").write_text("".join(json.dumps(w) + "\n" for w in writes))
    (folder / "samples.jsonl").write_text("")
    (folder / "lost.json").write_text("[]")
    return folder


def test_sign_ins_are_reported_apart_from_the_surge(report, tmp_path):
    signins = [
        {"email": f"s{n}@qalam.test", "ms": n * 10.0, "ok": True} for n in range(1, 21)
    ]
    step = report._step(_folder(tmp_path, signins=signins))

    assert step["held"]
    assert (step["signins"], step["signin_failures"], step["errors"]) == (20, 0, 0)
    assert (step["signin_p50"], step["signin_p95"]) == (100.0, 190.0)
    assert "| 100 / 190 |" in report.section([step], "2026-12-07 09:00 UTC")


def test_a_failed_sign_in_is_an_error_of_the_step(report, tmp_path):
    signins = [
        {"email": "a@qalam.test", "ms": 50.0, "ok": True},
        {"email": "b@qalam.test", "ms": 60.0, "ok": False},
    ]
    step = report._step(_folder(tmp_path, signins=signins))

    assert step["errors"] == 1
    assert not step["held"]


def test_a_slow_surge_is_not_held_whatever_the_sign_ins(report, tmp_path):
    step = report._step(_folder(tmp_path, signins=[], p95=1200))

    assert not step["held"]
    assert step["signin_p95"] == 0.0
