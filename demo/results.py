"""Demo data for the public site: the 2025 edition with published results.

Idempotent: once the 2025 award exists nothing is touched. Everything goes through
the services a real edition goes through: entries are created and submitted while
the award is open, checked, shortlisted in a first round, given prizes in a final
round, and the results published. The award's real 2025 dates are set last (staff
edit an award's dates in the admin the same way). No email is sent: confirmations
are recorded as sent before the transaction commits, as in demo/awards.py.
"""

import datetime
import io

from django.core.files.images import ImageFile
from django.db import transaction
from django.utils import timezone
from PIL import Image as PILImage
from PIL import ImageDraw, ImageFont
from wagtail.images import get_image_model

from accounts.models import Language, User
from awards import permissions as award_permissions
from awards import services
from awards.enums import AiUse, Licence
from awards.jury.enums import PrizeKind
from awards.jury.models import Round
from awards.jury.services import rounds
from awards.models import Award, Category, Entry
from awards.services import publishing

AWARD_SLUG = "caja-2025"
TZ = datetime.UTC

CATEGORIES = (
    ("investigative-reporting", "Investigative Reporting"),
    ("data-journalism", "Data Journalism"),
    ("multimedia-video", "Multimedia & Video"),
    ("fact-checking", "Fact-checking & Verification"),
    ("cross-border", "Cross-border Collaboration"),
    ("young-journalist", "Young Journalist"),
)

# Per category: (title, original language, ru title, kk title, citation) of the
# winner, then a special mention and a finalist (original title only).
WORKS = (
    (
        (
            "Who owns the water of the Syr Darya",
            "en",
            "Кому принадлежит вода Сырдарьи",
            "Сырдария суы кімдікі",
            "A patient, documented account of how water rights were quietly sold.",
        ),
        ("The lake that became a salt pan", "kk"),
        ("Quarries without permits", "uz"),
    ),
    (
        (
            "The price of bread, region by region",
            "en",
            "Цена хлеба по регионам",
            "Нан бағасы: өңір бойынша",
            "Public data made personal: every reader finds their own bakery.",
        ),
        ("Budget lines that never arrive", "ru"),
        ("Counting the uncounted migrants", "ky"),
    ),
    (
        (
            "Hospitals without oxygen",
            "en",
            "Больницы без кислорода",
            "Оттегісіз ауруханалар",
            "Footage and testimony that changed a ministry's procurement.",
        ),
        ("A village school's last year", "tg"),
        ("The herders' long road", "kk"),
    ),
    (
        (
            "Fake cures sold on Telegram",
            "en",
            "Фальшивые лекарства в Telegram",
            "Telegram-дағы жалған дәрілер",
            "Rigorous verification, explained so anyone can repeat it.",
        ),
        ("The doctored flood photo", "ru"),
        ("Election rumours, traced", "uz"),
    ),
    (
        (
            "A dam on two countries' maps",
            "en",
            "Плотина на картах двух стран",
            "Екі елдің картасындағы бөген",
            "Reporters from three countries told one story no single newsroom could.",
        ),
        ("Cotton across three borders", "ru"),
        ("The shared river's debts", "tg"),
    ),
    (
        (
            "Coal dust over a mining town",
            "en",
            "Угольная пыль над шахтёрским городом",
            "Кеншілер қаласының көмір шаңы",
            "A young reporter's courage and care for the people she met.",
        ),
        ("Night shifts at the bazaar", "ky"),
        ("Students who left", "tk"),
    ),
)
SUMMARY = "A year of reporting with documents, interviews and field work."


def seed() -> Award | None:
    """The 2025 edition with published winners in every category, unless it exists."""
    existing = Award.objects.filter(slug=AWARD_SLUG).first()
    if existing is not None:
        return existing
    organiser = User.objects.filter(is_superuser=True).order_by("pk").first()
    entrants = list(
        User.objects.filter(email__startswith="entrant", email__endswith="@qalam.test")
        .exclude(award_entries__category__award__slug=AWARD_SLUG)
        .order_by("email")
    )
    if organiser is None or len(entrants) < len(CATEGORIES) * 3:
        return None
    award = _award()
    categories = _categories(award)
    entries = _entries(categories, entrants, organiser)
    # Entries go in through the services while the award is open; the jury's
    # verdicts wait for the deadline, so the edition takes its real dates first.
    _set_2025_dates(award)
    _judge(award, categories, entries, organiser)
    # Demo entrants are fictional: nobody is owed a results email. Marked told in
    # the publishing transaction, so the worker it wakes on commit sends nothing.
    with transaction.atomic():
        publication = publishing.results_publish(award=award, actor=organiser)
        publication.entrants_told_at = publication.publish_at
        publication.save(update_fields=["entrants_told_at"])
    return award


def _award() -> Award:
    today = timezone.now().date()
    award = Award(
        title="Central Asian Journalism Awards 2025",
        slug=AWARD_SLUG,
        year=2025,
        description=(
            "The first edition of the regional award, for work published in 2024 "
            "and 2025."
        ),
        timezone="Asia/Almaty",
        opens_date=today - datetime.timedelta(days=1),
        closes_date=today + datetime.timedelta(days=1),
        max_entries_per_person=3,
        rules="Work published between 1 January 2024 and the closing date.",
        certificate_signatory_name="Dilnoza Rahimova",
        certificate_signatory_role="Chair of the jury",
    )
    award.full_clean()
    award.save()
    award.certificate_logo = _logo(award)
    award.save(update_fields=["certificate_logo"])
    return award


def _logo(award: Award):
    """The edition's certificate logo: a drawn emblem, in the award's own image
    collection as an organiser's upload would be."""
    image = PILImage.new("RGB", (480, 160), "white")
    draw = ImageDraw.Draw(image)
    draw.ellipse((8, 8, 152, 152), outline=award.certificate_colour, width=10)
    font = ImageFont.load_default(size=88)
    draw.text((80, 80), "Q", fill=award.certificate_colour, font=font, anchor="mm")
    draw.text(
        (176, 80),
        "CAJA 2025",
        fill=award.certificate_colour,
        font=ImageFont.load_default(size=52),
        anchor="lm",
    )
    buffer = io.BytesIO()
    image.save(buffer, "PNG")
    return get_image_model().objects.create(
        title=f"{award.title} logo",
        file=ImageFile(buffer, name=f"{award.slug}-logo.png"),
        collection=award_permissions.award_collection(award),
    )


# The demo winners' pictures: abstract drawings in the region's colours.
PALETTE = ("#0b5563", "#8c2f39", "#3d5a80", "#6a4c93", "#2a6f4e", "#b5651d")


def _picture(award: Award, entry: Entry):
    """A drawn picture for a winning entry, in the award's image collection as an
    organiser's upload would be."""
    colour = PALETTE[entry.category.position % len(PALETTE)]
    image = PILImage.new("RGB", (1280, 720), colour)
    draw = ImageDraw.Draw(image)
    for ring in range(6):
        radius = 120 + ring * 90
        draw.ellipse(
            (960 - radius, 200 - radius, 960 + radius, 200 + radius),
            outline="#f4c95d" if ring % 2 else "#ffffff",
            width=6,
        )
    draw.rectangle((0, 520, 1280, 720), fill="#121417")
    draw.text(
        (60, 620),
        entry.category.name,
        fill="#ffffff",
        font=ImageFont.load_default(size=56),
        anchor="lm",
    )
    buffer = io.BytesIO()
    image.save(buffer, "PNG")
    return get_image_model().objects.create(
        title=entry.title,
        file=ImageFile(buffer, name=f"{award.slug}-{entry.pk}.png"),
        collection=award_permissions.award_collection(award),
    )


def _categories(award: Award) -> list[Category]:
    categories = []
    for position, (slug, name) in enumerate(CATEGORIES):
        category = Category(award=award, slug=slug, name=name, position=position)
        category.full_clean()
        category.save()
        categories.append(category)
    return categories


def _entries(
    categories: list[Category], entrants: list[User], organiser: User
) -> list[list[Entry]]:
    today = timezone.now().date()
    per_category = []
    people = iter(entrants)
    for category, works in zip(categories, WORKS, strict=True):
        entries = []
        for number, work in enumerate(works):
            person = next(people)
            entry = services.entry_create(
                owner=person,
                category=category,
                title=work[0],
                summary=SUMMARY,
                outlet=person.outlet,
                country=str(person.country),
                language=Language.objects.get(code=work[1]),
                published_on=today - datetime.timedelta(days=200 + number),
                publication_urls=[f"https://example.org/{AWARD_SLUG}/{person.pk}"],
                ai_use=AiUse.NONE,
                licence=(Licence.CC_BY_NC_ND, Licence.CONTACT_OUTLET)[number % 2],
                declares_original_work=True,
                declares_right_to_submit=True,
                consents_to_publish=True,
            )
            services.entry_submit(entry=entry, actor=person, language=work[1])
            services.entry_confirmation_mark_sent(entry_id=entry.pk)
            entries.append(
                services.entry_eligibility_check(entry=entry, actor=organiser)
            )
        per_category.append(entries)
    return per_category


def _round(award: Award, categories, position: int, kind: str, name: str) -> Round:
    round_ = Round(
        award=award,
        name=name,
        kind=kind,
        position=position,
        opens_at=datetime.datetime(2025, 4 + position, 1, tzinfo=TZ),
        closes_at=datetime.datetime(2025, 4 + position, 28, tzinfo=TZ),
        jurors_per_entry=1,
        state="draft",
    )
    round_.full_clean()
    round_.save()
    round_.categories.set(categories)
    return round_


def _judge(award, categories, entries, organiser) -> None:
    first = _round(award, categories, 1, "shortlist", "Shortlist")
    first = rounds.round_open(round=first, actor=organiser)
    first = rounds.round_close(round=first, actor=organiser)
    rounds.round_shortlist(
        round=first, actor=organiser, entries=[e for group in entries for e in group]
    )
    final = _round(award, categories, 2, "final", "Final")
    final = rounds.round_open(round=final, actor=organiser)
    final = rounds.round_close(round=final, actor=organiser)
    kinds = (PrizeKind.WINNER, PrizeKind.SPECIAL_MENTION, PrizeKind.FINALIST)
    for group, works in zip(entries, WORKS, strict=True):
        for entry, kind, work in zip(group, kinds, works, strict=True):
            citation = (
                work[4] if kind == PrizeKind.WINNER else "Strong, careful reporting."
            )
            prize = rounds.prize_award(
                round=final, entry=entry, kind=kind, citation=citation, actor=organiser
            )
            if kind == PrizeKind.WINNER:
                _translations(entry, ru=work[2], kk=work[3], actor=organiser)
                services.prize_image_set(
                    prize=prize, image=_picture(award, entry), actor=organiser
                )
    rounds.round_decide(round=final, actor=organiser)


def _translations(entry: Entry, *, ru: str, kk: str, actor: User) -> None:
    for code, title in (("ru", ru), ("kk", kk)):
        if entry.language_id == code:
            continue
        services.entry_translation_save(
            entry=entry,
            language=Language.objects.get(code=code),
            title=title,
            summary="",
            actor=actor,
        )


def _set_2025_dates(award: Award) -> None:
    award.opens_date = datetime.date(2025, 2, 1)
    award.closes_date = datetime.date(2025, 4, 30)
    award.full_clean()
    award.save(update_fields=["opens_date", "closes_date"])
