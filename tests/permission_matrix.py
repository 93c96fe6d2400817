"""One registry of every URL Qalam routes, and where its permission row lives.

tests/test_url_coverage.py walks Django's URL resolver and fails when a route has
no row here: a new URL must say who may reach it before it lands.

Three kinds of rows:
- ``TABLES``: routes whose per-role table lives in an app's own permission test;
  the names are read from those tables, so dropping a row there drops it here.
- ``ROWS``: routes with no table elsewhere; tests/test_url_coverage.py requests each
  one as every visitor below and checks the exact status (and login redirect).
- ``THIRD_PARTY``: routes of allauth and Wagtail we mount but do not write; their
  own test suites own their behaviour. Wagtail's admin is third-party except the
  screens our apps register through wagtail_hooks, which are in TABLES or ROWS.
"""

from tests.awards import test_admin as awards_admin
from tests.awards import test_broadcasts as broadcasts
from tests.awards import test_media_upload as media_upload
from tests.awards import test_teams as award_teams
from tests.awards import test_views as awards_views
from tests.awards.jury import test_permissions as jury
from tests.investigations import test_permissions as investigations
from tests.secure_docs import test_permissions as secure_docs

VISITORS = ("anonymous", "user", "staff")
LOGIN = "login"  # 302 to the account login page
ADMIN_LOGIN = "admin_login"  # 302 to Wagtail's admin login page
UP_OR_DOWN = (
    "up_or_down"  # 200 or 503 by the services' state (tests/config/test_health)
)

_JURY_NAMES = {
    "dashboard": "awards:jury_dashboard",
    "entry": "awards:jury_entry",
    "attachment": "awards:jury_attachment",
    "conflict": "awards:jury_conflict",
    "manage": "award_rounds:manage",
    "results": "award_rounds:results",
    "export": "award_rounds:export",
    "assign": "award_rounds:assign",
    "bids": "awards:jury_bids",
    "bids_blind": "awards:jury_bids",
    "expertise": "awards:jury_expertise",
    "deliberation": "awards:jury_deliberation",
    "deliberation_post": "awards:jury_deliberation",
    "deliberation_vote": "awards:jury_deliberation_vote",
    "deliberation_decide": "awards:jury_deliberation_decide",
    "calibration": "awards:jury_calibration",
    "calibration_entry": "awards:jury_calibration_entry",
    "calibration_attachment": "awards:jury_calibration_attachment",
    "calibration_add": "award_rounds:calibration_add",
    "calibration_remove": "award_rounds:calibration_remove",
}

TABLES: dict[str, set[str]] = {
    "tests/awards/test_views.py": {
        f"awards:{name}" for _method, name in awards_views.PERMISSIONS
    },
    "tests/awards/test_admin.py": {name for name, _args in awards_admin.ADMIN_URLS},
    # Per-award teams: organiser of this award, of another, observer, superuser,
    # juror, entrant, anonymous.
    "tests/awards/test_teams.py": {name for name, *_rest in award_teams.TABLE},
    # Organisers' broadcasts: the same seven roles.
    "tests/awards/test_broadcasts.py": {
        name for name, *_rest in broadcasts.BROADCAST_URLS
    },
    "tests/awards/jury/test_permissions.py": {
        _JURY_NAMES[name] for name, _method, _statuses in jury.TABLE
    },
    "tests/investigations/test_permissions.py": {
        f"investigations:{row[1]}" for row in investigations.WORKSPACE_URLS
    }
    | {name for name, _args in investigations.PERSONAL_URLS},
    "tests/secure_docs/test_permissions.py": {
        f"secure_docs:{row[1]}" for row in secure_docs.WORKSPACE_URLS
    }
    | {f"secure_docs:{name}" for _method, name in secure_docs.PERSONAL_URLS},
    # An entry's video or audio file (tus endpoints and its play address): eight
    # roles, from anonymous to an organiser of another award.
    "tests/awards/test_media_upload.py": {
        name for name, *_rest in media_upload.MEDIA_URLS
    },
    # A parametrised table of its own (anonymous, entrant, staff, organiser).
    "tests/cms/test_public_site.py": {"cms_results_publication"},
}

# (method, url name, args) → expected status per VISITORS. "user" is a signed-in
# account with no role; "staff" is a superuser. Object ids that do not exist show
# that a refusal comes before any lookup (no probing of ids by outsiders).
MISSING = 999999
ROWS: list[tuple[str, str, tuple, tuple]] = [
    # Public site and open data: everyone.
    ("GET", "wagtail_serve", ("",), (200, 200, 200)),
    ("GET", "api_winners_json", (), (200, 200, 200)),
    ("GET", "api_winners_csv", (), (200, 200, 200)),
    ("GET", "feed_atom", (), (200, 200, 200)),
    ("GET", "sitemap", (), (200, 200, 200)),
    ("GET", "robots_txt", (), (200, 200, 200)),
    ("GET", "healthz", (), (UP_OR_DOWN, UP_OR_DOWN, UP_OR_DOWN)),
    # Accounts.
    ("GET", "accounts:profile", (), (LOGIN, 200, 200)),
    # Invitations by token: an unknown token is not found, whoever asks.
    ("GET", "awards:invitation", ("no-such-token",), (LOGIN, 404, 404)),
    # Unsubscribe from broadcasts: the signed token is the credential, no sign-in;
    # a bad one says so (tests/awards/test_broadcasts.py tries good ones).
    ("GET", "awards:broadcast_unsubscribe", ("no-such-token",), (400, 400, 400)),
    ("POST", "awards:broadcast_unsubscribe", ("no-such-token",), (400, 400, 400)),
    # The jury invitation page asks to confirm; the token is checked on POST.
    ("GET", "awards:juror_accept", ("no-such-token",), (LOGIN, 200, 200)),
    ("POST", "awards:juror_accept", ("no-such-token",), (LOGIN, 200, 200)),
    ("GET", "investigations:invitation_accept", ("no-such-token",), (LOGIN, 410, 410)),
    ("GET", "awards:jury_relation", (), (LOGIN, 403, 403)),
    # Certificates (per-role tables with real certificates: tests/awards/
    # test_certificates.py): an unknown code is not found, whoever asks.
    ("GET", "certificate_verify", ("NOSUCHCODE",), (404, 404, 404)),
    ("GET", "awards:certificate_pdf", ("NOSUCHCODE",), (404, 404, 404)),
    ("GET", "cms_award_prizes", (MISSING,), (ADMIN_LOGIN, ADMIN_LOGIN, 404)),
    ("GET", "cms_prize_withdraw", (MISSING,), (ADMIN_LOGIN, ADMIN_LOGIN, 404)),
    ("POST", "cms_prize_withdraw", (MISSING,), (ADMIN_LOGIN, ADMIN_LOGIN, 404)),
    # Per-role rows with a real prize: tests/awards/test_content_translations_admin.py.
    ("GET", "cms_prize_translations", (MISSING,), (ADMIN_LOGIN, ADMIN_LOGIN, 404)),
    ("POST", "cms_prize_translations", (MISSING,), (ADMIN_LOGIN, ADMIN_LOGIN, 404)),
    # Per-role rows with a real prize: tests/cms/test_public_design.py.
    ("GET", "cms_prize_image", (MISSING,), (ADMIN_LOGIN, ADMIN_LOGIN, 404)),
    ("POST", "cms_prize_image", (MISSING,), (ADMIN_LOGIN, ADMIN_LOGIN, 404)),
    # Staff screens registered through wagtail_hooks: only staff get past login.
    ("GET", "cms_results_publish", (MISSING,), (ADMIN_LOGIN, ADMIN_LOGIN, 405)),
    (
        "POST",
        "award_entries:eligibility_check",
        (MISSING,),
        (ADMIN_LOGIN, ADMIN_LOGIN, 404),
    ),
    (
        "POST",
        "award_entries:eligibility_override",
        (MISSING,),
        (ADMIN_LOGIN, ADMIN_LOGIN, 404),
    ),
    ("GET", "award_entries:index_results", (), (ADMIN_LOGIN, ADMIN_LOGIN, 200)),
    ("GET", "award_rounds:delete", (MISSING,), (ADMIN_LOGIN, ADMIN_LOGIN, 404)),
    ("POST", "award_rounds:state", (MISSING, "open"), (ADMIN_LOGIN, ADMIN_LOGIN, 404)),
    ("POST", "award_rounds:swap", (MISSING, MISSING), (ADMIN_LOGIN, ADMIN_LOGIN, 404)),
    ("POST", "award_rounds:conflict", (MISSING,), (ADMIN_LOGIN, ADMIN_LOGIN, 404)),
    ("POST", "award_rounds:invite", (MISSING,), (ADMIN_LOGIN, ADMIN_LOGIN, 404)),
    (
        "POST",
        "award_rounds:juror_remove",
        (MISSING, MISSING),
        (ADMIN_LOGIN, ADMIN_LOGIN, 404),
    ),
    ("POST", "award_rounds:shortlist", (MISSING,), (ADMIN_LOGIN, ADMIN_LOGIN, 404)),
    ("POST", "award_rounds:prize", (MISSING,), (ADMIN_LOGIN, ADMIN_LOGIN, 404)),
    # Each role of an award's team: tests/awards/jury/test_feedback.py.
    ("GET", "award_rounds:feedback", (MISSING,), (ADMIN_LOGIN, ADMIN_LOGIN, 404)),
    (
        "POST",
        "award_rounds:feedback_review",
        (MISSING, MISSING),
        (ADMIN_LOGIN, ADMIN_LOGIN, 404),
    ),
    ("GET", "award_criteria:delete", (MISSING,), (ADMIN_LOGIN, ADMIN_LOGIN, 404)),
    ("GET", "investigation_counts", (), (ADMIN_LOGIN, ADMIN_LOGIN, 200)),
    ("GET", "entry_translations:add", (), (ADMIN_LOGIN, ADMIN_LOGIN, 200)),
    ("GET", "entry_translations:index", (), (ADMIN_LOGIN, ADMIN_LOGIN, 200)),
    ("GET", "entry_translations:index_results", (), (ADMIN_LOGIN, ADMIN_LOGIN, 200)),
    ("GET", "entry_translations:delete", (MISSING,), (ADMIN_LOGIN, ADMIN_LOGIN, 404)),
    ("GET", "entry_translations:edit", (MISSING,), (ADMIN_LOGIN, ADMIN_LOGIN, 404)),
    # Partner API keys and webhooks: the platform admin only (an organiser is
    # refused too: tests/cms/test_partner_api.py).
    ("GET", "cms_partner_keys", (), (ADMIN_LOGIN, ADMIN_LOGIN, 200)),
    ("GET", "cms_partner_key_create", (), (ADMIN_LOGIN, ADMIN_LOGIN, 200)),
    ("POST", "cms_partner_key_create", (), (ADMIN_LOGIN, ADMIN_LOGIN, 200)),
    ("GET", "cms_partner_key_revoke", (MISSING,), (ADMIN_LOGIN, ADMIN_LOGIN, 404)),
    ("POST", "cms_partner_key_revoke", (MISSING,), (ADMIN_LOGIN, ADMIN_LOGIN, 404)),
    ("GET", "cms_partner_webhooks", (MISSING,), (ADMIN_LOGIN, ADMIN_LOGIN, 404)),
    (
        "GET",
        "cms_partner_webhook_deliveries",
        (MISSING,),
        (ADMIN_LOGIN, ADMIN_LOGIN, 404),
    ),
    # The partner API answers API keys, not sessions: without a key, 401 for all
    # (keys, scopes and revocation: tests/cms/test_partner_api.py).
    ("GET", "partner_api:winners", (), (401, 401, 401)),
    ("GET", "partner_api:shortlists", (), (401, 401, 401)),
    ("GET", "partner_api:openapi-json", (), (200, 200, 200)),
    ("GET", "partner_api:api-root", (), (404, 404, 404)),
]

# Mounted, not written by us (allauth's account and MFA views, Wagtail's own
# document serving and page-privacy forms). Name prefixes and exact names.
THIRD_PARTY_MODULES = ("allauth.",)
THIRD_PARTY = {
    "wagtaildocs_serve",
    "wagtaildocs_authenticate_with_password",
    "wagtailcore_authenticate_with_password",
    "wagtailcore_login",
}
# Our own code lives in these packages; admin routes of any other are Wagtail's.
OUR_PACKAGES = ("accounts", "awards", "cms", "config", "investigations", "secure_docs")


def registered_names() -> set[str]:
    """Every route name that has a permission row somewhere."""
    names = set().union(*TABLES.values())
    names |= {name for _method, name, _args, _statuses in ROWS}
    return names | THIRD_PARTY
