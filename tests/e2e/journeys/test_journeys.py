"""Issue 8: the five journeys, each person's whole job in a real browser.

(a) a journalist signs up, verifies their email and submits an entry with a file;
(b) an organiser checks eligibility, opens a blind round and assigns jurors;
(c) a juror signs in with MFA and scores without seeing names;
(d) the organiser closes the final round, awards a prize and publishes results, and
    the public sees the winner in English, Russian and Kazakh;
(e) an investigative team: the lead invites a member from another country, who
    accepts with MFA, moves a card, uploads a document and downloads it.
"""

import re
from pathlib import Path

import pytest
from django.core import mail
from playwright.sync_api import expect

from tests.e2e.journeys.conftest import sign_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

JUROR_SECRET = "QALAMDEMOJURYQALAMDEMOJURYQALAMD"


def organiser():
    from tests.factories import UserFactory

    return UserFactory(
        email="organiser@example.org",
        display_name="Organiser",
        is_staff=True,
        is_superuser=True,
    )


def test_a_journalist_signs_up_verifies_and_submits_an_entry(
    page, live_server, stack, tmp_path, screenshot
):
    from awards.models import Entry
    from tests.awards.conftest import PDF
    from tests.factories import CategoryFactory

    category = CategoryFactory(name="Data Journalism", required_attachments=["pdf"])
    base, email, password = live_server.url, "aida@example.kz", "a long passphrase 2026"

    page.goto(base + "/accounts/signup/")
    page.fill('input[name="email"]', email)
    page.fill('input[name="password1"]', password)
    page.fill('input[name="password2"]', password)
    page.locator('form button[type="submit"]').last.click()
    expect(page).to_have_url(re.compile(r"/accounts/confirm-email/$"))
    link = re.search(r"(/accounts/confirm-email/[^/\s]+/)", mail.outbox[-1].body)
    page.goto(base + link[1])
    page.locator('form button[type="submit"]').last.click()
    expect(page).not_to_have_url(re.compile(r"/accounts/confirm-email/"))

    page.goto(base + f"/awards/enter/{category.award.slug}/")
    page.fill('input[name="login"]', email)
    page.fill('input[name="password"]', password)
    page.locator('form button[type="submit"]').last.click()
    expect(page).to_have_url(base + f"/awards/enter/{category.award.slug}/")
    page.get_by_label("Title of the work").fill("Who owns the Syr Darya")
    page.get_by_label("Summary").fill("Water, land and a governor's cousins.")
    page.get_by_label("Country of publication").select_option("KZ")
    page.get_by_label("Language of the work").select_option("kk")
    page.get_by_label("Publication date").fill("2025-10-01")
    page.get_by_label("Where it was published").fill("https://vlast.kz/syr-darya")
    page.get_by_label("No AI tools were used").check()
    page.get_by_label("This is our original work.").check()
    page.get_by_label("We have the right to submit it").check()
    page.get_by_label("Qalam may publish it").check()
    page.get_by_role("button", name="Save draft").click()
    expect(page.get_by_text("Your draft has been saved.")).to_be_visible()

    pdf = tmp_path / "methodology.pdf"
    pdf.write_bytes(PDF)
    page.get_by_label("Attachment").set_input_files(str(pdf))
    page.get_by_role("button", name="Upload").click()
    expect(page.get_by_text("“methodology.pdf” is attached.")).to_be_visible()
    page.get_by_role("button", name="Submit entry").click()
    reference = page.locator("strong.reference")
    expect(reference).to_have_text(re.compile(r"^QA\d{4}-\d{6}$"))
    screenshot("journey-a-journalist")

    entry = Entry.objects.get(owner__email=email)
    assert (entry.reference, entry.state) == (reference.inner_text(), "submitted")
    assert [(f.name, f.kind) for f in entry.files.all()] == [("methodology.pdf", "pdf")]
    assert mail.outbox[-1].subject == f"[Qalam] Entry {entry.reference} received"


def test_b_organiser_checks_eligibility_opens_a_blind_round_and_assigns(
    page, live_server, stack, screenshot
):
    from awards import services
    from awards.jury.models import Assignment
    from tests.factories import (
        CategoryFactory,
        EntryFactory,
        JurorFactory,
        RoundFactory,
    )

    category = CategoryFactory(name="Investigative")
    award = category.award
    entries = [
        services.entry_submit(entry=entry, actor=entry.owner)
        for entry in (
            EntryFactory(category=category, title="Bishkek water", outlet=""),
            EntryFactory(category=category, title="Almaty air", outlet=""),
            EntryFactory(category=category, title="Tashkent tender", country="UZ"),
        )
    ]
    # The organiser narrows the category to two countries after submissions came in.
    category.countries = ["KG", "KZ"]
    category.save()
    round_ = RoundFactory(
        award=award, categories=[category], state="draft", jurors_per_entry=2
    )
    jurors = [JurorFactory(award=award) for _ in range(2)]
    organiser()
    base = live_server.url

    sign_in(page, base, "organiser@example.org")
    page.goto(base + "/admin/award_entries/eligibility/")
    for entry in entries:
        row = page.locator("tr", has_text=entry.reference)
        row.get_by_role("button", name="Re-run the rules").click()
        expect(page.get_by_text(f"{entry.reference} is now")).to_be_visible()
    expect(page.locator("tr", has_text="Tashkent tender")).to_contain_text("Uzbekistan")
    states = {e.title: e.state for e in type(entries[0]).objects.all()}
    assert states == {
        "Bishkek water": "eligible",
        "Almaty air": "eligible",
        "Tashkent tender": "ineligible",
    }

    page.goto(base + f"/admin/award_rounds/{round_.pk}/manage/")
    page.get_by_role("button", name="Open for scoring").click()
    expect(page.get_by_role("heading", name=re.compile("State: Open"))).to_be_visible()
    expect(page.get_by_text("Blind round.")).to_be_visible()
    page.get_by_role("button", name="Assign jurors").click()
    table = page.get_by_role("table", name="Assignments")
    expect(table.locator("tbody tr")).to_have_count(4)
    screenshot("journey-b-organiser")

    pairs = set(Assignment.objects.values_list("juror_id", "entry__title"))
    assert pairs == {
        (juror.pk, title)
        for juror in jurors
        for title in ("Bishkek water", "Almaty air")
    }


def test_c_juror_signs_in_with_mfa_and_scores_blind(
    page, live_server, stack, screenshot
):
    from allauth.mfa.models import Authenticator
    from allauth.mfa.totp.internal.auth import TOTP

    from awards.jury.models import Assignment, ScoreSheet
    from tests.awards.jury_helpers import jury_round

    round_, rubric, jurors, entries = jury_round(jurors=1, entries=2, criteria=2)
    user = jurors[0].user
    Authenticator.objects.filter(user=user).delete()
    TOTP.activate(user, JUROR_SECRET)
    names = []
    for number, entry in enumerate(entries):
        entry.owner.display_name = f"Hidden Entrant {number}"
        entry.owner.save()
        names.append(entry.owner.display_name)
        Assignment.objects.create(round=round_, juror=jurors[0], entry=entry)
    base = live_server.url

    sign_in(page, base, user.email, secret=JUROR_SECRET)
    page.goto(base + "/awards/jury/")
    expect(page.get_by_text("0 of 2 scored")).to_be_visible()
    for number, entry in enumerate(entries):
        page.get_by_role("link", name=entry.title).click()
        for name in names:
            expect(page.get_by_text(name)).to_have_count(0)
        expect(page.get_by_text(entry.owner.email)).to_have_count(0)
        page.get_by_label(rubric[0].name).fill(str(6 + number))
        page.get_by_label(rubric[1].name).fill("4")
        page.get_by_role("button", name="Submit scores").click()
        expect(
            page.get_by_text("Your scores are submitted. Thank you.")
        ).to_be_visible()
        page.goto(base + "/awards/jury/")
    expect(page.get_by_text("2 of 2 scored")).to_be_visible()
    for name in names:
        expect(page.get_by_text(name)).to_have_count(0)
    screenshot("journey-c-juror")

    totals = sorted(
        str(s.total) for s in ScoreSheet.objects.filter(submitted_at__isnull=False)
    )
    assert totals == ["5.0000", "5.5000"]


def test_d_organiser_decides_and_publishes_the_public_reads_three_languages(
    page, live_server, stack, screenshot
):
    from awards.jury.models import Prize
    from tests.awards.jury_helpers import jury_round, score
    from tests.cms.public_helpers import public_pages
    from tests.factories import RoundFactory

    round_, _, jurors, entries = jury_round(
        jurors=2, entries=2, kind="final", position=2
    )
    # Both came through the shortlist round before this final one.
    RoundFactory(
        award=round_.award,
        categories=list(round_.categories.all()),
        position=1,
        kind="shortlist",
        state="closed",
    )
    for entry, title in zip(
        entries, ("Cotton and children", "Quiet loans"), strict=True
    ):
        entry.title, entry.state = title, "shortlisted"
        entry.save()
    for juror in jurors:
        score(round_, juror, entries[0], 9)
        score(round_, juror, entries[1], 5)
    public_pages(stack, round_.award)
    organiser()
    base = live_server.url

    page.goto(base + "/winners/")
    expect(page.get_by_text("Cotton and children")).to_have_count(0)

    sign_in(page, base, "organiser@example.org")
    page.goto(base + f"/admin/award_rounds/{round_.pk}/manage/")
    page.get_by_role("button", name="Close scoring").click()
    expect(
        page.get_by_role("heading", name=re.compile("State: Closed"))
    ).to_be_visible()
    page.get_by_role("link", name="Results", exact=True).click()
    ranked = page.locator("table tbody tr").first
    expect(ranked).to_contain_text("Cotton and children")
    page.get_by_label("Entry", exact=True).select_option(str(entries[0].pk))
    page.get_by_label("Prize", exact=True).select_option("winner")
    page.get_by_label("Jury citation").fill("Brave, careful, and it changed a law.")
    page.get_by_role("button", name="Award", exact=True).click()
    expect(page.get_by_text("The prize is recorded.")).to_be_visible()
    assert Prize.objects.get().entry_id == entries[0].pk

    page.goto(base + "/admin/results/")
    row = page.locator("tr", has_text=round_.award.title)
    row.get_by_role("button", name="Publish").click()
    expect(page.locator("tr", has_text=round_.award.title)).to_contain_text(
        "Public since"
    )

    page.context.clear_cookies()
    for prefix, lang, winner in (
        ("", "en", "Winner"),
        ("/ru", "ru", "Победитель"),
        ("/kk", "kk", "Жеңімпаз"),
    ):
        page.goto(base + prefix + "/winners/")
        expect(page.locator("html")).to_have_attribute("lang", lang)
        expect(page.get_by_text("Cotton and children").first).to_be_visible()
        expect(page.get_by_text(winner, exact=True).first).to_be_visible()
        expect(page.get_by_text("Quiet loans")).to_have_count(0)
    screenshot("journey-d-public-winners-kk")


def test_e_team_invites_across_borders_works_the_board_and_the_documents(
    page, live_server, stack, tmp_path, screenshot
):
    from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

    from investigations.models import Task
    from secure_docs.models import AccessLogEntry, DocumentVersion
    from secure_docs.storage import secure_storage
    from tests.factories import UserFactory

    base = live_server.url
    UserFactory(email="lead@example.org", display_name="Lead", country="KZ")
    member = UserFactory(
        email="reporter@example.kg", display_name="Reporter", country="KG"
    )
    secret = generate_totp_secret()
    TOTP.activate(member, secret)

    sign_in(page, base, "lead@example.org")
    page.goto(base + "/investigations/new/")
    page.get_by_label("Title").fill("Offshore water")
    page.get_by_label("Codename").fill("offshore")
    page.get_by_role("button", name="Create").click()
    expect(page).to_have_url(base + "/investigations/w/offshore/board/")
    page.get_by_role("link", name="Members").click()
    page.get_by_label("Email address").fill("reporter@example.kg")
    page.get_by_label("Role").last.select_option("reporter")
    page.get_by_role("button", name="Send invitation").click()
    expect(page.get_by_text("Invitation sent to reporter@example.kg.")).to_be_visible()
    accept = re.search(
        r"http://\S+(/investigations/invitations/\S+/)", mail.outbox[-1].body
    )

    page.context.clear_cookies()
    sign_in(page, base, "reporter@example.kg", secret=secret)
    page.goto(base + accept[1])
    page.get_by_role("button", name="Join the investigation").click()
    expect(page).to_have_url(base + "/investigations/w/offshore/board/")

    page.get_by_role("link", name="New task").first.click()
    page.get_by_label("Title").fill("Trace the Cyprus payment")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("Trace the Cyprus payment").first).to_be_visible()
    page.get_by_role("link", name="Board").click()
    task = Task.objects.get(title="Trace the Cyprus payment")
    card = page.locator(f"#task-{task.pk}")
    columns = page.locator("ol.board-column__cards")
    expect(columns.nth(0).locator(f"#task-{task.pk}")).to_be_visible()
    source, target = card.bounding_box(), columns.nth(1).bounding_box()
    page.mouse.move(source["x"] + 20, source["y"] + 10)
    page.mouse.down()
    page.mouse.move(source["x"] + 40, source["y"] + 20, steps=5)
    page.mouse.move(target["x"] + 30, target["y"] + 20, steps=25)
    page.mouse.up()
    expect(page.locator("#board")).to_have_attribute("data-last-moved", f"{task.pk}:2")
    task.refresh_from_db()
    assert (task.column.name, task.version) == ("Reporting", 2)

    content = b"%PDF-1.7\nminutes of the tender committee\n%%EOF\n"
    source_file = tmp_path / "minutes.pdf"
    source_file.write_bytes(content)
    page.goto(base + "/investigations/w/offshore/")
    page.get_by_role("link", name="Documents").click()
    page.get_by_role("link", name="Upload a document").click()
    page.get_by_label("Title").fill("Tender minutes")
    page.get_by_label("Tags").fill("tender")
    page.get_by_label("File").set_input_files(str(source_file))
    page.get_by_role("button", name="Encrypt and upload").click()
    expect(page.get_by_text("The document is encrypted and stored.")).to_be_visible()
    with page.expect_download() as info:
        page.get_by_role("link", name="Download").first.click()
    assert info.value.suggested_filename == "minutes.pdf"
    assert Path(info.value.path()).read_bytes() == content
    page.reload()
    expect(page.get_by_text("Tender minutes").first).to_be_visible()
    screenshot("journey-e-investigation")

    version = DocumentVersion.objects.get()
    assert version.original_name == "minutes.pdf"
    with secure_storage().open(version.storage_name) as stored:
        ciphertext = stored.read()
    assert len(ciphertext) == version.ciphertext_size
    assert content not in ciphertext
    modes = AccessLogEntry.objects.filter(user=member).values_list("mode", flat=True)
    assert "download" in set(modes)
