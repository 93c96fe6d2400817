"""A round's calibration set in the Wagtail admin (routed in awards/jury/viewsets.py;
shown on the round's management page): organisers add and remove entries while
the round is a draft. Loading and rights: admin_views._round."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from accounts.flash import flash_errors
from awards.jury import services
from awards.jury.admin_views import _round
from awards.models import Entry


@require_POST
def calibration_add(request: HttpRequest, pk: int) -> HttpResponse:
    round_ = _round(request, pk)
    try:
        item = services.calibration_add(
            round=round_,
            actor=request.user,
            reference=request.POST.get("reference", ""),
        )
    except ValidationError as error:
        flash_errors(request, error)
    else:
        messages.success(
            request,
            _("%(reference)s is in the calibration set.")
            % {"reference": item.entry.reference},
        )
    return redirect(f"{reverse('award_rounds:manage', args=[pk])}#calibration")


@require_POST
def calibration_remove(request: HttpRequest, pk: int, entry_pk: int) -> HttpResponse:
    round_ = _round(request, pk)
    entry = get_object_or_404(Entry, pk=entry_pk, category__award=round_.award)
    try:
        dropped = services.calibration_remove(
            round=round_, actor=request.user, entry=entry
        )
    except ValidationError as error:
        flash_errors(request, error)
    else:
        messages.success(
            request,
            ngettext(
                "%(reference)s left the calibration set with %(n)s juror's sheet.",
                "%(reference)s left the calibration set with %(n)s jurors' sheets.",
                dropped,
            )
            % {"reference": entry.reference, "n": dropped},
        )
    return redirect(f"{reverse('award_rounds:manage', args=[pk])}#calibration")
