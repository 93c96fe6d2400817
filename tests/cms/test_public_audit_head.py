"""The award page and the open data show the audit head a publication recorded,
only once its results are public."""

import datetime

import pytest
import time_machine
from django.utils import timezone

from awards.services import publishing
from cms.cache import purge
from tests.cms.helpers import award_with_prizes, public_pages, staff_user

pytestmark = pytest.mark.django_db


def test_the_head_appears_on_the_page_and_in_the_api_only_after_publish_at(
    client, home_page
):
    award, *_rest = award_with_prizes(1, slug="caja-2025")
    public_pages(home_page, award)
    start = timezone.now()
    at = start + datetime.timedelta(hours=2)
    with time_machine.travel(start, tick=False):
        publication = publishing.results_publish(
            award=award, actor=staff_user(), publish_at=at
        )
    assert publication.audit_head == ""  # sealed when the results become public
    for moment in (start, at - datetime.timedelta(seconds=1)):
        with time_machine.travel(moment, tick=False):
            purge()
            page = client.get(f"/{award.slug}/").content.decode()
            assert "Audit chain fingerprint" not in page
            assert client.get("/api/winners.json").json()["results"] == []

    with time_machine.travel(at, tick=False):
        # Public, but the beat task has not sealed it yet: no head to show.
        purge()
        page = client.get(f"/{award.slug}/").content.decode()
        assert "Secret winner title 0" in page
        assert "Audit chain fingerprint" not in page
        assert (
            client.get("/api/winners.json").json()["results"][0]["audit_head"] is None
        )
        assert publishing.publications_due_purge() == [award.pk]
    publication.refresh_from_db()
    head = publication.audit_head
    assert len(head) == 64
    with time_machine.travel(at, tick=False):
        purge()
        page = client.get(f"/{award.slug}/").content.decode()
        assert (
            "<dt>Audit chain fingerprint (SHA-256)</dt>\n"
            f'                    <dd><code class="hash" data-testid="audit-head">'
            f"{head}</code></dd>"
        ) in page
        assert "<dt>Audit records covered</dt>\n" in page
        # 1: the schedule, 2: the publication.
        assert "<dd><code>2</code></dd>" in page
        assert "it held 2 records;" in page
        row = client.get("/api/winners.json").json()["results"][0]
        assert (row["audit_sequence"], row["audit_head"]) == (2, head)
        csv = client.get("/api/winners.csv").content.decode().splitlines()
        assert csv[0].endswith(",published_at,audit_sequence,audit_head")
        assert csv[1].endswith(f",2,{head}")
