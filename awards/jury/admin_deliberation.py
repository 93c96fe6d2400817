"""Organisers' screens of a round's jurors at work (routed in awards/jury/
viewsets.py): the final's deliberation per entry, and reminders by hand to slow
jurors with a preview of the exact email. Loaded as `admin_views._round` allows:
404 outside the award's team; observers read, only organisers act (403)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from accounts.flash import flash_errors
from awards import clock
from awards.jury import selectors, services
from awards.jury.admin_views import RoundTemplateView
from awards.jury.enums import RoundKind
from awards.permissions import can_organise_award


class DeliberationView(RoundTemplateView):
    """Per entry of a final round: the provisional rank, the jurors' votes, the
    thread (with names: organisers know the jury) and the chair's decision."""

    template_name = "awards/admin/round_deliberation.html"
    header_icon = "comment"

    def get_page_title(self):
        return _("Deliberation: %(round)s") % {"round": self.round}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        is_final = self.round.kind == RoundKind.FINAL
        context.update(
            round=self.round,
            is_final=is_final,
            rows=selectors.deliberation_overview(round=self.round) if is_final else [],
        )
        return context


def _chosen(request) -> list[int]:
    return [int(p) for p in request.POST.getlist("juror") if p.isdigit()]


class RemindersView(RoundTemplateView):
    """The round's slow jurors; organisers preview a reminder (nothing is sent)
    and then send it, with an optional note, to the jurors they tick."""

    template_name = "awards/admin/round_reminders.html"
    header_icon = "mail"

    def get_page_title(self):
        return _("Reminders: %(round)s") % {"round": self.round}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        now = clock.now()
        context.update(
            round=self.round,
            now=now,
            rows=[
                (row, row.is_recently_reminded(now))
                for row in selectors.slow_jurors(round=self.round)
            ],
            can_change=can_organise_award(self.request.user, self.round.award_id),
            note_max=services.NOTE_MAX,
            chosen=set(kwargs.get("chosen", ())),
            note=kwargs.get("note", ""),
            previews=kwargs.get("previews"),
        )
        return context

    def post(self, request, *args, **kwargs):
        chosen, note = _chosen(request), request.POST.get("note", "")
        if request.POST.get("action") == "send":
            return self._send(chosen, note)
        try:
            rows = services.manual_reminder_check(
                round=self.round, juror_ids=chosen, note=note
            )
        except ValidationError as error:
            flash_errors(request, error)
            return redirect("award_rounds:reminders", self.round.pk)
        previews = services.reminder_emails(
            round=self.round,
            jurors=[(row.juror, row.unscored) for row in rows],
            note=note.strip(),
        )
        now = clock.now()
        recent = {row.juror.pk for row in rows if row.is_recently_reminded(now)}
        return self.render_to_response(
            self.get_context_data(
                chosen=chosen,
                note=note,
                previews=[(email, email.juror.pk in recent) for email in previews],
            )
        )

    def _send(self, chosen: list[int], note: str):
        request = self.request
        try:
            result = services.reminders_send_manual(
                round=self.round, actor=request.user, juror_ids=chosen, note=note
            )
        except ValidationError as error:
            flash_errors(request, error)
            return redirect("award_rounds:reminders", self.round.pk)
        if result.sent:
            messages.success(
                request,
                _("Reminders are on their way to %(n)s jurors.")
                % {"n": len(result.sent)},
            )
        for juror, last in result.skipped:
            messages.warning(
                request,
                _(
                    "%(juror)s was reminded less than an hour ago: not sent again "
                    "(last at %(at)s UTC)."
                )
                % {
                    "juror": juror,
                    "at": date_format(last, "DATETIME_FORMAT"),
                },
            )
        return redirect("award_rounds:reminders", self.round.pk)
