"""Publish an award's results now or later, in the Wagtail admin (routed in
awards/wagtail_hooks.py)."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from awards import clock, selectors, services
from awards.admin_views._base import StaffTemplateView
from awards.permissions import is_awards_staff
from awards.selectors import public


class PublishForm(forms.Form):
    publish_at = forms.DateTimeField(
        label=gettext_lazy("Publish at"),
        required=False,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}),
        help_text=gettext_lazy(
            "Leave empty to publish now. Times are in the server's time zone."
        ),
    )


class ResultsPublicationView(StaffTemplateView):
    """Every award with its prizes count and whether its results are public."""

    template_name = "awards/admin/results_publication.html"
    page_title = gettext_lazy("Publish results")
    header_icon = "doc-full-inverse"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        now = clock.now()
        published = set(public.published_awards(now=now).values_list("pk", flat=True))
        organised = set(
            selectors.awards_for_organiser(user=self.request.user).values_list(
                "pk", flat=True
            )
        )
        context["rows"] = [
            {
                "award": award,
                "publication": getattr(award, "results_publication", None),
                "is_published": award.pk in published,
                "can_organise": award.pk in organised,
                "form": PublishForm(prefix=f"a{award.pk}"),
            }
            for award in selectors.awards_for_team(user=self.request.user)
            .select_related("results_publication")
            .order_by("-year", "title")
        ]
        return context


@require_POST
def results_publish(request: HttpRequest, award_id: int) -> HttpResponse:
    """Publish now, or schedule, one award's results."""
    if not is_awards_staff(request.user):
        raise PermissionDenied
    award = get_object_or_404(selectors.awards_for_team(user=request.user), pk=award_id)
    form = PublishForm(request.POST, prefix=f"a{award.pk}")
    if not form.is_valid():
        messages.error(request, _("Enter a valid date and time, or leave it empty."))
        return redirect("cms_results_publication")
    try:
        publication = services.results_publish(
            award=award, actor=request.user, publish_at=form.cleaned_data["publish_at"]
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("cms_results_publication")
    if publication.publish_at <= clock.now():
        messages.success(
            request, _("The results of %(award)s are public.") % {"award": award}
        )
    else:
        messages.success(
            request,
            _("The results of %(award)s will be public on %(when)s.")
            % {
                "award": award,
                "when": timezone.localtime(publication.publish_at).strftime(
                    "%Y-%m-%d %H:%M"
                ),
            },
        )
    return redirect("cms_results_publication")
