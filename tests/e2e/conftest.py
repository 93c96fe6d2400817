"""Playwright drives Debian's chromium against Django's live server (the journeys:
against the production stack, tests/e2e/journeys/conftest.py)."""

import os
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.services import CHROMIUM, service_missing

# Playwright's sync API runs an event loop in the test thread; the ORM calls the
# tests make around it are still synchronous.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

# CI runs two suites side by side on a shared 2-core machine: give a page 15 s (not
# Playwright's 5) to show what a test expects before calling it missing.
expect.set_options(timeout=15_000)

SCREENSHOTS = Path(__file__).resolve().parents[2] / "var" / "e2e"


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    if not Path(CHROMIUM).exists():
        service_missing(f"{CHROMIUM} is missing (Debian package: chromium)")
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "headless": True,
        "args": [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
        ],
    }


@pytest.fixture
def screenshot(page):
    """Save a PNG of the page under var/e2e/ (kept as a CI artifact)."""

    def take(name: str) -> Path:
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        path = SCREENSHOTS / f"{name}.png"
        page.screenshot(path=str(path), full_page=True)
        return path

    return take
