"""Messages shown on the next page after an action."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest


def flash_errors(request: HttpRequest, error: ValidationError) -> None:
    """Show every message of a refused action (a service's `ValidationError`)."""
    for message in error.messages:
        messages.error(request, message)
