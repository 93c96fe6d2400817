"""Run in a child process by bench_public: migrate a throw-away SQLite database and
load the public site with one award of 100 published winners."""

import django


def main() -> None:
    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0, interactive=False)

    from awards.jury.models import Prize
    from demo.pages import seed_site
    from demo.public import award_with_published_winners

    award_with_published_winners(seed_site(), winners=100, slug="caja-2025")
    assert Prize.objects.count() == 100  # noqa: S101 - a broken setup must stop


if __name__ == "__main__":
    main()
