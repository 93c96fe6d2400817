"""Organisers' broadcasts in the Wagtail admin (routed in awards/wagtail_hooks.py):
the list per award, compose and edit a draft, the preview (one sample recipient's
email and the count), send (a confirmed POST, once), and the progress bar.
Organisers of the award (and the platform admin) only; anyone else in the admin
gets a 404."""

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import path
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from accounts.flash import flash_errors, form_errors
from awards import selectors, services
from awards.admin_views._base import StaffTemplateView
from awards.broadcast_mail import broadcast_message
from awards.enums import BroadcastAudience, BroadcastState
from awards.models import Award, Broadcast
from awards.permissions import is_awards_organiser, is_awards_staff


class BroadcastForm(forms.Form):
    audience = forms.ChoiceField(
        label=gettext_lazy("Send to"),
        choices=BroadcastAudience.choices,
        widget=forms.RadioSelect,
        initial=BroadcastAudience.AWARD,
        help_text=gettext_lazy(
            "Entrants and co-authors of submitted entries; drafts and withdrawn "
            "entries are left out."
        ),
    )
    category = forms.ModelChoiceField(
        label=gettext_lazy("Category"), queryset=None, required=False
    )
    round = forms.ModelChoiceField(
        label=gettext_lazy("Round"), queryset=None, required=False
    )
    subject = forms.CharField(label=gettext_lazy("Subject"), max_length=200)
    body = forms.CharField(
        label=gettext_lazy("Message"),
        max_length=20000,
        widget=forms.Textarea(attrs={"rows": 12}),
        help_text=Broadcast._meta.get_field("body").help_text,
    )

    def __init__(self, *args, award: Award, **kwargs):
        super().__init__(*args, **kwargs)
        # Only this award's categories and rounds are offered (or accepted).
        categories, rounds = selectors.broadcast_choices(award=award)
        self.fields["category"].queryset = categories
        self.fields["round"].queryset = rounds


class SendForm(forms.Form):
    confirm = forms.BooleanField(
        label=gettext_lazy(
            "I have read the preview: send this email to every recipient now. "
            "It cannot be called back."
        )
    )


def _initial(broadcast: Broadcast) -> dict:
    return {
        "audience": broadcast.audience,
        "category": broadcast.category_id,
        "round": broadcast.round_id,
        "subject": broadcast.subject,
        "body": broadcast.body,
    }


class AwardBroadcastsView(StaffTemplateView):
    """An award's broadcasts, newest first, and the button to write one; without
    an award, the awards the organiser may write to."""

    template_name = "awards/admin/broadcasts.html"
    page_title = gettext_lazy("Broadcasts")
    header_icon = "mail"

    def dispatch(self, request, *args, **kwargs):
        self.award = None
        if request.user.is_authenticated and "award_id" in kwargs:
            self.award = selectors.award_for_organiser(
                user=request.user, award_id=kwargs["award_id"]
            )
        elif is_awards_staff(request.user) and not is_awards_organiser(request.user):
            raise Http404  # observers write to nobody
        return super().dispatch(request, *args, **kwargs)

    def get_page_title(self):
        if self.award is None:
            return self.page_title
        return _("Broadcasts: %(award)s") % {"award": self.award}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["award"] = self.award
        if self.award is None:
            context["awards"] = selectors.awards_for_organiser(
                user=self.request.user
            ).order_by("-year", "title")
        else:
            context["broadcasts"] = selectors.broadcasts_of_award(award=self.award)
        return context


class BroadcastComposeView(StaffTemplateView):
    """Write a new draft for an award, or change a draft."""

    template_name = "awards/admin/broadcast_form.html"
    header_icon = "mail"

    def dispatch(self, request, *args, **kwargs):
        self.broadcast = None
        if request.user.is_authenticated:
            if "pk" in kwargs:
                self.broadcast = selectors.broadcast_for_organiser(
                    user=request.user, pk=kwargs["pk"]
                )
                self.award = self.broadcast.award
            else:
                self.award = selectors.award_for_organiser(
                    user=request.user, award_id=kwargs["award_id"]
                )
        return super().dispatch(request, *args, **kwargs)

    def get_page_title(self):
        return _("Write a broadcast: %(award)s") % {"award": self.award}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["award"] = self.award
        context["broadcast"] = self.broadcast
        if "form" not in context:
            initial = _initial(self.broadcast) if self.broadcast else None
            context["form"] = BroadcastForm(award=self.award, initial=initial)
        return context

    def post(self, request, *args, **kwargs):
        form = BroadcastForm(request.POST, award=self.award)
        if form.is_valid():
            data = form.cleaned_data
            try:
                if self.broadcast is None:
                    broadcast = services.broadcast_create(
                        award=self.award, actor=request.user, **data
                    )
                else:
                    broadcast = services.broadcast_update(
                        broadcast=self.broadcast, actor=request.user, **data
                    )
            except ValidationError as error:
                form_errors(form, error)
            else:
                messages.success(
                    request, _("Draft saved. Check the preview, then send it.")
                )
                return redirect("cms_broadcast", broadcast.pk)
        return self.render_to_response(self.get_context_data(form=form))


class BroadcastView(StaffTemplateView):
    """One broadcast: its preview (the email one recipient would read, and how
    many will receive it) while a draft; its progress once sending."""

    template_name = "awards/admin/broadcast.html"
    header_icon = "mail"

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            self.broadcast = selectors.broadcast_for_organiser(
                user=request.user, pk=kwargs["pk"]
            )
        return super().dispatch(request, *args, **kwargs)

    def get_page_title(self):
        return _("Broadcast: %(subject)s") % {"subject": self.broadcast.subject}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        broadcast = self.broadcast
        context["broadcast"] = broadcast
        context["award"] = broadcast.award
        context["is_draft"] = broadcast.state == BroadcastState.DRAFT
        context["is_sending"] = broadcast.state == BroadcastState.SENDING
        if context["is_draft"]:
            audience = selectors.broadcast_audience(broadcast)
            recipients = selectors.broadcast_recipients(broadcast)
            context["audience_count"] = audience.count()
            context["recipient_count"] = recipients.count()
            sample = recipients.first()
            if sample is not None:
                subject, body, _headers = broadcast_message(broadcast, sample)
                context["sample"] = {
                    "user": sample,
                    "subject": subject,
                    "body": body,
                }
            context["send_form"] = SendForm()
        return context


@require_POST
def broadcast_send(request: HttpRequest, pk: int) -> HttpResponse:
    """Send a draft once it is confirmed; a broadcast already sending or sent is
    refused with a message (a double click sends once)."""
    broadcast = selectors.broadcast_for_organiser(user=request.user, pk=pk)
    if not SendForm(request.POST).is_valid():
        messages.error(request, _("Tick the box to confirm, then send."))
        return redirect("cms_broadcast", broadcast.pk)
    try:
        services.broadcast_send(broadcast=broadcast, actor=request.user)
    except ValidationError as error:
        flash_errors(request, error)
    else:
        messages.success(request, _("Sending: the progress is shown below."))
    return redirect("cms_broadcast", broadcast.pk)


def urlpatterns() -> list:
    """The broadcast screens, under /admin/broadcasts/."""
    return [
        path("broadcasts/", AwardBroadcastsView.as_view(), name="cms_broadcasts"),
        path(
            "broadcasts/award/<int:award_id>/",
            AwardBroadcastsView.as_view(),
            name="cms_award_broadcasts",
        ),
        path(
            "broadcasts/award/<int:award_id>/new/",
            BroadcastComposeView.as_view(),
            name="cms_broadcast_add",
        ),
        path("broadcasts/<int:pk>/", BroadcastView.as_view(), name="cms_broadcast"),
        path(
            "broadcasts/<int:pk>/edit/",
            BroadcastComposeView.as_view(),
            name="cms_broadcast_edit",
        ),
        path("broadcasts/<int:pk>/send/", broadcast_send, name="cms_broadcast_send"),
    ]
