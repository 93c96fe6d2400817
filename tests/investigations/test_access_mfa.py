"""Every workspace request needs a second factor (TOTP or a security key)."""

import pytest
from allauth.mfa.models import Authenticator
from django.conf import settings
from django.urls import reverse

from accounts.selectors import has_mfa
from investigations.models import Column
from tests.factories import InvestigationFactory, UserFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("tasks_in_process")]


def _drop_mfa(user):
    Authenticator.objects.filter(user=user).delete()


def test_member_without_mfa_is_sent_to_the_prompt_and_sees_no_title(client, workspace):
    viewer = workspace.people["viewer"]
    _drop_mfa(viewer)
    client.force_login(viewer)
    for name in ("investigations:home", "investigations:board"):
        response = client.get(reverse(name, args=["water"]))
        assert response.status_code == 302
        assert response["Location"] == reverse("investigations:mfa_required")
    prompt = client.get(reverse("investigations:mfa_required"))
    listing = client.get(reverse("investigations:list"))
    for response in (prompt, listing):
        assert response.status_code == 200
        assert "Water rights" not in response.content.decode()
        assert reverse("mfa_index") in response.content.decode()


def test_non_member_without_mfa_still_gets_404(client, workspace):
    client.force_login(UserFactory())
    response = client.get(reverse("investigations:home", args=["water"]))
    assert response.status_code == 404


def test_mfa_removed_mid_session_refuses_the_next_post(client, workspace):
    lead = workspace.lead
    client.force_login(lead)
    assert (
        client.get(reverse("investigations:board", args=["water"])).status_code == 200
    )
    _drop_mfa(lead)
    columns_before = Column.objects.count()
    response = client.post(
        reverse("investigations:column_create", args=["water"]), {"name": "Leak"}
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("investigations:mfa_required")
    assert Column.objects.count() == columns_before


def test_documents_urls_need_mfa_too(client, workspace):
    editor = workspace.people["editor"]
    _drop_mfa(editor)
    client.force_login(editor)
    response = client.get(reverse("secure_docs:list", args=["water"]))
    assert response.status_code == 302
    assert response["Location"] == reverse("investigations:mfa_required")


def test_a_security_key_alone_counts_as_mfa():
    user = UserFactory()
    assert has_mfa(user) is False
    Authenticator.objects.create(
        user=user, type=Authenticator.Type.RECOVERY_CODES, data={}
    )
    assert has_mfa(user) is False
    Authenticator.objects.create(user=user, type=Authenticator.Type.WEBAUTHN, data={})
    assert has_mfa(user) is True


def test_webauthn_is_enabled():
    assert "webauthn" in settings.MFA_SUPPORTED_TYPES
    assert settings.MFA_PASSKEY_LOGIN_ENABLED is False


def test_the_add_key_page_is_mounted_behind_reauthentication(client):
    client.force_login(UserFactory())
    response = client.get(reverse("mfa_add_webauthn"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_reauthenticate"))


def test_a_lead_who_creates_a_workspace_without_mfa_sees_the_prompt(client):
    lead = UserFactory()
    InvestigationFactory(created_by=lead, title="Offshore", codename="offshore")
    client.force_login(lead)
    response = client.get(reverse("investigations:home", args=["offshore"]))
    assert response.status_code == 302
    assert response["Location"] == reverse("investigations:mfa_required")
