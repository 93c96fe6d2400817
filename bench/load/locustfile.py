"""Qalam load scenario: the public reading winners, jurors scoring, members at work.

Run by `make loadtest` (see the Makefile) in its own venv; never imported by the app.
Every write the server accepts is appended to $QALAM_LOADTEST_WRITES (JSONL) so that
bench/load/check.py can prove afterwards that none was lost.
"""

import base64
import hashlib
import hmac
import itertools
import json
import os
import random
import re
import struct
import threading
import time

from locust import HttpUser, between, task

PASSWORD = "qalam-demo-2026"  # noqa: S105 - the public demo password (README)
TOTP_SECRET = "QALAMDEMOJURYQALAMDEMOJURYQALAMD"  # noqa: S105 - the demo jurors' secret
CODENAME = "offshore-water"
JURORS = ["juror@qalam.test"] + [f"juror{n:02d}@qalam.test" for n in range(1, 12)]
MEMBERS = [
    "investigator@qalam.test",
    "aigul.lead@qalam.test",
    "timur.editor@qalam.test",
    "nurlan.editor@qalam.test",
    "madina.reporter@qalam.test",
]
WRITES = os.environ.get("QALAM_LOADTEST_WRITES", "var/loadtest/writes.jsonl")

_juror_ids = itertools.count()
_member_ids = itertools.count()
_lock = threading.Lock()
RNG = random.Random()  # noqa: S311 - picks load shapes, guards no secret

CSRF_RE = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
ASSIGNMENT_RE = re.compile(r'href="/[a-z-]*/?awards/jury/entries/(\d+)/"')
SCORE_RE = re.compile(r'<input type="number" name="(c\d+)"[^>]*>')
ATTR_RE = re.compile(r'(min|max|step)="([0-9.]+)"')
TASK_RE = re.compile(r'data-task-id="(\d+)" data-version="(\d+)"')
COLUMN_RE = re.compile(r'data-column-id="(\d+)"')
AWARD_RE = re.compile(r'href="((?:/[a-z]{2})?/[a-z0-9-]+-\d{4}/)"')


def totp(secret: str, at: float | None = None) -> str:
    """RFC 6238 code (SHA-1, 6 digits, 30 s) for a base32 secret."""
    key = base64.b32decode(secret.upper() + "=" * (-len(secret) % 8))
    counter = int((time.time() if at is None else at) // 30)
    digest = hmac.new(key, struct.pack(">Q", counter), hashlib.sha1).digest()
    offset = digest[-1] & 0x0F
    code = struct.unpack(">I", digest[offset : offset + 4])[0] & 0x7FFFFFFF
    return f"{code % 1_000_000:06d}"


def record(kind: str, **data) -> None:
    """Append one accepted write to the JSONL file (thread- and greenlet-safe)."""
    line = json.dumps({"kind": kind, "at": time.time(), **data})
    with _lock, open(WRITES, "a", encoding="utf-8") as out:
        out.write(line + "\n")


def csrf(html: str) -> str:
    match = CSRF_RE.search(html)
    return match.group(1) if match else ""


_addresses = itertools.count(1)


class SignedIn(HttpUser):
    abstract = True

    def sign_in(self, email: str) -> None:
        # Each person comes from their own address, which the proxy in front of
        # Qalam puts in X-Forwarded-For (run.sh sets QALAM_BEHIND_PROXY).
        n = next(_addresses)
        self.client.headers["X-Forwarded-For"] = (
            f"10.{n // 65536}.{n // 256 % 256}.{n % 256}"
        )
        started = time.time()
        page = self.client.get("/accounts/login/", name="/accounts/login/")
        response = self.client.post(
            "/accounts/login/",
            {
                "login": email,
                "password": PASSWORD,
                "csrfmiddlewaretoken": csrf(page.text),
            },
            name="/accounts/login/ [POST]",
        )
        if "2fa/authenticate" in response.url:
            # A TOTP code is accepted once, so each locust juror is a different
            # demo juror (6 of 12) and signs in once, in on_start.
            response = self.client.post(
                "/accounts/2fa/authenticate/",
                {"code": totp(TOTP_SECRET), "csrfmiddlewaretoken": csrf(response.text)},
                name="/accounts/2fa/authenticate/ [POST]",
            )
        # Kept apart from locust's figures, which the deadline surge resets once
        # everyone is signed in (run.sh): the sign-in's own time and outcome.
        record(
            "signin",
            email=email,
            ms=(time.time() - started) * 1000,
            ok=response.ok
            and "/accounts/login/" not in response.url
            and "/2fa/authenticate/" not in response.url,
        )


class Public(HttpUser):
    """A reader of the winners: home, filtered lists, an award page, the JSON API."""

    weight = 10
    wait_time = between(1, 3)

    @task(3)
    def home(self):
        self.client.get("/", name="/")

    @task(4)
    def winners(self):
        filters = RNG.choice(["", "?year=2025", "?q=water", "?country=KZ", "?page=1"])
        self.client.get("/winners/" + filters, name="/winners/?filters")

    @task(2)
    def award_page(self):
        """An award's page (demo: /awards-2026/), found from the home page's links."""
        response = self.client.get("/", name="/")
        links = sorted(set(AWARD_RE.findall(response.text))) or ["/awards-2026/"]
        self.client.get(RNG.choice(links), name="/<award page>/")

    @task(2)
    def api(self):
        self.client.get("/api/winners.json?year=2025", name="/api/winners.json")


class Juror(SignedIn):
    """A juror (password + TOTP) scoring the assigned entries: draft saves, and now
    and then a final submission of a sheet already saved once."""

    fixed_count = 6
    wait_time = between(1, 3)

    def on_start(self):
        self.email = JURORS[next(_juror_ids) % len(JURORS)]
        self.sign_in(self.email)
        dashboard = self.client.get("/awards/jury/", name="/awards/jury/")
        self.assignments = sorted(set(ASSIGNMENT_RE.findall(dashboard.text)))
        self.saved: set[str] = set()

    @task
    def score(self):
        if not self.assignments:
            self.client.get("/awards/jury/", name="/awards/jury/")
            return
        pk = RNG.choice(self.assignments)
        url = f"/awards/jury/entries/{pk}/"
        page = self.client.get(url, name="/awards/jury/entries/<id>/")
        fields = {}
        for match in SCORE_RE.finditer(page.text):
            attrs = dict(ATTR_RE.findall(match.group(0)))
            low, high = float(attrs.get("min", 0)), float(attrs.get("max", 10))
            step = float(attrs.get("step", 1)) or 1.0
            steps = int(round((high - low) / step))
            value = low + step * RNG.randint(0, steps)
            fields[match.group(1)] = f"{value:g}"
        if (
            not fields
            or "disabled" in page.text.split('class="form score-sheet"')[-1][:300]
        ):
            return
        comment = f"load {self.email} {time.time():.6f}"
        started = time.time()
        submit = pk in self.saved and RNG.random() < 0.25
        # Sent, not yet accepted: the server may store it after the run stops waiting.
        record(
            "sheet_sent",
            assignment=int(pk),
            scores=fields,
            comment=comment,
            started=started,
        )
        with self.client.post(
            url,
            {
                **fields,
                "comment": comment,
                "feedback": "",
                ("submit" if submit else "save"): "1",
                "csrfmiddlewaretoken": csrf(page.text),
            },
            name="/awards/jury/entries/<id>/ [POST "
            + ("submit" if submit else "save")
            + "]",
            allow_redirects=False,
            catch_response=True,
        ) as response:
            if response.status_code == 302:
                response.success()
                record(
                    "sheet",
                    assignment=int(pk),
                    scores=fields,
                    comment=comment,
                    started=started,
                    juror=self.email,
                    submitted=submit,
                )
                self.saved.add(pk)
                if submit:  # a submitted sheet is final: on to the others
                    self.assignments.remove(pk)
            else:
                response.failure(f"sheet not saved: {response.status_code}")


class Member(SignedIn):
    """An investigation member moving cards and uploading small documents."""

    fixed_count = 4
    wait_time = between(1, 3)

    def on_start(self):
        self.email = MEMBERS[next(_member_ids) % len(MEMBERS)]
        self.sign_in(self.email)

    @task(4)
    def move(self):
        board = self.client.get(
            f"/investigations/w/{CODENAME}/board/", name="/investigations/w/<c>/board/"
        )
        tasks = TASK_RE.findall(board.text)
        columns = sorted(set(COLUMN_RE.findall(board.text)))
        if not tasks or not columns:
            return
        task_id, version = RNG.choice(tasks)
        column = RNG.choice(columns)
        started = time.time()
        with self.client.post(
            f"/investigations/w/{CODENAME}/tasks/{task_id}/move/",
            {"column": column, "index": 0, "version": version},
            headers={
                "Accept": "application/json",
                "X-CSRFToken": csrf(board.text)
                or self.client.cookies.get("csrftoken", ""),
            },
            name="/investigations/w/<c>/tasks/<id>/move/",
            catch_response=True,
        ) as response:
            if response.status_code == 200:
                body = response.json()
                record(
                    "move",
                    task=int(task_id),
                    column=body["column"],
                    version=body["version"],
                    started=started,
                )
                response.success()
            elif response.status_code == 409:
                # Someone moved the card first: the stale move is refused, as designed.
                response.success()
            else:
                response.failure(f"move refused: {response.status_code}")

    @task(1)
    def upload(self):
        url = f"/investigations/w/{CODENAME}/documents/upload/"
        form = self.client.get(url, name="/investigations/w/<c>/documents/upload/")
        title = f"load {self.email} {time.time():.6f}"
        with self.client.post(
            url,
            {
                "title": title,
                "description": "",
                "tags": "load",
                "csrfmiddlewaretoken": csrf(form.text),
            },
            files={"file": ("note.txt", b"load test " * 50, "text/plain")},
            name="/investigations/w/<c>/documents/upload/ [POST]",
            allow_redirects=False,
            catch_response=True,
        ) as response:
            if response.status_code == 302:
                response.success()
                record("document", title=title)
            else:
                response.failure(f"upload refused: {response.status_code}")
