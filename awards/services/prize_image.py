"""The picture of a prize-winning work on the public pages."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext as _
from wagtail.images import get_image_model
from wagtail.permissions import policy_registry

from accounts.models import User
from awards import permissions as award_permissions
from awards.jury.models import Prize
from awards.permissions import can_organise_award


def award_images(*, award, user):
    """The images `user` may choose for `award`'s prizes: in the award's own
    collection (or below it), never another award's, even one they organise too."""
    collection = award_permissions.award_collection(award)
    choosable = policy_registry.get_by_type(
        get_image_model()
    ).instances_user_has_any_permission_for(user, ["choose"])
    return choosable.filter(collection__in=collection.get_descendants(inclusive=True))


def prize_image_set(*, prize: Prize, image, actor: User) -> Prize:
    """An award's organisers choose the picture the public pages show with `prize`
    (None removes it): one of `award_images` (the award's own collection, among
    those the actor may choose), or the one already set."""
    if not can_organise_award(actor, prize.round.award_id):
        raise PermissionDenied
    if image is not None and image.pk != prize.image_id:
        choosable = award_images(award=prize.round.award, user=actor)
        if not choosable.filter(pk=image.pk).exists():
            raise ValidationError(_("Choose one of this award's images."), code="image")
    prize.image = image
    prize.save(update_fields=["image"])
    return prize
