"""What the demo accounts share: the published demo authenticator secret.

Demo jurors and demo investigation members sign in with it as their second factor
(`manage.py demo_totp` prints the current code). Local demo only.
"""

from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP

from accounts.models import User

# Published on purpose, for the local demo only: add it to an authenticator app.
DEMO_TOTP_SECRET = "QALAMDEMOJURYQALAMDEMOJURYQALAMD"  # noqa: S105


def demo_totp_activate(user: User) -> None:
    """Give `user` the demo authenticator app, unless they already have one."""
    if not Authenticator.objects.filter(
        user=user, type=Authenticator.Type.TOTP
    ).exists():
        TOTP.activate(user, DEMO_TOTP_SECRET)
