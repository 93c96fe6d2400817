"""Awards' staff screens in the Wagtail admin, one module per screen (routed and
put in the menu by awards/wagtail_hooks.py)."""

from awards.admin_views.eligibility import (
    QUEUE_URL,
    EligibilityQueueView,
    OverrideForm,
    eligibility_check,
    eligibility_override,
)

__all__ = [
    "QUEUE_URL",
    "EligibilityQueueView",
    "OverrideForm",
    "eligibility_check",
    "eligibility_override",
]
