"""The Content-Security-Policy holds in a real browser: the main pages run without
a single violation (no inline script or handler left), and an injected inline
script is refused."""

import pytest

from tests.e2e.test_public_accessibility import published_site  # noqa: F401 - fixture

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

# Records every violation the browser reports, before any page script runs.
LISTEN = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
    window.__cspViolations.push(event.violatedDirective + " " + event.blockedURI);
});
"""


def test_main_pages_report_no_csp_violation(page, live_server, published_site):  # noqa: F811
    console = []
    page.on(
        "console",
        lambda message: (
            console.append(message.text)
            if "Content Security Policy" in message.text
            else None
        ),
    )
    page.add_init_script(LISTEN)
    entry = published_site[0].entry_id
    paths = [
        "/",
        "/ru/",
        "/kk/",
        "/caja-2025/",
        "/winners/",
        f"/caja-2025/entries/{entry}/",
        "/accounts/login/",
        "/accounts/signup/",
    ]
    reported = {}
    for path in paths:
        response = page.goto(f"{live_server.url}{path}")
        assert response.status == 200, path
        assert "script-src 'self'" in response.headers["content-security-policy"]
        page.wait_for_load_state("load")
        found = page.evaluate("window.__cspViolations")
        if found:
            reported[path] = found
    assert reported == {}
    assert console == []

    # The policy is live: an inline script injected into the page does not run.
    page.evaluate(
        """() => {
            const script = document.createElement("script");
            script.textContent = "window.__inlineRan = true;";
            document.body.appendChild(script);
        }"""
    )
    page.wait_for_function("window.__cspViolations.length > 0", timeout=10_000)
    assert page.evaluate("window.__inlineRan === true") is False
    assert page.evaluate("window.__cspViolations")[0].startswith("script-src")
