"""Each role guide in docs/ checked against the live site by its journey.

A guide names what the reader clicks or reads in *italics* (`*Submit entry*`) and
the addresses they open in backticks (`/awards/jury/`). While a journey walks the
site, it records each page it sees; at the end every label of the guide's checked
steps must appear on one of those pages, and every address in those steps must
open (status below 400) for the journey's user. A renamed button, a moved page or
a guide step that describes something the site does not have fails the journey.
"""

import html
import re
from pathlib import Path

from django.conf import settings

ITALIC = re.compile(r"(?<![*\w])\*(?!\*)([^*]+?)(?<!\*)\*(?![*\w])")
ADDRESS = re.compile(r"`(/[^`\s]*)`")
STEP = re.compile(r"^(\d+)\. ", re.MULTILINE)


def _squash(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def guide_steps(name: str) -> dict[int, str]:
    """The numbered steps of docs/guide-<name>.md; step 0 is the text before them."""
    text = (Path(settings.BASE_DIR) / "docs" / f"guide-{name}.md").read_text()
    parts = STEP.split(text)
    steps = {0: parts[0]}
    for number, body in zip(parts[1::2], parts[2::2], strict=True):
        steps[int(number)] = body
    return steps


def labels(text: str) -> list[str]:
    # `**Bold.**` step titles are not labels; links' text is not either.
    text = re.sub(r"\*\*[^*]+\*\*", "", text)
    text = re.sub(r"\[[^\]]*\]\([^)]*\)", "", text)
    return [_squash(label) for label in ITALIC.findall(text)]


class GuideCheck:
    """Records the pages a journey sees, then holds its guide against them."""

    def __init__(self, name: str, page, base: str):
        self.name, self.page, self.base = name, page, base
        self.texts: list[str] = []

    def record(self) -> None:
        """Keep the text of the page now shown (menus and hidden panels included)."""
        self.page.wait_for_load_state()
        content = self.page.content()
        content = re.sub(
            r"<(script|style)\b[^>]*>(.*?)</\1>", r" \2 ", content, flags=re.S
        )
        content = re.sub(r"<[^>]+>", " ", content)
        self.texts.append(_squash(html.unescape(content)))

    def check(self, steps: list[int]) -> None:
        """Every label and address of `steps` (and of the introduction) is live."""
        guide = guide_steps(self.name)
        wanted = [0, *steps]
        missing_addresses = []
        for number in wanted:
            for address in ADDRESS.findall(guide[number]):
                response = self.page.goto(self.base + address)
                if response is None or response.status >= 400:
                    status = response.status if response else "no response"
                    missing_addresses.append(f"step {number}: {address} → {status}")
                else:
                    self.record()
        seen = " \n ".join(self.texts)
        missing_labels = [
            f"step {number}: *{label}*"
            for number in wanted
            for label in labels(guide[number])
            if label not in seen
        ]
        problems = missing_addresses + missing_labels
        if problems:  # what the journey saw, beside its screenshots
            from tests.e2e.conftest import SCREENSHOTS

            SCREENSHOTS.mkdir(parents=True, exist_ok=True)
            (SCREENSHOTS / f"guide-{self.name}-seen.txt").write_text(seen)
        assert not problems, (
            f"docs/guide-{self.name}.md does not match the live site:\n"
            + "\n".join(problems)
        )
