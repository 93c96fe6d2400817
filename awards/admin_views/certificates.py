"""An award's prizes and their certificates in the Wagtail admin (routed in
awards/wagtail_hooks.py): download each certificate, withdraw a prize with a
reason. Organisers of the award (and the platform admin) only; anyone else in
the admin gets a 404."""

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts.flash import form_errors
from awards import selectors, services
from awards.admin_views._base import PrizeTemplateView, StaffTemplateView
from awards.selectors import public


class PrizeWithdrawForm(forms.Form):
    reason = forms.CharField(
        label=gettext_lazy("Why is the prize withdrawn?"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=2000,
        help_text=gettext_lazy(
            "Kept with the prize and in the audit record; not shown to the public."
        ),
    )
    confirm = forms.BooleanField(
        label=gettext_lazy(
            "I understand: the prize disappears from every public page and its "
            "certificate is revoked. This cannot be undone."
        ),
    )


class AwardPrizesView(StaffTemplateView):
    """Every prize of one award, with its certificate and whether it stands."""

    template_name = "awards/admin/award_prizes.html"
    header_icon = "doc-full-inverse"

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            self.award = selectors.award_for_organiser(
                user=request.user, award_id=kwargs["award_id"]
            )
        return super().dispatch(request, *args, **kwargs)

    def get_page_title(self):
        return _("Prizes and certificates: %(award)s") % {"award": self.award}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["award"] = self.award
        context["prizes"] = selectors.prizes_of_award(award=self.award)
        context["is_published"] = public.is_published(award=self.award)
        return context


class PrizeWithdrawView(PrizeTemplateView):
    """Withdraw one prize: a reason and a confirmation, then the service."""

    template_name = "awards/admin/prize_withdraw.html"
    header_icon = "warning"

    def get_page_title(self):
        return _("Withdraw a prize: %(prize)s") % {"prize": self.prize}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["prize"] = self.prize
        context.setdefault("form", PrizeWithdrawForm())
        return context

    def post(self, request, *args, **kwargs):
        form = PrizeWithdrawForm(request.POST)
        if form.is_valid():
            try:
                services.prize_withdraw(
                    prize=self.prize,
                    reason=form.cleaned_data["reason"],
                    actor=request.user,
                )
            except ValidationError as error:
                form_errors(form, error)
            else:
                messages.success(
                    request,
                    _(
                        "The prize of “%(entry)s” is withdrawn; its certificate is "
                        "revoked."
                    )
                    % {"entry": self.prize.entry.title},
                )
                return redirect("cms_award_prizes", self.prize.round.award_id)
        return self.render_to_response(self.get_context_data(form=form))
