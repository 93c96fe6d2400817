"""Organisers' eligibility decisions: re-run the rules, set one aside with a note."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from accounts.models import User
from awards import selectors
from awards.clock import now
from awards.eligibility import failed_rules
from awards.enums import EligibilityRule, EntryState
from awards.models import EligibilityOverride, Entry
from awards.services._common import lock, record, require_staff


@transaction.atomic
def entry_eligibility_check(*, entry: Entry, actor: User) -> Entry:
    """Staff re-run every rule (skipping overridden ones): no failure makes the entry
    eligible, any failure ineligible, with the reasons stored."""
    require_staff(actor, entry)
    entry = lock(entry)
    if entry.state not in (
        EntryState.SUBMITTED,
        EntryState.ELIGIBLE,
        EntryState.INELIGIBLE,
    ):
        raise ValidationError(
            _("Only submitted entries are checked for eligibility."),
            code="transition",
        )
    facts, rules = selectors.eligibility_inputs(entry=entry)
    overridden = entry.eligibility_overrides.values_list("rule", flat=True)
    reasons = failed_rules(facts, rules, skip=overridden)
    target = EntryState.INELIGIBLE if reasons else EntryState.ELIGIBLE
    if target != entry.state:
        record(entry, to_state=target, actor=actor)
    entry.eligibility_reasons = [reason.as_json() for reason in reasons]
    entry.eligibility_checked_at = now()
    entry.save(
        update_fields=[
            "state",
            "eligibility_reasons",
            "eligibility_checked_at",
            "updated_at",
        ]
    )
    return entry


@transaction.atomic
def entry_eligibility_override(
    *, entry: Entry, actor: User, rule: str, note: str
) -> Entry:
    """Staff set one failed rule aside with a written note, then re-run the rules."""
    require_staff(actor, entry)
    note = note.strip()
    if not note:
        raise ValidationError({"note": _("Write why this rule is set aside.")})
    if rule not in EligibilityRule.values:
        raise ValidationError({"rule": _("Choose a rule.")})
    override = EligibilityOverride(
        entry=entry, rule=rule, note=note, decided_by=actor, decided_at=now()
    )
    override.full_clean()
    override.save()
    return entry_eligibility_check(entry=entry, actor=actor)
