"""An award's prizes and their certificates in the Wagtail admin (routed in
awards/wagtail_hooks.py): download each certificate, withdraw a prize with a
reason. Organisers of the award (and the platform admin) only; anyone else in
the admin gets a 404."""

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from awards import selectors, services
from awards.admin_views._base import PrizeFormView, StaffTemplateView
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


class PrizeWithdrawView(PrizeFormView):
    """Withdraw one prize: a reason and a confirmation, then the service."""

    template_name = "awards/admin/prize_withdraw.html"
    header_icon = "warning"

    def get_page_title(self):
        return _("Withdraw a prize: %(prize)s") % {"prize": self.prize}

    def make_form(self, data=None) -> PrizeWithdrawForm:
        return PrizeWithdrawForm(data)

    def save(self, form) -> None:
        services.prize_withdraw(
            prize=self.prize,
            reason=form.cleaned_data["reason"],
            actor=self.request.user,
        )

    def success_message(self) -> str:
        return _(
            "The prize of “%(entry)s” is withdrawn; its certificate is revoked."
        ) % {"entry": self.prize.entry.title}
