"""Table columns for long staff listings."""

from django.template.base import render_value_in_context
from django.utils.html import format_html
from wagtail.admin.ui.tables import Column


class TextColumn(Column):
    """A column whose cell is one value, written in Python instead of through
    Wagtail's cell template: a page of 50 entries has 350 such cells, and a
    template render each was most of the page's time. The value goes through
    `render_value_in_context`, as `{{ value }}` would: the user's time zone,
    localised formats, escaping."""

    def render_cell_html(self, instance, parent_context):
        value = self.get_cell_context_data(instance, parent_context)["value"]
        text = "" if value is None else render_value_in_context(value, parent_context)
        if self.classname:
            return format_html('<td class="{}">{}</td>', self.classname, text)
        return format_html("<td>{}</td>", text)
