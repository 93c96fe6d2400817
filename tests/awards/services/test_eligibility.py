"""Entry services: organisers' eligibility decisions."""

import pytest
from django.core.exceptions import ValidationError

from awards import services
from awards.enums import EntryState
from tests.awards.helpers import submit

pytestmark = pytest.mark.django_db


# --- Staff eligibility ----


def test_staff_override_one_rule_with_a_note(draft, staff):
    submit(draft)
    category = draft.category
    category.word_limit = 1
    category.countries = ["KZ"]
    category.save()
    services.entry_eligibility_check(entry=draft, actor=staff)
    draft.refresh_from_db()
    assert draft.state == EntryState.INELIGIBLE
    assert [r["rule"] for r in draft.eligibility_reasons] == ["country", "word_limit"]
    with pytest.raises(ValidationError):
        services.entry_eligibility_override(
            entry=draft, actor=staff, rule="word_limit", note="  "
        )
    services.entry_eligibility_override(
        entry=draft, actor=staff, rule="word_limit", note="Summary counts headings."
    )
    draft.refresh_from_db()
    assert [r["rule"] for r in draft.eligibility_reasons] == ["country"]
    assert draft.state == EntryState.INELIGIBLE
    services.entry_eligibility_override(
        entry=draft, actor=staff, rule="country", note="Published in exile."
    )
    draft.refresh_from_db()
    assert draft.eligibility_reasons == []
    assert draft.state == EntryState.ELIGIBLE
