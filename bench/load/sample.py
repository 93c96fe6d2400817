"""Where a load step spends the machine: `python bench/load/sample.py OUT.jsonl`.

Run by bench/load/run.sh beside each locust step, until it is killed. Once a second it
appends one JSON line: the machine's CPU busy share, the CPU share of each part
(gunicorn, PostgreSQL, Celery, Redis, locust), PostgreSQL's connections to the load
database and those waiting on a lock.
"""

import json
import os
import sys
import time
from pathlib import Path

import psycopg

PARTS = {
    "gunicorn": "gunicorn",
    "postgres": "postgres",
    "celery": "celery",
    "redis": "redis-server",
    "locust": "locust",
}


def _machine() -> tuple[int, int]:
    fields = [int(x) for x in Path("/proc/stat").read_text().split("\n")[0].split()[1:]]
    idle = fields[3] + fields[4]
    return sum(fields), idle


def _parts() -> dict[str, int]:
    ticks = dict.fromkeys(PARTS, 0)
    for proc in Path("/proc").iterdir():
        if not proc.name.isdigit():
            continue
        try:
            cmdline = (proc / "cmdline").read_bytes().replace(b"\0", b" ").decode()
            stat = (proc / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        for part, needle in PARTS.items():
            if needle in cmdline:
                ticks[part] += int(stat[11]) + int(stat[12])  # utime + stime
                break
    return ticks


def main(out: str) -> None:
    url = os.environ["DATABASE_URL"]
    database = url.rsplit("/", 1)[1]
    with psycopg.connect(url, autocommit=True) as conn, open(out, "a") as sink:
        total, idle = _machine()
        parts = _parts()
        while True:
            time.sleep(1)
            now_total, now_idle = _machine()
            now_parts = _parts()
            elapsed = max(now_total - total, 1)
            connections, waiting = conn.execute(
                "SELECT count(*), count(*) FILTER (WHERE wait_event_type = 'Lock') "
                "FROM pg_stat_activity WHERE datname = %s AND pid <> pg_backend_pid()",
                [database],
            ).fetchone()
            sample = {
                "at": time.time(),
                "busy": 1 - (now_idle - idle) / elapsed,
                # Share of all cores, like "busy".
                "parts": {
                    part: (now_parts[part] - parts[part]) / elapsed for part in PARTS
                },
                "connections": connections,
                "lock_waits": waiting,
            }
            sink.write(json.dumps(sample) + "\n")
            sink.flush()
            total, idle, parts = now_total, now_idle, now_parts


if __name__ == "__main__":
    main(sys.argv[1])
