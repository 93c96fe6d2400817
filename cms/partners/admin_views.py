"""The platform admin's screens for partner API keys and webhooks (routed in
cms/wagtail_hooks.py). Superusers only: anyone else in the admin is refused."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from awards.permissions import is_platform_admin
from cms.partners import selectors, services, tasks
from cms.partners.models import (
    DeliveryStatus,
    PartnerKey,
    PartnerScope,
    PartnerWebhook,
    WebhookDelivery,
)


class PartnerKeyForm(forms.Form):
    partner = forms.CharField(label=gettext_lazy("Partner"), max_length=200)
    scopes = forms.MultipleChoiceField(
        label=gettext_lazy("Scopes"),
        choices=PartnerScope.choices,
        widget=forms.CheckboxSelectMultiple,
        initial=[PartnerScope.WINNERS],
    )
    rate_limit_per_minute = forms.IntegerField(
        label=gettext_lazy("Requests per minute"),
        min_value=1,
        max_value=10000,
        initial=60,
    )


class PartnerWebhookForm(forms.Form):
    url = forms.URLField(
        label=gettext_lazy("URL"), max_length=500, assume_scheme="https"
    )


class AdminOnlyView(WagtailAdminTemplateMixin, TemplateView):
    """A screen for the platform admin alone (403 for the rest of the admin)."""

    header_icon = "key"

    def dispatch(self, request, *args, **kwargs):
        if not is_platform_admin(request.user):
            raise PermissionDenied
        self.load(**kwargs)  # after the check: nobody else learns what exists
        return super().dispatch(request, *args, **kwargs)

    def load(self, **kwargs) -> None:
        """Read the objects the screen is about (404 if missing)."""

    def get_breadcrumbs_items(self):
        # Ending in the page's title: Wagtail's default (Home alone) shows "Home"
        # as the page's only visible heading.
        return [
            *super().get_breadcrumbs_items(),
            {"url": "", "label": self.get_header_title()},
        ]


class PartnerKeysView(AdminOnlyView):
    template_name = "cms/admin/partner_keys.html"
    page_title = gettext_lazy("Partner API keys")

    def get_context_data(self, **kwargs):
        return {
            **super().get_context_data(**kwargs),
            "keys": selectors.keys_for_admin(),
        }


class PartnerKeyCreateView(AdminOnlyView):
    """The form; on success the new key, shown this once (never redirected to,
    so it is in no URL and no history)."""

    template_name = "cms/admin/partner_key_create.html"
    page_title = gettext_lazy("New partner API key")

    def get_context_data(self, **kwargs):
        return {"form": PartnerKeyForm(), **super().get_context_data(**kwargs)}

    def post(self, request, *args, **kwargs):
        form = PartnerKeyForm(request.POST)
        if form.is_valid():
            try:
                key, secret = services.partner_key_create(
                    actor=request.user, **form.cleaned_data
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                context = self.get_context_data(form=form, key=key, secret=secret)
                response = self.render_to_response(context)
                response["Cache-Control"] = "no-store"
                return response
        return self.render_to_response(self.get_context_data(form=form))


class PartnerKeyRevokeView(AdminOnlyView):
    """GET asks to confirm; POST revokes."""

    template_name = "cms/admin/partner_key_revoke.html"
    page_title = gettext_lazy("Revoke a partner API key")

    def get_context_data(self, **kwargs):
        return {
            **super().get_context_data(**kwargs),
            "key": get_object_or_404(PartnerKey, pk=self.kwargs["pk"]),
        }

    def post(self, request, *args, **kwargs):
        key = get_object_or_404(PartnerKey, pk=kwargs["pk"])
        services.partner_key_revoke(key=key, actor=request.user)
        messages.success(
            request, _("The key %(prefix)s is revoked.") % {"prefix": key.prefix}
        )
        return redirect("cms_partner_keys")


class PartnerWebhooksView(AdminOnlyView):
    """A key's webhooks; add one (the signing secret is shown once)."""

    template_name = "cms/admin/partner_webhooks.html"
    page_title = gettext_lazy("Partner webhooks")

    def load(self, **kwargs) -> None:
        self.key = get_object_or_404(PartnerKey, pk=kwargs["pk"])

    def get_context_data(self, **kwargs):
        return {
            "form": PartnerWebhookForm(),
            **super().get_context_data(**kwargs),
            "key": self.key,
            "webhooks": list(self.key.webhooks.all()),
        }

    def post(self, request, *args, **kwargs):
        form = PartnerWebhookForm(request.POST)
        if form.is_valid():
            try:
                webhook, secret = services.partner_webhook_create(
                    key=self.key, url=form.cleaned_data["url"], actor=request.user
                )
            except ValidationError as error:
                form.add_error("url", error)
            else:
                context = self.get_context_data(webhook=webhook, secret=secret)
                response = self.render_to_response(context)
                response["Cache-Control"] = "no-store"
                return response
        return self.render_to_response(self.get_context_data(form=form))


class WebhookDeliveriesView(AdminOnlyView):
    """A webhook's delivery log; POST `delivery` retries a failed delivery."""

    template_name = "cms/admin/webhook_deliveries.html"
    page_title = gettext_lazy("Webhook deliveries")

    def load(self, **kwargs) -> None:
        self.webhook = get_object_or_404(PartnerWebhook, pk=kwargs["pk"])

    def get_context_data(self, **kwargs):
        return {
            **super().get_context_data(**kwargs),
            "webhook": self.webhook,
            "deliveries": selectors.deliveries_of(webhook=self.webhook),
        }

    def post(self, request, *args, **kwargs):
        raw = request.POST.get("delivery", "")
        delivery = get_object_or_404(
            WebhookDelivery,
            webhook=self.webhook,
            pk=int(raw) if raw.isascii() and raw.isdigit() else 0,
            status=DeliveryStatus.FAILED,
        )
        try:
            services.webhook_delivery_retry(delivery=delivery, actor=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            tasks.enqueue_delivery(delivery.pk)
            messages.success(request, _("The delivery will be tried again."))
        return redirect("cms_partner_webhook_deliveries", self.webhook.pk)
