"""Helpers of investigations' views."""

from django.core.exceptions import ValidationError


def form_errors(form, error: ValidationError) -> None:
    """Show a service's ValidationError on the form, above its fields."""
    for message in error.messages:
        form.add_error(None, message)
