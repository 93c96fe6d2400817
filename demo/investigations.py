"""Demo data: one cross-border investigation with a busy board (`seed_demo`).

Idempotent: if the demo investigation exists, nothing is touched. Workspaces open
only to members with a second factor, so every member gets the demo authenticator
app (`manage.py demo_totp` prints its current code).
"""

import datetime

from django.db import transaction
from django.utils import timezone

from accounts.models import User
from demo.accounts import demo_totp_activate, demo_user_ensure
from investigations import services
from investigations.enums import Role
from investigations.models import Investigation

CODENAME = "offshore-water"
LEAD_EMAIL = "investigator@qalam.test"

# (email, name, country, outlet, languages, role)
MEMBERS = (
    (
        "aigul.lead@qalam.test",
        "Aigul Sarsenova",
        "KZ",
        "Almaty Files",
        ("kk", "ru"),
        Role.LEAD,
    ),
    (
        "timur.editor@qalam.test",
        "Timur Abdullaev",
        "UZ",
        "Tashkent Times",
        ("uz", "ru"),
        Role.EDITOR,
    ),
    (
        "nurlan.editor@qalam.test",
        "Nurlan Beishenov",
        "KG",
        "Bishkek Review",
        ("ky", "ru"),
        Role.EDITOR,
    ),
    ("journalist@qalam.test", None, None, None, None, Role.REPORTER),
    (
        "madina.reporter@qalam.test",
        "Madina Karimova",
        "TJ",
        "Dushanbe Ledger",
        ("tg", "ru"),
        Role.REPORTER,
    ),
    (
        "dana.reporter@qalam.test",
        "Dana Omarova",
        "KZ",
        "Almaty Files",
        ("kk", "ru", "en"),
        Role.REPORTER,
    ),
    (
        "aibek.viewer@qalam.test",
        "Aibek Toktogulov",
        "KG",
        "Osh Daily",
        ("ky", "ru"),
        Role.VIEWER,
    ),
    (
        "sherzod.viewer@qalam.test",
        "Sherzod Rashidov",
        "UZ",
        "Samarkand Post",
        ("uz",),
        Role.VIEWER,
    ),
)

TASKS = (
    (
        "Leads",
        "Map the shell companies behind the Amu Darya water licences",
        "money, companies",
    ),
    ("Leads", "Tip: irrigation quotas sold to a Cyprus firm", "tip"),
    ("Leads", "Who owns Syr Darya Holdings Ltd?", "companies"),
    ("Leads", "Find the 2019 canal tender documents", "documents"),
    ("Leads", "List farmers' associations that lost water rights", "people"),
    ("Leads", "Check BVI registry for Aral Basin Invest", "companies, offshore"),
    ("Leads", "Satellite images of the new reservoirs", "data"),
    ("Reporting", "Interview farmers in the Fergana valley", "interviews"),
    ("Reporting", "Request the ministry's licence register (FOI)", "foi"),
    ("Reporting", "Trace payments through Latvian banks", "money, offshore"),
    ("Reporting", "Build the timeline of licence transfers", "data"),
    ("Reporting", "Interview the former deputy minister", "interviews"),
    ("Reporting", "Collect court rulings on water disputes in Osh", "documents"),
    ("Reporting", "Compare tariffs across the four countries", "data"),
    ("Reporting", "Khujand: photos of the pumping station", "photo"),
    ("Reporting", "Shymkent: speak to the water utility's accountant", "interviews"),
    ("Verification", "Confirm director identities with passport data", "verification"),
    (
        "Verification",
        "Cross-check leaked contracts against registry filings",
        "documents",
    ),
    ("Verification", "Geolocate the reservoir photos", "verification, photo"),
    ("Verification", "Second source for the Cyprus payment", "money"),
    ("Verification", "Check the translation of the Tajik court ruling", "verification"),
    ("Verification", "Verify the dates on the tender minutes", "documents"),
    ("Verification", "Match bank statements to invoices", "money"),
    ("Legal review", "Right of reply letters to the companies", "legal"),
    ("Legal review", "Lawyer review of the minister's quotes", "legal"),
    ("Legal review", "Check defamation risk in the Kyrgyz draft", "legal"),
    ("Legal review", "Source protection review for the farmers", "legal, safety"),
    ("Legal review", "Redact personal data from the leaked list", "legal"),
    ("Ready", "Main story: English draft", "story"),
    ("Ready", "Russian translation of the main story", "story, translation"),
    ("Ready", "Uzbek translation of the main story", "story, translation"),
    ("Ready", "Graphics: the money flow chart", "graphics"),
    ("Ready", "Methodology box", "story"),
    ("Ready", "Social media cards in four languages", "social"),
    ("Published", "Teaser: the thirsty fields of Fergana", "story"),
    ("Published", "Explainer: who decides on water in Central Asia", "story"),
    ("Published", "Data: licence register as open data", "data"),
    ("Published", "Podcast episode with the farmers", "audio"),
    ("Published", "Partner newsletter", "social"),
    ("Published", "Follow-up: ministry responds", "story"),
)


def _user(email, name, country, outlet, languages) -> User:
    user, created = demo_user_ensure(
        email, display_name=name, country=country, outlet=outlet, languages=languages
    )
    if not created:
        return user
    # Fictional colleagues: seeding their board should not print dozens of
    # assignment emails on the console.
    services.notification_settings_update(
        user=user,
        language=languages[0],
        email_invited=True,
        email_assigned=False,
        email_mentioned=False,
        email_due_digest=False,
    )
    return user


@transaction.atomic
def seed() -> Investigation | None:
    """Create "Offshore water-rights deals" with its team and board, once."""
    if Investigation.objects.filter(codename=CODENAME).exists():
        return None
    lead = User.objects.filter(email=LEAD_EMAIL).first()
    if lead is None:
        return None
    # Demo addresses are never emailed: seeding is not news for anyone.
    with services.notifications_suppressed():
        return _seed_investigation(lead)


def _seed_investigation(lead: User) -> Investigation:
    investigation = services.investigation_create(
        actor=lead,
        title="Offshore water-rights deals",
        codename=CODENAME,
        summary=(
            "How irrigation rights along the **Amu Darya** and **Syr Darya** ended up "
            "with offshore companies. Reporters in Kazakhstan, Kyrgyzstan, "
            "Tajikistan and Uzbekistan."
        ),
        countries=["KZ", "KG", "TJ", "UZ"],
    )
    demo_totp_activate(lead)
    members = [lead]
    for email, name, country, outlet, languages, role in MEMBERS:
        user = _user(email, name, country, outlet, languages)
        demo_totp_activate(user)
        services.membership_add(
            actor=lead, investigation=investigation, user=user, role=role
        )
        members.append(user)
    workers = [
        user
        for user in members
        if investigation.memberships.get(user=user).role != Role.VIEWER
    ]
    columns = {column.name: column for column in investigation.columns.all()}
    today = timezone.localdate()
    # Created in reverse so each column reads top to bottom as listed.
    for i, (column, title, labels) in reversed(list(enumerate(TASKS))):
        task = services.task_create(
            actor=lead,
            investigation=investigation,
            column=columns[column],
            title=title,
            description=(
                f"Part of the *{column}* stage.\n\n"
                "- Keep sources in the secure documents\n- Log every call"
            ),
            due_date=today + datetime.timedelta(days=(i % 14) - 3)
            if column not in ("Published",)
            else None,
            labels=labels,
            assignees=[workers[i % len(workers)], workers[(i + 3) % len(workers)]][
                : 1 + i % 2
            ],
        )
        if i % 4 == 0:
            services.checklist_item_add(actor=lead, task=task, text="Two sources")
            services.checklist_item_add(actor=lead, task=task, text="Documents filed")
        if i % 5 == 0:
            author = workers[(i + 1) % len(workers)]
            services.comment_create(
                actor=author,
                task=task,
                body=f"@{lead.email.split('@')[0]} I can take this one this week.",
            )
    return investigation
