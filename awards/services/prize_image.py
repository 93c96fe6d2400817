"""The picture of a prize-winning work on the public pages."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext as _
from wagtail.images import get_image_model
from wagtail.permissions import policy_registry

from accounts.models import User
from awards.jury.models import Prize
from awards.permissions import can_organise_award


def prize_image_set(*, prize: Prize, image, actor: User) -> Prize:
    """An award's organisers choose the picture the public pages show with `prize`
    (None removes it): one the actor may choose (their award's collection), or the
    one already set."""
    if not can_organise_award(actor, prize.round.award_id):
        raise PermissionDenied
    if image is not None and image.pk != prize.image_id:
        choosable = policy_registry.get_by_type(
            get_image_model()
        ).instances_user_has_any_permission_for(actor, ["choose"])
        if not choosable.filter(pk=image.pk).exists():
            raise ValidationError(_("Choose one of this award's images."), code="image")
    prize.image = image
    prize.save(update_fields=["image"])
    return prize
