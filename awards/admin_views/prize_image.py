"""The picture of a prize-winning work, chosen on a screen of its own reached from
the award's prizes (routed in awards/wagtail_hooks.py): one of the images the
organiser may choose (their award's collection), whatever id a request posts."""

from django import forms
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail.images import get_image_model
from wagtail.images.widgets import AdminImageChooser

from awards import services
from awards.admin_views._base import PrizeFormView
from awards.services.prize_image import award_images


class PrizeImageForm(forms.Form):
    image = forms.ModelChoiceField(
        label=_("Picture of the work"),
        queryset=get_image_model().objects.none(),
        required=False,
        widget=AdminImageChooser,
        help_text=_(
            "Shown on the winner's card and the work's public page. Leave empty for "
            "none. Upload it first to the award's collection of images."
        ),
    )

    def __init__(self, *args, award, user, current, **kwargs):
        super().__init__(*args, **kwargs)
        images = get_image_model()
        self.fields["image"].queryset = images.objects.filter(
            pk__in=award_images(award=award, user=user).values("pk")
        ) | images.objects.filter(pk=current)


class PrizeImageView(PrizeFormView):
    """Choose or remove the picture of one prize's work. Organisers of its award."""

    template_name = "awards/admin/prize_image.html"
    header_icon = "image"

    def get_page_title(self):
        return gettext("Picture of the work: %(title)s") % {
            "title": self.prize.entry.title
        }

    def make_form(self, data=None) -> PrizeImageForm:
        return PrizeImageForm(
            data,
            award=self.prize.round.award,
            user=self.request.user,
            current=self.prize.image_id,
            initial={"image": self.prize.image_id},
        )

    def save(self, form) -> None:
        services.prize_image_set(
            prize=self.prize, image=form.cleaned_data["image"], actor=self.request.user
        )

    def success_message(self) -> str:
        return gettext("The picture is saved.")
