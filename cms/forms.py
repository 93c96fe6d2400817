"""Admin forms of the public site's pages."""

from wagtail.admin.forms import WagtailAdminPageForm

from awards import selectors


class AwardPageForm(WagtailAdminPageForm):
    """The award chooser offers only the awards the editor organises, so an
    organiser cannot hand their page to another award (nor take one over)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "award" in self.fields and self.for_user is not None:
            awards = selectors.awards_for_organiser(user=self.for_user)
            self.fields["award"].queryset = self.fields["award"].queryset.filter(
                pk__in=awards.values("pk")
            )
