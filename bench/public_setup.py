"""Run in a child process by bench_public: migrate a throw-away SQLite database and
load the public site with one award of 100 published winners."""

import django


def main() -> None:
    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0, interactive=False)

    from awards.jury.models import Prize
    from awards.models import Entry, ResultsPublication
    from demo.pages import seed_site
    from tests.cms.public_helpers import award_with_prizes, public_pages, staff_user

    home = seed_site()
    award, category, round_, prizes = award_with_prizes(1, slug="caja-2025")
    template = prizes[0]
    entries = Entry.objects.bulk_create(
        [
            Entry(
                category=category,
                owner=template.entry.owner,
                title=f"Winning story number {n}",
                summary="A year of reporting.",
                outlet="Kloop",
                country=("KZ", "UZ", "KG", "TJ", "TM")[n % 5],
                language_id=("ru", "kk", "uz", "ky", "tg", "tk", "en")[n % 7],
                published_on=template.entry.published_on,
                publication_urls=["https://example.org/story"],
                ai_use="none",
                declares_original_work=True,
                declares_right_to_submit=True,
                consents_to_publish=True,
                state="winner",
                reference=f"QB-{n:06d}",
                submitted_at=template.entry.submitted_at,
            )
            for n in range(99)
        ]
    )
    Prize.objects.bulk_create(
        [
            Prize(
                round=round_,
                entry=entry,
                kind="winner",
                citation="Careful, brave reporting.",
                decided_by=template.decided_by,
                decided_at=template.decided_at,
            )
            for entry in entries
        ]
    )
    public_pages(home, award)
    ResultsPublication.objects.create(
        award=award,
        publish_at=template.decided_at,
        published_by=staff_user(),
        purged_at=template.decided_at,
    )
    assert Prize.objects.count() == 100  # noqa: S101 - a broken setup must stop


if __name__ == "__main__":
    main()
