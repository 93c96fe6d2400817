"""The organisers' eligibility queue in the Wagtail admin (routed in
awards/wagtail_hooks.py)."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from accounts.flash import call_and_flash
from awards import selectors, services
from awards.admin_views._base import StaffTemplateView
from awards.enums import EligibilityRule
from awards.models import Entry
from awards.permissions import is_awards_staff

QUEUE_URL = "award_entries:eligibility"


class OverrideForm(forms.Form):
    rule = forms.ChoiceField(
        label=gettext_lazy("Rule"), choices=EligibilityRule.choices
    )
    note = forms.CharField(
        label=gettext_lazy("Why this rule is set aside"),
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=2000,
    )


class EligibilityQueueView(StaffTemplateView):
    """Submitted and ineligible entries, each with its failed rules."""

    template_name = "awards/admin/eligibility_queue.html"
    page_title = gettext_lazy("Eligibility queue")
    header_icon = "tasks"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        entries = list(selectors.eligibility_queue(user=self.request.user)[:200])
        context["rows"] = [
            {
                "entry": entry,
                "reasons": selectors.entry_reasons(entry),
                "overrides": list(entry.eligibility_overrides.all()),
                "form": OverrideForm(
                    initial={
                        "rule": (entry.eligibility_reasons or [{}])[0].get("rule")
                    },
                    prefix=f"e{entry.pk}",
                ),
            }
            for entry in entries
        ]
        return context


def _entry_for_staff(request: HttpRequest, pk: int):
    if not is_awards_staff(request.user):
        raise PermissionDenied
    return get_object_or_404(selectors.entries_for_staff(user=request.user), pk=pk)


def _now_in_state(entry: Entry) -> str:
    return _("%(entry)s is now %(state)s.") % {
        "entry": entry,
        "state": entry.get_state_display(),
    }


@require_POST
def eligibility_check(request: HttpRequest, pk: int) -> HttpResponse:
    entry = _entry_for_staff(request, pk)
    call_and_flash(
        request,
        lambda: services.entry_eligibility_check(entry=entry, actor=request.user),
        _now_in_state,
    )
    return redirect(QUEUE_URL)


@require_POST
def eligibility_override(request: HttpRequest, pk: int) -> HttpResponse:
    entry = _entry_for_staff(request, pk)
    form = OverrideForm(request.POST, prefix=f"e{entry.pk}")
    if not form.is_valid():
        messages.error(request, _("Choose a rule and write a note."))
        return redirect(QUEUE_URL)
    call_and_flash(
        request,
        lambda: services.entry_eligibility_override(
            entry=entry, actor=request.user, **form.cleaned_data
        ),
        _now_in_state,
    )
    return redirect(QUEUE_URL)
