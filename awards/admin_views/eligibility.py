"""The organisers' eligibility queue in the Wagtail admin (routed in
awards/wagtail_hooks.py)."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from accounts.flash import flash_errors
from awards import selectors, services
from awards.enums import EligibilityRule
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


class EligibilityQueueView(WagtailAdminTemplateMixin, TemplateView):
    """Submitted and ineligible entries, each with its failed rules."""

    template_name = "awards/admin/eligibility_queue.html"
    page_title = gettext_lazy("Eligibility queue")
    header_icon = "tasks"

    def dispatch(self, request, *args, **kwargs):
        if not is_awards_staff(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

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


@require_POST
def eligibility_check(request: HttpRequest, pk: int) -> HttpResponse:
    entry = _entry_for_staff(request, pk)
    try:
        entry = services.entry_eligibility_check(entry=entry, actor=request.user)
    except ValidationError as error:
        flash_errors(request, error)
    else:
        messages.success(
            request,
            _("%(entry)s is now %(state)s.")
            % {"entry": entry, "state": entry.get_state_display()},
        )
    return redirect(QUEUE_URL)


@require_POST
def eligibility_override(request: HttpRequest, pk: int) -> HttpResponse:
    entry = _entry_for_staff(request, pk)
    form = OverrideForm(request.POST, prefix=f"e{entry.pk}")
    if not form.is_valid():
        messages.error(request, _("Choose a rule and write a note."))
        return redirect(QUEUE_URL)
    try:
        entry = services.entry_eligibility_override(
            entry=entry, actor=request.user, **form.cleaned_data
        )
    except ValidationError as error:
        flash_errors(request, error)
    else:
        messages.success(
            request,
            _("%(entry)s is now %(state)s.")
            % {"entry": entry, "state": entry.get_state_display()},
        )
    return redirect(QUEUE_URL)
