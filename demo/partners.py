"""A demo partner broadcaster's API key, so `make run` shows the partner feed.

The key is a fixed, demo-only string (like DEMO_PASSWORD): only its hash is stored,
as for every key, and `seed_demo` prints it. Idempotent: once a key with the demo
prefix exists nothing is touched (revoke it in the admin to see a 401).
"""

from django.utils import timezone

from accounts.models import User
from cms.partners.models import PartnerKey, PartnerScope
from cms.partners.services import KEY_PREFIX, key_hash

DEMO_PARTNER = "Demo Broadcaster (Almaty)"
DEMO_KEY_PREFIX = "demo"
DEMO_PARTNER_KEY = f"{KEY_PREFIX}{DEMO_KEY_PREFIX}_qalam-demo-partner-key-2026"  # noqa: S105


def seed(admin_email: str) -> PartnerKey:
    """The demo partner's key, reading published winners (no embargo scope)."""
    key = PartnerKey.objects.filter(prefix=DEMO_KEY_PREFIX).first()
    if key is not None:
        return key
    key = PartnerKey(
        partner=DEMO_PARTNER,
        prefix=DEMO_KEY_PREFIX,
        secret_hash=key_hash(DEMO_PARTNER_KEY),
        scopes=[PartnerScope.WINNERS],
        rate_limit_per_minute=60,
        created_by=User.objects.get(email=admin_email),
        created_at=timezone.now(),
    )
    key.full_clean()
    key.save()
    return key
