"""Demo data for `make run`: the Central Asian Journalism Awards 2026, open now.

Idempotent: if the award exists, nothing is touched (its jury is demo.jury). Entries
go through the same services as real ones (create, attach, submit, check, shortlist,
withdraw), so the demo shows what the code really does. Demo confirmations are
recorded as sent before the transaction commits, so no email goes to the made-up
addresses.
"""

import datetime
import random

from django.core.files.base import ContentFile
from django.utils import timezone

from accounts import services as account_services
from accounts.models import Language, User
from awards import services
from awards.enums import AiUse, Licence, TeamRole
from awards.models import Award, AwardTeamMember, Category, Entry
from awards.services import teams
from demo.accounts import AWARD_TEAMS, demo_user_ensure

AWARD_SLUG = "caja-2026"
COUNTRIES = ("KZ", "UZ", "KG", "TJ", "TM")
LANGUAGES = ("ru", "kk", "uz", "ky", "tg", "tk", "en")

CATEGORIES = (
    (
        "investigative-reporting",
        "Investigative Reporting",
        "Original reporting that reveals what the powerful want hidden.",
        {},
    ),
    (
        "data-journalism",
        "Data Journalism",
        "Stories built on data: gathered, cleaned, analysed and shown clearly.",
        {"required_attachments": ["pdf"]},
    ),
    (
        "multimedia-video",
        "Multimedia & Video",
        "Documentaries, video series, podcasts and interactive stories.",
        {},
    ),
    (
        "fact-checking",
        "Fact-checking & Verification",
        "Debunking, open-source verification and media-literacy work.",
        {"word_limit": 400},
    ),
    (
        "cross-border",
        "Cross-border Collaboration",
        "Work by teams from at least two countries of the region.",
        {},
    ),
    (
        "young-journalist",
        "Young Journalist (under 30)",
        "For journalists who are at most 29 this year; single authors only.",
        {"max_age": 29, "allows_teams": False},
    ),
)

ENTRANTS = (
    ("Aizhan Nurlanovna", "KZ", "Vlast.kz", 1996),
    ("Timur Sadykov", "KZ", "Orda.kz", 1985),
    ("Madina Ergasheva", "UZ", "Gazeta.uz", 1999),
    ("Rustam Karimov", "UZ", "Kun.uz", 1988),
    ("Nodira Yusupova", "UZ", "Hook Report", 2000),
    ("Aibek Toktogulov", "KG", "Kloop", 1994),
    ("Cholpon Abdyrakhmanova", "KG", "24.kg", 1998),
    ("Ermek Isakov", "KG", "Azattyk", 1979),
    ("Firuza Rahimova", "TJ", "Asia-Plus", 1997),
    ("Daler Nazarov", "TJ", "Current Time", 1990),
    ("Zarina Sharipova", "TJ", "Pressa.tj", 2001),
    ("Merdan Annayev", "TM", "Turkmen.news", 1987),
    ("Aynabat Orazova", "TM", "Azatlyk", 1999),
    ("Serik Zhunusov", "KZ", "KazTAG", 1983),
    ("Gulnara Tashkentova", "UZ", "Podrobno.uz", 1995),
    ("Nurlan Osmonov", "KG", "Temirov Live", 1992),
    ("Parvina Davlatova", "TJ", "Radio Ozodi", 1998),
    ("Bahtiyar Gurbanov", "TM", "Chronicles of Turkmenistan", 1986),
    ("Dana Seitkali", "KZ", "Factcheck.kz", 2000),
    ("Kamola Aliyeva", "UZ", "Uzbekistan Today", 1993),
)

TOPICS = (
    "Who owns the water of the Syr Darya",
    "The cotton harvest nobody counted",
    "Offshore villas of a provincial governor",
    "Migrant workers' remittances, mapped",
    "Coal dust over a mining town",
    "The vanished school-building budget",
    "Fake cures sold on Telegram",
    "A border closed, a market emptied",
    "The price of bread, region by region",
    "Hospitals without oxygen",
    "Land grabs on the city's edge",
    "The fact-checkers of a disputed election",
    "Gold, tailings and a poisoned river",
    "Brides' prices and broken dowries",
    "A dam on two countries' maps",
)

# Each person enters up to three works. State sequences are the services applied.
# The award is still open for entries, so no entry has a jury verdict yet (shortlists
# and prizes wait for the deadline); the 2025 award shows those.
PLANS = (
    "draft",
    "submitted",
    "eligible",
    "eligible",
    "eligible",
    "submitted",
    "eligible",
    "withdrawn",
    "eligible",
    "submitted",
    "ineligible",
    "eligible",
)

PDF = b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<<>>\n%%EOF\n"


# Two awards, each run by its own organiser; an observer watches the 2026 one.
TEAMS = tuple(
    (email, f"caja-{year}", TeamRole(role))
    for email, _name, _country, _language, role, year in AWARD_TEAMS
)


def seed_teams() -> None:
    """Put the demo organisers and observer on their awards' teams, once."""
    admin = User.objects.filter(is_superuser=True).order_by("pk").first()
    for email, slug, role in TEAMS:
        user = User.objects.filter(email=email).first()
        award = Award.objects.filter(slug=slug).first()
        if admin is None or user is None or award is None:
            continue
        if AwardTeamMember.objects.filter(award=award, user=user).exists():
            continue
        teams.team_member_add(award=award, email=email, role=role, actor=admin)


def seed() -> Award | None:
    """Create the demo award and its entries unless the award exists already."""
    if Award.objects.filter(slug=AWARD_SLUG).exists():
        award = Award.objects.get(slug=AWARD_SLUG)
    else:
        award = _award()
        categories = _categories(award)
        organiser = User.objects.filter(is_superuser=True).order_by("pk").first()
        entrants = _entrants()
        _entries(award, categories, entrants, organiser)
    return award


def _award() -> Award:
    today = timezone.now().date()
    award = Award(
        title="Central Asian Journalism Awards 2026",
        slug=AWARD_SLUG,
        year=2026,
        description=(
            "The regional award for the best journalism from Kazakhstan, Kyrgyzstan, "
            "Tajikistan, Turkmenistan and Uzbekistan, in any of the region's "
            "languages."
        ),
        timezone="Asia/Almaty",
        opens_date=today - datetime.timedelta(days=45),
        opens_time=datetime.time(9, 0),
        closes_date=today + datetime.timedelta(days=40),
        closes_time=datetime.time(23, 59),
        grace_minutes=15,
        eligible_countries=list(COUNTRIES),
        max_entries_per_person=3,
        max_file_size_mb=20,
        rules=(
            "Work must have been published or broadcast between 1 January 2025 and "
            "the closing date.\nEach person may submit up to three entries.\n"
            "Entries may be in Russian, Kazakh, Uzbek, Kyrgyz, Tajik, Turkmen or "
            "English."
        ),
        ai_policy=(
            "Say whether you used AI tools. Assistive use (transcription, translation, "
            "spelling) is fine; generative use must be described and may not invent "
            "facts, quotes or images presented as real."
        ),
    )
    award.full_clean()
    award.save()
    return award


def _categories(award: Award) -> list[Category]:
    languages = list(Language.objects.filter(code__in=LANGUAGES))
    categories = []
    for position, (slug, name, description, rules) in enumerate(CATEGORIES):
        category = Category(
            award=award,
            slug=slug,
            name=name,
            description=description,
            position=position,
            published_from=datetime.date(2025, 1, 1),
            **rules,
        )
        category.full_clean()
        category.save()
        category.languages.set(languages)
        categories.append(category)
    return categories


def _entrants() -> list[User]:
    people = []
    for number, (name, country, outlet, born) in enumerate(ENTRANTS, start=1):
        user, _created = demo_user_ensure(
            f"entrant{number:02d}@qalam.test",
            display_name=name,
            country=country,
            outlet=outlet,
            languages=("ru", "en"),
            birth_year=born,
        )
        people.append(user)
    journalist = User.objects.filter(email="journalist@qalam.test").first()
    return [journalist, *people] if journalist else people


def _entries(
    award: Award, categories: list[Category], entrants: list[User], organiser
) -> None:
    rng = random.Random(2026)  # noqa: S311 - demo variety, not security
    today = timezone.now().date()
    young = categories[-1]
    plan_index = 0
    for person_index, person in enumerate(entrants):
        for slot in range(3):
            if Entry.objects.filter(category__award=award).count() >= 60:
                return
            plan = PLANS[plan_index % len(PLANS)]
            plan_index += 1
            is_young = bool(person.birth_year and person.birth_year >= 1997)
            if plan == "ineligible" and not is_young:
                plan = "eligible"  # only a young entrant can fail the age rule
            category = categories[(person_index + slot) % (len(categories) - 1)]
            if plan == "ineligible" or (slot == 0 and is_young):
                category = young
            language = LANGUAGES[(person_index + slot) % len(LANGUAGES)]
            topic = TOPICS[(person_index * 3 + slot) % len(TOPICS)]
            entry = services.entry_create(
                owner=person,
                category=category,
                title=topic,
                summary=(
                    f"{topic}: a {rng.randint(3, 14)}-month investigation with "
                    "documents, interviews and field reporting."
                ),
                outlet=person.outlet,
                country=str(person.country),
                language=Language.objects.get(code=language),
                published_on=today - datetime.timedelta(days=rng.randint(30, 300)),
                publication_urls=[
                    f"https://example.org/{award.slug}/{person.pk}-{slot}"
                ],
                ai_use=rng.choice([AiUse.NONE, AiUse.NONE, AiUse.ASSISTIVE]),
                ai_use_description="Interview transcription.",
                licence=Licence.values[(person_index + slot) % len(Licence.values)],
                declares_original_work=True,
                declares_right_to_submit=True,
                consents_to_publish=True,
            )
            if category.required_attachments:
                services.entry_file_add(
                    entry=entry, actor=person, upload=_upload("data-methodology.pdf")
                )
            if category.slug == "cross-border":
                partner = entrants[(person_index + 5) % len(entrants)]
                services.entry_co_author_add(
                    entry=entry, actor=person, email=partner.email, notify=False
                )
            if plan == "draft" or organiser is None:
                continue
            services.entry_submit(entry=entry, actor=person, language=language)
            services.entry_confirmation_mark_sent(entry_id=entry.pk)
            _advance(entry, plan, person, organiser)


def _advance(entry: Entry, plan: str, person: User, organiser: User) -> None:
    if plan == "submitted":
        return
    if plan == "withdrawn":
        services.entry_withdraw(entry=entry, actor=person)
        return
    if plan == "ineligible":
        # The entrant corrected their birth year after submitting.
        account_services.user_profile_update(
            user=person,
            display_name=person.display_name,
            country=str(person.country),
            outlet=person.outlet,
            languages=list(person.languages.all()),
            birth_year=1990,
            bio=person.bio,
        )
    services.entry_eligibility_check(entry=entry, actor=organiser)


def _upload(name: str):
    upload = ContentFile(PDF, name=name)
    upload.size = len(PDF)
    return upload
