"""After a locust run: prove no accepted write was lost, then record the figures.

Run by bench/load/run.sh with the app venv and Django settings. Reads the JSONL file of
accepted writes the locustfile kept and compares it with the database:

- score sheets: for each assignment the sheet in the database holds the scores and the
  comment of the last accepted save (or of a save that overlapped it in time, or was
  sent after it and stored without its answer arriving before the run ended), and is
  submitted if an accepted save submitted it;
- card moves: for each task the accepted move with the highest version is the task's
  current version and column (every move is versioned, so nothing may come after it);
- documents: every accepted upload's title exists;
- entries (the deadline surge): every accepted draft exists for its entrant and holds
  the summary of its last accepted save, every accepted attachment is stored with its
  size, every accepted submission is submitted with a reference number.

Writes a "## Load test" section in docs/performance.md (replacing one already there).
Exit status 1 when a write is lost or a request failed.
"""

import argparse
import csv
import json
import os
import platform
import re
import sys
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

import django  # noqa: E402

django.setup()

from awards.enums import EntryState  # noqa: E402
from awards.jury.models import ScoreSheet  # noqa: E402
from awards.models import Entry  # noqa: E402
from investigations.models import Task  # noqa: E402
from secure_docs.models import Document  # noqa: E402


def lost_writes(writes: list[dict]) -> list[str]:
    """Describe every accepted write the database does not hold."""
    lost = []
    sheets: dict[int, list[dict]] = {}
    moves: dict[int, dict] = {}
    sent: dict[int, list[dict]] = {}
    for write in writes:
        if write["kind"] == "sheet":
            sheets.setdefault(write["assignment"], []).append(write)
            sent.setdefault(write["assignment"], [])
        elif write["kind"] == "sheet_sent":
            sent.setdefault(write["assignment"], []).append(write)
        elif write["kind"] == "move":
            best = moves.get(write["task"])
            if best is None or write["version"] > best["version"]:
                moves[write["task"]] = write
        elif write["kind"] == "document":
            if not Document.objects.filter(title=write["title"]).exists():
                lost.append(f"document {write['title']!r} missing")
    lost += lost_entry_writes(writes)
    for assignment, saves in sheets.items():
        sheet = ScoreSheet.objects.filter(assignment_id=assignment).first()
        if sheet is None:
            lost.append(f"sheet of assignment {assignment} missing")
            continue
        stored = {f"c{s.criterion_id}": s.value for s in sheet.scores.all()}
        last = max(saves, key=lambda w: w["at"])
        # Saves that overlapped the last one may have committed after it.
        candidates = [w for w in saves if w["at"] >= last["started"]]
        # So may a save sent after it whose answer the run stopped waiting for.
        candidates += [w for w in sent[assignment] if w["started"] >= last["started"]]
        if not any(
            w["comment"] == sheet.comment
            and all(stored.get(k) == Decimal(v) for k, v in w["scores"].items())
            for w in candidates
        ):
            lost.append(f"sheet of assignment {assignment}: last save not stored")
        if any(w.get("submitted") for w in saves) and sheet.submitted_at is None:
            lost.append(f"sheet of assignment {assignment}: submission not stored")
    for task_id, move in moves.items():
        task = Task.objects.filter(pk=task_id).first()
        if task is None or (task.version, task.column_id) != (
            move["version"],
            move["column"],
        ):
            lost.append(f"task {task_id}: move to version {move['version']} lost")
    return lost


def lost_entry_writes(writes: list[dict]) -> list[str]:
    """The deadline surge's writes: drafts, saves, attachments, submissions."""
    lost = []
    by_entry: dict[int, list[dict]] = {}
    for write in writes:
        if write["kind"] in ("entry", "draft", "draft_sent", "file", "submitted"):
            by_entry.setdefault(write["entry"], []).append(write)
    entries = Entry.objects.select_related("owner").in_bulk(list(by_entry))
    for pk, done in by_entry.items():
        entry = entries.get(pk)
        if entry is None:
            lost.append(f"entry {pk} missing")
            continue
        created = [w for w in done if w["kind"] == "entry"]
        if created and entry.owner.email != created[0]["email"]:
            lost.append(f"entry {pk} belongs to someone else")
        drafts = [w for w in done if w["kind"] == "draft"]
        if drafts:
            last = max(drafts, key=lambda w: w["at"])
            # A save sent after the last accepted one may have been stored without
            # its answer arriving (the run stopped waiting): that is not a loss.
            later = {
                w["summary"]
                for w in done
                if w["kind"] == "draft_sent" and w["started"] >= last["started"]
            }
            if entry.summary not in {last["summary"], *later}:
                lost.append(f"entry {pk}: last saved draft not stored")
        for write in (w for w in done if w["kind"] == "file"):
            stored = entry.files.filter(name=write["name"], size=write["size"]).first()
            if (
                stored is None
                or stored.file.storage.size(stored.file.name) != (write["size"])
            ):
                lost.append(f"entry {pk}: attachment {write['name']} not stored")
        if any(w["kind"] == "submitted" for w in done) and not (
            entry.state == EntryState.SUBMITTED and entry.reference
        ):
            lost.append(f"entry {pk}: submission not stored")
    return lost


def ms(value: str) -> str:
    return f"{float(value):.0f}" if value not in ("", "N/A") else "—"


def section(args, rows: list[dict], writes: list[dict], lost: list[str]) -> str:
    total = next(r for r in rows if r["Name"] == "Aggregated")
    counts = {
        kind: sum(w["kind"] == kind for w in writes)
        for kind in ("sheet", "move", "document")
    }
    submitted = sum(w["kind"] == "sheet" and bool(w.get("submitted")) for w in writes)
    lines = [
        "## Load test",
        "",
        f"`make loadtest` on {args.started}; machine: {os.cpu_count()} cores, "
        f"{platform.system()} {platform.machine()}, Python {platform.python_version()} "
        "(a shared machine: other work may run alongside). gunicorn "
        f"({os.environ.get('GUNICORN_WORKERS', '?')} processes × "
        f"{os.environ.get('GUNICORN_THREADS', '?')} threads, a pool of "
        f"{os.environ.get('QALAM_DB_POOL_SIZE', '?')} PostgreSQL connections each) + "
        "PostgreSQL + Redis + a Celery worker on loopback, seeded demo data, "
        "DEBUG off.",
        "",
        f"- users: {args.users} (public readers, 6 jurors with password + TOTP, "
        f"4 investigation members), duration: {args.duration} s",
        f"- requests: {total['Request Count']}, "
        f"requests/s: {float(total['Requests/s']):.1f}",
        f"- latency p50 / p95 / p99: {ms(total['50%'])} / {ms(total['95%'])} / "
        f"{ms(total['99%'])} ms",
        f"- errors: {total['Failure Count']}",
        f"- accepted writes: {counts['sheet']} score-sheet saves (of which "
        f"{submitted} submitted), "
        f"{counts['move']} card moves, {counts['document']} document uploads; "
        f"lost writes: {len(lost)}",
        "",
        "A card move refused with 409 (another member moved the card first) is the "
        "designed answer, not an error. bench/load/check.py compares every accepted "
        "write (var/loadtest/writes.jsonl) with the database; the table is locust's "
        "stats CSV, whose last snapshot may miss the final second's requests.",
        "",
        "| Endpoint | Requests | Errors | p50 ms | p95 ms | p99 ms |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    for row in rows:
        if row["Name"] == "Aggregated":
            continue
        name = f"{row['Type']} {row['Name']}".replace("|", "\\|")
        lines.append(
            f"| {name} | {row['Request Count']} | {row['Failure Count']} | "
            f"{ms(row['50%'])} | {ms(row['95%'])} | {ms(row['99%'])} |"
        )
    return "\n".join(lines) + "\n"


def read_jsonl(path: Path) -> list[dict]:
    """The JSON lines of `path`, none if it was never written."""
    if not path.exists():
        return []
    return [json.loads(line) for line in path.read_text().splitlines()]


def replace_section(doc: Path, text: str) -> None:
    """Put `text` in `doc` in place of the section with its heading (its first line),
    or at the end."""
    current = doc.read_text(encoding="utf-8") if doc.exists() else ""
    heading = re.escape(text.splitlines()[0])
    pattern = re.compile(rf"^{heading}\n.*?(?=^## |\Z)", re.S | re.M)
    if pattern.search(current):
        current = pattern.sub(lambda _m: text + "\n", current).rstrip() + "\n"
    elif current.strip():
        current = current.rstrip() + "\n\n" + text
    else:
        current = text
    doc.write_text(current, encoding="utf-8")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--csv", required=True)
    parser.add_argument("--failures", required=True)
    parser.add_argument("--writes", required=True)
    parser.add_argument("--users", required=True)
    parser.add_argument("--duration", required=True)
    parser.add_argument("--started", required=True)
    parser.add_argument("--doc", required=True)
    args = parser.parse_args()
    with open(args.csv, encoding="utf-8") as stats:
        rows = list(csv.DictReader(stats))
    writes = read_jsonl(Path(args.writes))
    lost = lost_writes(writes)
    replace_section(Path(args.doc), section(args, rows, writes, lost))
    errors = int(next(r for r in rows if r["Name"] == "Aggregated")["Failure Count"])
    with open(args.failures, encoding="utf-8") as failures:
        for row in csv.DictReader(failures):
            sys.stdout.write(f"failure: {row}\n")
    for line in lost:
        sys.stdout.write(f"lost: {line}\n")
    sys.stdout.write(
        f"loadtest: {len(writes)} accepted writes, {len(lost)} lost, {errors} errors\n"
    )
    return 1 if lost or errors else 0


if __name__ == "__main__":
    sys.exit(main())
