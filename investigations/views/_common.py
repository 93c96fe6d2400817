"""Helpers of investigations' views."""

from collections.abc import Callable

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest

from accounts.flash import flash_errors


def form_errors(form, error: ValidationError) -> None:
    """Show a service's ValidationError on the form, above its fields."""
    for message in error.messages:
        form.add_error(None, message)


def flash_outcome(
    request: HttpRequest, write: Callable[[], object], success: str
) -> None:
    """Run one service: flash its ValidationError, or `success` once it went through."""
    try:
        write()
    except ValidationError as error:
        flash_errors(request, error)
    else:
        messages.success(request, success)
