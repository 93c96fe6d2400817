"""Issue 8: the five journeys, each person's whole job in a real browser, against
the production stack (gunicorn, a Celery worker, PostgreSQL, Redis, S3; see conftest).

(a) a journalist signs up, verifies their email and submits an entry with a file;
(b) an organiser checks eligibility, invites a juror, opens a blind round and
    assigns jurors;
(c) a juror accepts the invitation (signing up, verifying, turning on MFA), signs in
    again with MFA and scores without seeing names;
(d) the organiser closes the final round, awards a prize, marks it decided and
    publishes results; the public sees the winner in English, Russian and Kazakh;
(e) an investigative team: the lead invites a member from another country, who
    accepts with MFA, moves a card, uploads a document and downloads it, registers
    their OpenPGP key (the worker re-encrypts to it) and opens the stored .gpg; the
    lead sees the access log and archives and reopens the investigation.

Each journey ends by holding its role guide (docs/guide-*.md) against the pages it
saw (tests/e2e/journeys/guides.py).
"""

import re
import time
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.e2e.journeys.conftest import code_used, sign_in
from tests.e2e.journeys.guides import GuideCheck

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def organiser():
    from tests.factories import UserFactory

    return UserFactory(
        email="organiser@example.org",
        display_name="Organiser",
        is_staff=True,
        is_superuser=True,
    )


def test_a_journalist_signs_up_verifies_and_submits_an_entry(
    page, stack, tmp_path, screenshot
):
    from awards.models import Entry
    from tests.awards.conftest import PDF
    from tests.cms.helpers import public_pages
    from tests.factories import AwardFactory, CategoryFactory

    award = AwardFactory(slug="awards-2026", title="Central Asian Journalism Awards")
    CategoryFactory(award=award, name="Data Journalism", required_attachments=["pdf"])
    public_pages(stack.home, award)
    base, email, password = stack.url, "aida@example.kz", "a long passphrase 2026"
    guide = GuideCheck("journalist", page, base)

    page.goto(base + "/")
    guide.record()
    page.get_by_role("link", name="Sign up").click()
    page.fill('input[name="email"]', email)
    page.fill('input[name="password1"]', password)
    page.fill('input[name="password2"]', password)
    page.locator('form button[type="submit"]').last.click()
    expect(page).to_have_url(re.compile(r"/accounts/confirm-email/$"))
    message = stack.inbox.wait_for(email, "Confirm")
    link = re.search(r"(/accounts/confirm-email/[^/\s]+/)", message.body)
    page.goto(base + link[1])
    page.locator('form button[type="submit"]').last.click()
    expect(page).not_to_have_url(re.compile(r"/accounts/confirm-email/"))

    # The call for entries is linked from the home page; "Enter" asks to sign in.
    page.goto(base + "/")
    page.get_by_role("link", name=award.title).first.click()
    guide.record()
    page.get_by_role("link", name="Enter", exact=True).click()
    page.fill('input[name="login"]', email)
    page.fill('input[name="password"]', password)
    page.locator('form button[type="submit"]').last.click()
    expect(page).to_have_url(base + f"/awards/enter/{award.slug}/")
    guide.record()
    page.get_by_label("Title of the work").fill("Who owns the Syr Darya")
    page.get_by_label("Summary").fill("Water, land and a governor's cousins.")
    page.get_by_label("Country of publication").select_option("KZ")
    page.get_by_label("Language of the work").select_option("kk")
    page.get_by_label("Publication date").fill("2025-10-01")
    page.get_by_label("Where it was published").fill("https://vlast.kz/syr-darya")
    page.get_by_label("No AI tools were used").check()
    page.get_by_label("All rights reserved: contact the outlet").check()
    page.get_by_label("This is our original work.").check()
    page.get_by_label("We have the right to submit it").check()
    page.get_by_label("Qalam may publish it").check()
    page.get_by_role("button", name="Save draft").click()
    expect(page.get_by_text("Your draft has been saved.")).to_be_visible()
    guide.record()

    pdf = tmp_path / "methodology.pdf"
    pdf.write_bytes(PDF)
    page.get_by_label("Attachment").set_input_files(str(pdf))
    page.get_by_role("button", name="Upload").click()
    expect(page.get_by_text("“methodology.pdf” is attached.")).to_be_visible()
    page.get_by_role("button", name="Submit entry").click()
    reference = page.locator("strong.reference")
    expect(reference).to_have_text(re.compile(r"^QA\d{4}-\d{6}$"))
    guide.record()
    screenshot("journey-a-journalist")

    entry = Entry.objects.get(owner__email=email)
    assert (entry.reference, entry.state) == (reference.inner_text(), "submitted")
    assert [(f.name, f.kind) for f in entry.files.all()] == [("methodology.pdf", "pdf")]
    stack.inbox.wait_for(email, f"Entry {entry.reference} received")
    page.get_by_role("link", name="My entries").first.click()
    expect(page.get_by_text("Who owns the Syr Darya")).to_be_visible()
    guide.record()
    guide.check(steps=[1, 2, 3, 4, 5, 6, 7])


def test_b_organiser_checks_eligibility_opens_a_blind_round_and_assigns(
    page, stack, screenshot
):
    from awards import services
    from awards.jury.models import Assignment, Juror
    from tests.cms.helpers import public_pages
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
    public_pages(stack.home, award)
    organiser()
    base = stack.url
    guide = GuideCheck("organiser", page, base)

    sign_in(page, base, "organiser@example.org")
    page.get_by_role("link", name="Admin").click()
    guide.record()
    page.goto(base + f"/admin/award_editions/edit/{award.pk}/")
    guide.record()
    page.goto(base + f"/admin/award_editions/{award.pk}/team/")  # guide step 0
    expect(page.get_by_role("button", name="Add to the team")).to_be_visible()
    guide.record()
    page.goto(base + "/admin/pages/")
    guide.record()
    page.goto(base + f"/{award.slug}/")  # the published call for entries
    expect(page.get_by_role("link", name="Enter", exact=True)).to_be_visible()
    guide.record()
    page.goto(base + "/admin/award_entries/eligibility/")
    for entry in entries:
        row = page.locator("tr", has_text=entry.reference)
        row.get_by_role("button", name="Re-run the rules").click()
        expect(page.get_by_text(f"{entry.reference} is now")).to_be_visible()
    expect(page.locator("tr", has_text="Tashkent tender")).to_contain_text("Uzbekistan")
    guide.record()
    states = {e.title: e.state for e in type(entries[0]).objects.all()}
    assert states == {
        "Bishkek water": "eligible",
        "Almaty air": "eligible",
        "Tashkent tender": "ineligible",
    }

    # Step 2: an entry's page in the admin, where organisers add its media file.
    page.goto(base + f"/admin/award_entries/inspect/{entries[0].pk}/")
    expect(page.get_by_text("Choose a video or audio file")).to_be_visible()
    guide.record()

    page.goto(base + f"/admin/award_rounds/{round_.pk}/manage/")
    guide.record()
    page.get_by_label("Email address").fill("third.juror@example.tj")
    page.get_by_role("button", name="Invite a juror").click()
    expect(page.get_by_text("The invitation is on its way.")).to_be_visible()
    invitation = stack.inbox.wait_for("third.juror@example.tj", "jury of")
    assert "/awards/jury/invitations/" in invitation.body
    assert Juror.objects.filter(email="third.juror@example.tj").exists()

    page.get_by_role("button", name="Open for scoring").click()
    expect(page.get_by_role("heading", name=re.compile("State: Open"))).to_be_visible()
    expect(page.get_by_text("Blind round.")).to_be_visible()
    page.get_by_role("button", name="Assign jurors").click()
    table = page.get_by_role("table", name="Assignments")
    expect(table.locator("tbody tr")).to_have_count(4)
    guide.record()
    screenshot("journey-b-organiser")

    pairs = set(Assignment.objects.values_list("juror_id", "entry__title"))
    assert pairs == {
        (juror.pk, title)
        for juror in jurors
        for title in ("Bishkek water", "Almaty air")
    }
    guide.check(steps=[1, 2, 3])


def test_c_juror_accepts_with_mfa_and_scores_blind(
    page, stack, settings, tasks_in_process, screenshot
):
    from awards.jury.models import Assignment, Juror, ScoreSheet
    from awards.jury.services import membership
    from tests.accounts.test_auth_flows import totp
    from tests.awards.jury.helpers import jury_round

    round_, rubric, _, entries = jury_round(jurors=0, entries=2, criteria=2)
    names = []
    for number, entry in enumerate(entries):
        entry.owner.display_name = f"Hidden Entrant {number}"
        entry.owner.save()
        names.append(entry.owner.display_name)
    # The organiser's invitation (journey b sends one through the site) lands in
    # the same inbox as the stack's own emails.
    settings.EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
    settings.EMAIL_FILE_PATH = str(stack.inbox.folder)
    email, password = "madina@example.uz", "jury duty passphrase 2026"
    membership.juror_invite(
        award=round_.award, email=email, categories=[], actor=organiser()
    )
    base = stack.url
    guide = GuideCheck("juror", page, base)

    invitation = stack.inbox.wait_for(email, "jury of")
    accept = re.search(r"(/awards/jury/invitations/[^/\s]+/)", invitation.body)[1]
    # A new juror: the link asks them to sign in; they sign up with that address.
    page.goto(base + accept)
    guide.record()
    page.get_by_role("link", name="Sign up").first.click()
    page.fill('input[name="email"]', email)
    page.fill('input[name="password1"]', password)
    page.fill('input[name="password2"]', password)
    page.locator('form button[type="submit"]').last.click()
    confirm = stack.inbox.wait_for(email, "Confirm")
    page.goto(base + re.search(r"(/accounts/confirm-email/[^/\s]+/)", confirm.body)[1])
    page.locator('form button[type="submit"]').last.click()
    sign_in(page, base, email, password=password)
    guide.record()

    # Two-factor authentication first: the invitation page says so.
    page.goto(base + accept)
    expect(
        page.get_by_text("Jurors must use two-factor authentication.")
    ).to_be_visible()
    guide.record()
    page.get_by_role("link", name="Security").click()
    guide.record()
    page.goto(base + accept)
    page.get_by_role("link", name="Set up an authenticator app").click()
    # Changing a security setting asks for the password again first.
    expect(page.get_by_role("heading", name="Confirm Access")).to_be_visible()
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Confirm").click()
    secret = page.locator("#authenticator_secret").input_value()
    guide.record()
    activation = totp(secret)
    code_used(secret, activation)
    page.get_by_label("Authenticator code").fill(activation)
    page.get_by_role("button", name="Activate").click()
    expect(page).not_to_have_url(re.compile(r"/totp/activate/$"))
    guide.record()
    page.get_by_role("link", name="Profile").click()
    guide.record()

    page.goto(base + accept)
    guide.record()
    page.get_by_role("button", name="Accept and join the jury").click()
    expect(
        page.get_by_text(f"Welcome to the jury of {round_.award.title}.")
    ).to_be_visible()
    juror = Juror.objects.get(email=email, accepted_at__isnull=False)
    for entry in entries:  # the organiser's "Assign jurors" (journey b)
        Assignment.objects.create(round=round_, juror=juror, entry=entry)

    # Every later sign-in asks for the app's code (a fresh one: codes work once).
    page.get_by_role("link", name="Sign out").click()
    page.locator('form button[type="submit"]').last.click()
    sign_in(page, base, email, secret=secret, password=password)

    page.goto(base + "/awards/jury/")
    expect(page.get_by_text("0 of 2 scored")).to_be_visible()
    guide.record()
    for number, entry in enumerate(entries):
        page.get_by_role("link", name=entry.title).click()
        guide.record()
        for name in names:
            expect(page.get_by_text(name)).to_have_count(0)
        expect(page.get_by_text(entry.owner.email)).to_have_count(0)
        page.get_by_label(rubric[0].name).fill(str(6 + number))
        page.get_by_label(rubric[1].name).fill("4")
        if number == 0:  # a draft first, finished later
            page.get_by_role("button", name="Save draft").click()
            expect(page.get_by_text("Your draft is saved.")).to_be_visible()
            page.goto(base + "/awards/jury/")
            expect(page.get_by_text("Draft saved")).to_be_visible()
            guide.record()
            page.get_by_role("link", name=entry.title).click()
            expect(page.get_by_label(rubric[0].name)).to_have_value("6")
        page.get_by_role("button", name="Submit scores").click()
        expect(
            page.get_by_text("Your scores are submitted. Thank you.")
        ).to_be_visible()
        page.goto(base + "/awards/jury/")
    expect(page.get_by_text("2 of 2 scored")).to_be_visible()
    for name in names:
        expect(page.get_by_text(name)).to_have_count(0)
    guide.record()
    screenshot("journey-c-juror")

    totals = sorted(
        str(s.total) for s in ScoreSheet.objects.filter(submitted_at__isnull=False)
    )
    assert totals == ["5.0000", "5.5000"]
    guide.check(steps=[1, 2, 3, 4, 5, 6, 7])


def test_d_organiser_decides_and_publishes_the_public_reads_three_languages(
    page, stack, screenshot
):
    from wagtail.models import Locale

    from awards.jury.models import Prize
    from tests.awards.jury.helpers import jury_round, score
    from tests.cms.helpers import public_pages
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
    award_page, _ = public_pages(stack.home, round_.award)
    in_russian = award_page.get_translation(Locale.objects.get(language_code="ru"))
    organiser()
    base = stack.url
    guide = GuideCheck("organiser", page, base)

    page.goto(base + "/winners/")
    expect(page.get_by_text("Cotton and children")).to_have_count(0)

    sign_in(page, base, "organiser@example.org")
    guide.record()
    page.goto(base + f"/admin/pages/{in_russian.pk}/edit/")
    expect(page.get_by_text("Translate this page").first).to_be_attached()
    guide.record()
    page.goto(base + f"/admin/award_rounds/{round_.pk}/manage/")
    page.get_by_role("button", name="Close scoring").click()
    expect(
        page.get_by_role("heading", name=re.compile("State: Closed"))
    ).to_be_visible()
    guide.record()
    page.get_by_role("link", name="Results", exact=True).click()
    guide.record()
    ranked = page.locator("table tbody tr").first
    expect(ranked).to_contain_text("Cotton and children")
    page.get_by_label("Entry", exact=True).select_option(str(entries[0].pk))
    page.get_by_label("Prize", exact=True).select_option("winner")
    page.get_by_label("Jury citation").fill("Brave, careful, and it changed a law.")
    page.get_by_role("button", name="Award", exact=True).click()
    expect(page.get_by_text("The prize is recorded.")).to_be_visible()
    assert Prize.objects.get().entry_id == entries[0].pk
    page.goto(base + f"/admin/award_rounds/{round_.pk}/manage/")
    page.get_by_role("button", name="Mark decided").click()
    expect(
        page.get_by_role("heading", name=re.compile("State: Decided"))
    ).to_be_visible()

    page.get_by_role("link", name="Publish results").first.click()
    guide.record()
    row = page.locator("tr", has_text=round_.award.title)
    row.get_by_role("button", name="Publish").click()
    expect(page.locator("tr", has_text=round_.award.title)).to_contain_text(
        "Public since"
    )
    # Step 6: the prizes' certificates, and their design on the award's edit screen.
    page.locator("tr", has_text=round_.award.title).get_by_role(
        "link", name="Prizes and certificates"
    ).click()
    expect(page.get_by_role("link", name="Download (PDF)").first).to_be_visible()
    guide.record()
    page.goto(base + f"/admin/award_editions/edit/{round_.award.pk}/")
    expect(page.get_by_text("Certificates").first).to_be_visible()
    guide.record()

    page.goto(base + f"/admin/award_editions/{round_.award.pk}/team/")  # step 0
    expect(page.get_by_role("button", name="Add to the team")).to_be_visible()
    guide.record()

    page.context.clear_cookies()
    # The award page prints the audit chain's head once the results are public.
    page.goto(base + f"/{round_.award.slug}/")
    expect(page.get_by_text("Check these results")).to_be_visible()
    guide.record()
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
    guide.record()
    guide.check(steps=[4, 5, 6, 7])


def test_e_team_invites_across_borders_works_the_board_and_the_documents(
    page, stack, keys, tmp_path, screenshot
):
    from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

    from investigations.models import Task
    from secure_docs.models import AccessLogEntry, DocumentVersion, SearchUnit
    from secure_docs.storage import secure_storage
    from tests.factories import UserFactory

    base = stack.url
    lead = UserFactory(email="lead@example.org", display_name="Lead", country="KZ")
    member = UserFactory(
        email="reporter@example.kg", display_name="Reporter", country="KG"
    )
    lead_secret, secret = generate_totp_secret(), generate_totp_secret()
    TOTP.activate(lead, lead_secret)
    TOTP.activate(member, secret)
    guide = GuideCheck("investigator", page, base)

    sign_in(page, base, "lead@example.org", secret=lead_secret)
    page.get_by_role("link", name="Investigations").click()
    guide.record()
    page.get_by_role("link", name="Start an investigation").click()
    page.get_by_label("Title").fill("Offshore water")
    page.get_by_label("Codename").fill("offshore")
    page.get_by_role("button", name="Create").click()
    expect(page).to_have_url(base + "/investigations/w/offshore/board/")
    guide.record()
    page.get_by_role("link", name="Members").click()
    page.get_by_label("Email address").fill("reporter@example.kg")
    page.get_by_label("Role").last.select_option("reporter")
    page.get_by_role("button", name="Send invitation").click()
    expect(page.get_by_text("Invitation sent to reporter@example.kg.")).to_be_visible()
    guide.record()
    invitation = stack.inbox.wait_for("reporter@example.kg", "Offshore water")
    accept = re.search(r"(/investigations/invitations/\S+/)", invitation.body)[1]

    page.context.clear_cookies()
    sign_in(page, base, "reporter@example.kg", secret=secret)
    page.goto(base + accept)
    guide.record()
    page.get_by_role("button", name="Join the investigation").click()
    expect(page).to_have_url(base + "/investigations/w/offshore/board/")

    page.get_by_role("link", name="Add a task").first.click()
    page.get_by_label("Title").fill("Trace the Cyprus payment")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("Trace the Cyprus payment").first).to_be_visible()
    guide.record()
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

    # The member registers their own OpenPGP key: the worker re-encrypts the
    # document to it, and the stored .gpg then opens with the member's own gpg.
    page.get_by_role("link", name="Documents").click()
    page.get_by_role("link", name="My OpenPGP key").click()
    page.get_by_label("Public key (ASCII-armoured)").fill(keys.alice.public)
    page.get_by_role("button", name="Register key").click()
    expect(page.get_by_text("Your public key is registered.")).to_be_visible()
    guide.record()

    def encrypted_to_member() -> bool:
        version = DocumentVersion.objects.get()
        return keys.alice.fingerprint in version.recipients

    deadline = time.monotonic() + 60
    while not encrypted_to_member():
        assert time.monotonic() < deadline, "the worker did not re-encrypt to the key"
        time.sleep(0.5)
    page.goto(base + "/investigations/w/offshore/documents/")
    guide.record()
    page.get_by_role("link", name="Tender minutes").click()
    with page.expect_download() as info:
        page.get_by_role("link", name="Encrypted (.gpg)").first.click()
    assert keys.alice.decrypt(Path(info.value.path()).read_bytes()).stdout == content
    second = tmp_path / "minutes-v2.pdf"
    second.write_bytes(content + b"% annotated\n")
    page.get_by_label("Upload a new version").set_input_files(str(second))
    page.get_by_role("button", name="Encrypt and upload").click()
    expect(page.get_by_text("Version 2 is encrypted and stored.")).to_be_visible()
    guide.record()
    screenshot("journey-e-investigation")

    # The member searches the workspace once the worker has indexed the task.
    deadline = time.monotonic() + 60
    while not SearchUnit.objects.filter(task=task, indexed_at__isnull=False).exists():
        assert time.monotonic() < deadline, "the worker did not index the task"
        time.sleep(0.5)
    nav = page.get_by_role("navigation", name="Investigation")
    nav.get_by_role("link", name="Search").click()
    page.get_by_role("searchbox", name="Search").fill("cyprus payment")
    page.get_by_role("searchbox", name="Search").press("Enter")
    results = page.get_by_test_id("results")
    expect(results).to_contain_text("1 result")
    expect(results.get_by_role("link", name="Trace the Cyprus payment")).to_be_visible()
    guide.record()

    versions = list(DocumentVersion.objects.order_by("number"))
    assert [v.original_name for v in versions] == ["minutes.pdf", "minutes-v2.pdf"]
    with secure_storage().open(versions[0].storage_name) as stored:
        ciphertext = stored.read()
    assert len(ciphertext) == versions[0].ciphertext_size
    assert content not in ciphertext
    modes = set(
        AccessLogEntry.objects.filter(user=member).values_list("mode", flat=True)
    )
    assert {"download", "ciphertext"} <= modes, modes

    # The lead's view: who accessed it, old versions to restore, keys, archive.
    page.context.clear_cookies()
    sign_in(page, base, "lead@example.org", secret=lead_secret)
    page.goto(base + "/investigations/w/offshore/documents/")
    guide.record()
    page.get_by_role("link", name="Tender minutes").click()
    expect(page.get_by_text("Who accessed this document")).to_be_visible()
    guide.record()
    page.get_by_role("link", name="Activity").click()
    guide.record()
    page.goto(base + "/investigations/w/offshore/")
    page.get_by_role("button", name="Archive the investigation").click()
    expect(page.get_by_role("button", name="Reopen the investigation")).to_be_visible()
    guide.record()
    page.get_by_role("button", name="Reopen the investigation").click()
    expect(page.get_by_role("button", name="Archive the investigation")).to_be_visible()
    guide.record()
    guide.check(steps=[1, 2, 3, 4, 5, 6, 7, 8, 9])
