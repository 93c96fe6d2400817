"""Which investigation emails a user wants."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from investigations import forms, selectors, services


@login_required
@require_http_methods(["GET", "POST"])
def notification_settings(request: HttpRequest) -> HttpResponse:
    current = selectors.notification_settings_for(user=request.user)
    initial = {
        "language": request.user.preferred_language,
        "email_invited": current.email_invited,
        "email_assigned": current.email_assigned,
        "email_mentioned": current.email_mentioned,
        "email_due_digest": current.email_due_digest,
    }
    form = forms.NotificationSettingsForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        services.notification_settings_update(user=request.user, **form.cleaned_data)
        messages.success(request, _("Your email settings are saved."))
        return redirect("investigations:notifications")
    return render(request, "investigations/notifications.html", {"form": form})
