"""The demo logins: one per role, the published password and authenticator secret.

Demo jurors and demo investigation members sign in with DEMO_TOTP_SECRET as their
second factor (`manage.py demo_totp` prints the current code). Local demo only.
"""

from dataclasses import dataclass

from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP

from accounts import services as account_services
from accounts.models import Language, User

# Published on purpose, for the local demo only (README).
DEMO_PASSWORD = "qalam-demo-2026"  # noqa: S105
# Published on purpose, for the local demo only: add it to an authenticator app.
DEMO_TOTP_SECRET = "QALAMDEMOJURYQALAMDEMOJURYQALAMD"  # noqa: S105


@dataclass(frozen=True)
class DemoUser:
    email: str
    display_name: str
    role: str
    is_superuser: bool = False
    country: str = ""
    outlet: str = ""
    languages: tuple[str, ...] = ()
    birth_year: int | None = None


# The awards' staff besides the platform admin: (email, name, country, the language
# they read besides English and Russian, team role, year of the award they are on).
AWARD_TEAMS = (
    ("organiser2026@qalam.test", "Saule Organiser", "KZ", "kk", "organiser", 2026),
    ("organiser2025@qalam.test", "Jahongir Organiser", "UZ", "uz", "organiser", 2025),
    ("observer@qalam.test", "Gulzat Observer", "KG", "ky", "observer", 2026),
)

# The journalists: (email, name, country, outlet, the language they read besides
# Russian and English, birth year).
WRITERS = (
    ("journalist@qalam.test", "Dilnoza Journalist", "UZ", "Tashkent Times", "uz", 1998),
    ("juror@qalam.test", "Bakyt Juror", "KG", "Bishkek Review", "ky", 1975),
    (
        "investigator@qalam.test",
        "Farrukh Investigator",
        "TJ",
        "Dushanbe Ledger",
        "tg",
        1988,
    ),
)

DEMO_USERS = (
    DemoUser(
        "organiser@qalam.test",
        "Aigerim Organiser",
        "platform admin (every award)",
        is_superuser=True,
        country="KZ",
        outlet="Qalam Awards",
        languages=("en", "ru", "kk"),
    ),
    *(
        DemoUser(
            email,
            name,
            f"{role} of the {year} award",
            country=country,
            outlet="Qalam Awards",
            languages=("en", "ru", language),
        )
        for email, name, country, language, role, year in AWARD_TEAMS
    ),
    *(
        DemoUser(
            email,
            name,
            email.split("@")[0],  # the address says the role
            country=country,
            outlet=outlet,
            languages=(language, "ru", "en"),
            birth_year=born,
        )
        for email, name, country, outlet, language, born in WRITERS
    ),
)


def demo_user_ensure(
    email: str,
    *,
    display_name: str,
    country: str = "",
    outlet: str = "",
    languages: tuple[str, ...] = (),
    birth_year: int | None = None,
    is_superuser: bool = False,
) -> tuple[User, bool]:
    """The user with `email`, and whether they were created now.

    A missing user is created with the demo password, a verified address and the
    given profile; an existing one is returned untouched.
    """
    user = User.objects.filter(email=email).first()
    if user is not None:
        return user, False
    user = account_services.user_create(
        email=email,
        password=DEMO_PASSWORD,
        display_name=display_name,
        is_superuser=is_superuser,
        email_verified=True,
    )
    account_services.user_profile_update(
        user=user,
        display_name=display_name,
        country=country,
        outlet=outlet,
        languages=list(Language.objects.filter(code__in=languages)),
        birth_year=birth_year,
        bio="",
    )
    return user, True


def seed_users() -> None:
    """One login per role (DEMO_USERS), where missing."""
    for demo in DEMO_USERS:
        demo_user_ensure(
            demo.email,
            display_name=demo.display_name,
            country=demo.country,
            outlet=demo.outlet,
            languages=demo.languages,
            birth_year=demo.birth_year,
            is_superuser=demo.is_superuser,
        )


def demo_totp_activate(user: User) -> None:
    """Give `user` the demo authenticator app, unless they already have one."""
    if not Authenticator.objects.filter(
        user=user, type=Authenticator.Type.TOTP
    ).exists():
        TOTP.activate(user, DEMO_TOTP_SECRET)
