"""Translated titles and summaries of prize-winning entries, in the Wagtail admin
(registered in awards/wagtail_hooks.py)."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail.admin.views.generic import CreateView, EditView
from wagtail.admin.viewsets.model import ModelViewSet

from awards import selectors, services
from awards.admin_views import scoping
from awards.models import EntryTranslation


class _TranslationSaveMixin:
    """Write through `services.entry_translation_save`, not `form.save()`, and
    show its refusal (the entry's own language) on the form."""

    def get_form(self, *args, **kwargs):
        # The entry chooser offers only entries of the awards the user organises.
        form = super().get_form(*args, **kwargs)
        if "entry" in form.fields:
            awards = selectors.awards_for_organiser(user=self.request.user)
            form.fields["entry"].queryset = form.fields["entry"].queryset.filter(
                category__award__in=awards.values("pk")
            )
        return form

    def save_instance(self):
        data = self.form.cleaned_data
        return services.entry_translation_save(
            entry=data["entry"],
            language=data["language"],
            title=data["title"],
            summary=data.get("summary", ""),
            actor=self.request.user,
        )

    def form_valid(self, form):
        try:
            return super().form_valid(form)
        except ValidationError as error:
            form.add_error(None, error)
            self.produced_error_message = self.get_error_message()
            return self.form_invalid(form)


class TranslationCreateView(_TranslationSaveMixin, CreateView):
    pass


class TranslationEditView(scoping.TeamObjectMixin, _TranslationSaveMixin, EditView):
    team_action = "change"


class EntryTranslationViewSet(ModelViewSet):
    """Translated titles and summaries of prize-winning entries for the public site."""

    model = EntryTranslation
    icon = "globe"
    menu_label = _("Entry translations")
    add_to_admin_menu = False
    list_display = ["entry", "language", "title"]
    search_fields = ["title", "entry__title"]
    search_backend_name = None
    copy_view_enabled = False
    form_fields = ["entry", "language", "title", "summary"]
    add_view_class = TranslationCreateView
    index_view_class = scoping.TeamIndexView
    delete_view_class = scoping.TeamDeleteView
    edit_view_class = TranslationEditView

    def get_queryset(self, request):
        return EntryTranslation.objects.select_related("entry")
