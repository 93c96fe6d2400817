"""Rounds: their state machine and their decisions (shortlists, prizes)."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from accounts.models import User
from awards import clock
from awards import services as entry_services
from awards.enums import EntryState
from awards.jury.enums import ROUND_TRANSITIONS, PrizeKind, RoundKind, RoundState
from awards.jury.models import CalibrationItem, Prize, Round
from awards.jury.selectors.calibration import calibration_missing
from awards.jury.selectors.rounds import entries_for_round
from awards.jury.services._common import require_organiser
from awards.jury.services.audit import audit_append
from awards.models import Entry, ResultsPublication


def _move(
    round: Round,
    to_state: str,
    actor: User,
    reason: str = "",
    extra: dict | None = None,
) -> Round:
    round = Round.objects.select_for_update().get(pk=round.pk)
    if to_state not in ROUND_TRANSITIONS[round.state]:
        raise ValidationError(
            _("A %(from)s round cannot become %(to)s.")
            % {
                "from": round.get_state_display(),
                "to": RoundState(to_state).label,
            },
            code="transition",
        )
    old = round.state
    round.state = to_state
    round.full_clean()
    round.save(update_fields=["state"])
    audit_append(
        action="round_state",
        actor=actor,
        round=round,
        data={"from": old, "to": to_state, "reason": reason, **(extra or {})},
    )
    return round


@transaction.atomic
def round_open(*, round: Round, actor: User, anyway: bool = False) -> Round:
    """Open a draft round for scoring.

    A round with a calibration set opens only once every active juror has
    submitted their calibration sheets, unless the organiser opens it `anyway`;
    the audit record keeps how many were missing and whether they did.
    """
    require_organiser(actor, round.award_id)
    # Locked first: a juror's calibration sheet is saved under the same lock.
    round = Round.objects.select_for_update().get(pk=round.pk)
    extra = None
    if CalibrationItem.objects.filter(round=round).exists():
        missing = calibration_missing(round=round)
        if missing and not anyway:
            raise ValidationError(
                ngettext(
                    "%(n)s calibration sheet is still missing. Wait for the "
                    "jurors, or tick “open anyway”.",
                    "%(n)s calibration sheets are still missing. Wait for the "
                    "jurors, or tick “open anyway”.",
                    missing,
                )
                % {"n": missing},
                code="calibration",
            )
        extra = {"calibration_missing": missing, "opened_anyway": bool(missing)}
    return _move(round, RoundState.OPEN, actor, extra=extra)


@transaction.atomic
def round_close(*, round: Round, actor: User) -> Round:
    """Close scoring: every sheet of the round is locked from now on."""
    require_organiser(actor, round.award_id)
    return _move(round, RoundState.CLOSED, actor)


@transaction.atomic
def round_reopen(*, round: Round, actor: User, reason: str) -> Round:
    """Re-open a closed round; needs staff and a written reason, both recorded."""
    require_organiser(actor, round.award_id)
    if not reason.strip():
        raise ValidationError(_("Say why the round is re-opened."), code="reason")
    if round.closes_at <= clock.now():
        raise ValidationError(
            _("Move the closing time into the future before re-opening."),
            code="closes_at",
        )
    return _move(round, RoundState.OPEN, actor, reason.strip())


@transaction.atomic
def round_shortlist(*, round: Round, actor: User, entries: list[Entry]) -> list[Entry]:
    """Move the chosen entries of a closed round on to the next round, and mark the
    round decided. From a first round entries become shortlisted; from a later
    shortlist round, finalists."""
    require_organiser(actor, round.award_id)
    round = Round.objects.select_for_update().get(pk=round.pk)
    if round.state != RoundState.CLOSED:
        raise ValidationError(_("Close the round before deciding it."))
    entry_services.require_entries_closed(round.award)
    allowed = set(entries_for_round(round).values_list("pk", flat=True))
    moved = []
    for entry in entries:
        if entry.pk not in allowed:
            raise ValidationError(
                _("%(entry)s is not in this round.") % {"entry": entry}
            )
        if entry.state == EntryState.ELIGIBLE:
            moved.append(entry_services.entry_shortlist(entry=entry, actor=actor))
        elif entry.state == EntryState.SHORTLISTED:
            moved.append(entry_services.entry_make_finalist(entry=entry, actor=actor))
    audit_append(
        action="shortlist",
        actor=actor,
        round=round,
        data={"entries": sorted(e.pk for e in moved)},
    )
    _move(round, RoundState.DECIDED, actor)
    return moved


@transaction.atomic
def prize_award(
    *, round: Round, entry: Entry, kind: str, citation: str, actor: User
) -> Prize:
    """In a closed final round, give an entry a prize with the jury's citation; the
    entry moves to finalist (finalist, special mention) or winner."""
    require_organiser(actor, round.award_id)
    if round.kind != RoundKind.FINAL:
        raise ValidationError(_("Prizes are awarded in a final round."))
    if round.state != RoundState.CLOSED:
        raise ValidationError(_("Close the round before awarding prizes."))
    entry_services.require_entries_closed(round.award)
    # Entrants have been told and certificates issued: a prize now would be one
    # nobody announced (a scheduled publication still takes prizes until its time).
    if ResultsPublication.objects.filter(
        award_id=round.award_id, publish_at__lte=clock.now()
    ).exists():
        raise ValidationError(
            _("This award's results are already public: no prize can be added now.")
        )
    entry = entries_for_round(round).select_for_update().filter(pk=entry.pk).first()
    if entry is None:
        raise ValidationError(_("This entry is not in this round."))
    prize = Prize(
        round=round,
        entry=entry,
        kind=kind,
        citation=citation.strip(),
        decided_by=actor,
        decided_at=clock.now(),
    )
    prize.full_clean()
    prize.save()
    if entry.state == EntryState.SHORTLISTED:
        entry = entry_services.entry_make_finalist(entry=entry, actor=actor)
    if kind == PrizeKind.WINNER:
        entry_services.entry_make_winner(entry=entry, actor=actor)
    audit_append(
        action="prize",
        actor=actor,
        round=round,
        data={"entry": entry.pk, "kind": kind, "citation": prize.citation},
    )
    return prize


@transaction.atomic
def round_decide(*, round: Round, actor: User) -> Round:
    """Mark a closed round decided once its prizes are given."""
    require_organiser(actor, round.award_id)
    return _move(round, RoundState.DECIDED, actor)
