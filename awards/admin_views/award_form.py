"""The award's edit form in the admin: a team form with translations whose
certificate logo is one of the images the editor may choose (their award's
collection), whatever id a request posts."""

from wagtail.images import get_image_model
from wagtail.permissions import policy_registry

from awards.admin_views.content_translations import TranslatedTeamForm


class AwardAdminForm(TranslatedTeamForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields.get("certificate_logo")
        if field is None or self.for_user is None:
            return
        images = get_image_model()
        choosable = policy_registry.get_by_type(
            images
        ).instances_user_has_any_permission_for(self.for_user, ["choose"])
        # A logo already set stays valid for a colleague who cannot choose it.
        current = self.instance.certificate_logo_id
        field.queryset = images.objects.filter(pk__in=choosable.values("pk")) | (
            images.objects.filter(pk=current)
        )
