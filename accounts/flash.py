"""What a view shows after it calls a service: the refusal, or the success."""

from collections.abc import Callable
from typing import TypeVar

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.forms import Form
from django.http import HttpRequest

T = TypeVar("T")


def flash_errors(request: HttpRequest, error: ValidationError) -> None:
    """Show every message of a refused action (a service's `ValidationError`)."""
    for message in error.messages:
        messages.error(request, message)


def form_errors(form: Form, error: ValidationError) -> None:
    """Show a service's `ValidationError` on the form, above its fields."""
    for message in error.messages:
        form.add_error(None, message)


def call_and_flash(
    request: HttpRequest,
    service: Callable[[], T],
    success: str | Callable[[T], str],
) -> T | None:
    """Run `service`: flash its refusal and return None, or flash `success` (a
    message, or one made from the result) and return the result."""
    try:
        result = service()
    except ValidationError as error:
        flash_errors(request, error)
        return None
    messages.success(request, success if isinstance(success, str) else success(result))
    return result
