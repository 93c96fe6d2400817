"""The deadline surge: `make loadtest SCENARIO=deadline` (bench/load/run.sh).

SURGE_ENTRANTS entrants, each signed in once (the session is then reused, as a real
browser does), work on entries to the demo award in its last minutes: open a draft,
save it a few times, attach a 5 MB PDF, submit; then the next entry, up to the
award's limit of three. Alongside, the public reads the winners (Public, from
locustfile.py) and six jurors score (Juror). Every write the server accepts is
appended to $QALAM_LOADTEST_WRITES for bench/load/check.py to prove none was lost.
"""

import itertools
import os
import re
import time

from locust import between, task
from locustfile import RNG, Juror, Public, SignedIn, csrf, record

__all__ = ["Entrant", "Juror", "Public"]  # the user classes of this scenario

AWARD = os.environ.get("SURGE_AWARD", "caja-2026")
OFFSET = int(os.environ.get("SURGE_OFFSET", "0"))
MAX_ENTRIES = 3  # the demo award's limit per person
ATTACHMENT_BYTES = 5 * 1024 * 1024

_entrant_ids = itertools.count(1)
OPTION_RE = r'<option value="([^"]+)"[^>]*>\s*{label}'
SELECT_RE = re.compile(r'<select name="(\w+)"[^>]*>(.*?)</select>', re.S)
ENTRY_RE = re.compile(r"/awards/entries/(\d+)/$")


def _pdf() -> bytes:
    """A 5 MB PDF: a real header and trailer around incompressible bytes."""
    return b"%PDF-1.7\n%" + os.urandom(ATTACHMENT_BYTES) + b"\n%%EOF\n"


class Entrant(SignedIn):
    """A journalist in the last minutes before the deadline."""

    fixed_count = int(os.environ.get("SURGE_ENTRANTS", "50"))
    # People read and type between two clicks: 5 to 20 s, even in the last minutes.
    wait_time = between(5, 20)

    def on_start(self):
        self.email = f"surge{OFFSET + next(_entrant_ids):04d}@qalam.test"
        self.sign_in(self.email)
        self.entries_done = 0
        self.entry = None

    def _choices(self, html: str) -> dict[str, str]:
        """The category (Data Journalism: a PDF is required) and the language of
        the work (English: every category accepts it)."""
        selects = dict(SELECT_RE.findall(html))
        category = re.search(
            OPTION_RE.format(label="Data Journalism"), selects.get("category", "")
        )
        language = re.search(
            OPTION_RE.format(label="English"), selects.get("language", "")
        )
        return {
            "category": category.group(1) if category else "",
            "language": language.group(1) if language else "",
        }

    def _form(self, choices: dict[str, str], summary: str) -> dict[str, str]:
        return {
            **choices,
            "title": f"Surge story of {self.email} #{self.entries_done + 1}",
            "summary": summary,
            "outlet": "Surge Media",
            "country": "KZ",
            "published_on": "2026-03-01",
            "publication_urls": "https://example.org/surge",
            "ai_use": "none",
            "licence": "cc-by-nc-nd-4.0",
            "declares_original_work": "on",
            "declares_right_to_submit": "on",
            "consents_to_publish": "on",
        }

    @task
    def work(self):
        if self.entries_done >= MAX_ENTRIES:
            self.client.get("/awards/", name="/awards/ (my entries)")
            return
        if self.entry is None:
            self._open()
        elif self.entry["saves"] < self.entry["target_saves"]:
            self._save()
        elif not self.entry["file"]:
            self._attach()
        else:
            self._submit()

    def _open(self):
        url = f"/awards/enter/{AWARD}/"
        page = self.client.get(url, name="/awards/enter/<award>/")
        choices = self._choices(page.text)
        summary = f"first draft {time.time():.6f}"
        started = time.time()
        with self.client.post(
            url,
            {**self._form(choices, summary), "csrfmiddlewaretoken": csrf(page.text)},
            name="/awards/enter/<award>/ [POST new draft]",
            allow_redirects=False,
            catch_response=True,
        ) as response:
            match = ENTRY_RE.search(response.headers.get("Location", ""))
            if response.status_code != 302 or not match:
                response.failure(f"draft not created: {response.status_code}")
                return
            response.success()
            pk = int(match.group(1))
            record("entry", entry=pk, email=self.email, started=started)
            record("draft", entry=pk, summary=summary, started=started)
            self.entry = {
                "pk": pk,
                "choices": choices,
                "saves": 1,
                "target_saves": RNG.randint(2, 4),
                "file": False,
            }

    def _save(self):
        pk = self.entry["pk"]
        url = f"/awards/entries/{pk}/edit/"
        page = self.client.get(url, name="/awards/entries/<id>/edit/")
        summary = f"draft {self.entry['saves'] + 1} {time.time():.6f}"
        started = time.time()
        # Sent, not yet accepted: the server may store it after the run stops waiting.
        record("draft_sent", entry=pk, summary=summary, started=started)
        with self.client.post(
            url,
            {
                **self._form(self.entry["choices"], summary),
                "csrfmiddlewaretoken": csrf(page.text),
            },
            name="/awards/entries/<id>/edit/ [POST save]",
            allow_redirects=False,
            catch_response=True,
        ) as response:
            if response.status_code != 302:
                response.failure(f"draft not saved: {response.status_code}")
                return
            response.success()
            record("draft", entry=pk, summary=summary, started=started)
            self.entry["saves"] += 1

    def _attach(self):
        pk = self.entry["pk"]
        page = self.client.get(f"/awards/entries/{pk}/", name="/awards/entries/<id>/")
        name, data = f"data-{pk}.pdf", _pdf()
        with self.client.post(
            f"/awards/entries/{pk}/files/",
            {"csrfmiddlewaretoken": csrf(page.text)},
            files={"file": (name, data, "application/pdf")},
            name="/awards/entries/<id>/files/ [POST 5 MB]",
            catch_response=True,
        ) as response:
            if response.status_code != 200 or "is attached" not in response.text:
                response.failure(f"file not attached: {response.status_code}")
                return
            response.success()
            record("file", entry=pk, name=name, size=len(data))
            self.entry["file"] = True

    def _submit(self):
        pk = self.entry["pk"]
        page = self.client.get(f"/awards/entries/{pk}/", name="/awards/entries/<id>/")
        with self.client.post(
            f"/awards/entries/{pk}/submit/",
            {"csrfmiddlewaretoken": csrf(page.text)},
            name="/awards/entries/<id>/submit/ [POST]",
            catch_response=True,
        ) as response:
            if response.status_code != 200 or "reference number" not in response.text:
                response.failure(f"not submitted: {response.status_code}")
                return
            response.success()
            record("submitted", entry=pk)
            self.entry = None
            self.entries_done += 1
