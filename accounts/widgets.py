"""Form widgets the apps share."""

from functools import lru_cache

from django import forms
from django.forms.utils import flatatt
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe


@lru_cache(maxsize=64)
def _options(choices: tuple[tuple[str, str], ...]) -> tuple[tuple[str, str], ...]:
    """Each choice's value and its `<option>` without the `selected` mark, escaped
    once for this list in this language."""
    return tuple(
        (
            value,
            format_html('<option value="{}"', value)
            + format_html(">{}</option>", label),
        )
        for value, label in choices
    )


class LongSelect(forms.Select):
    """A select with a long, fixed list of plain options (the 250 countries).

    Django renders each option through a template: 7 ms for the countries, on every
    entry form and profile page. This widget escapes the options once per list and
    language and marks the selected one; the HTML is the same as Select's (a test
    compares them). A list with groups is rendered by Select itself.
    """

    def render(self, name, value, attrs=None, renderer=None) -> SafeString:
        if any(isinstance(label, (list, tuple)) for _, label in self.choices):
            return super().render(name, value, attrs, renderer)
        choices = tuple((str(v), str(label)) for v, label in self.choices)
        # Widget's context, not ChoiceWidget's: the options are not built as dicts.
        widget = forms.Widget.get_context(self, name, value, attrs)["widget"]
        selected = set(widget["value"])
        parts, marked = [], False
        for option_value, html in _options(choices):
            if not marked and option_value in selected:
                html = html.replace(">", " selected>", 1)
                marked = True
            parts.append(html)
        return format_html(
            '<select name="{}"{}>{}</select>',
            name,
            flatatt(widget["attrs"]),
            mark_safe("".join(parts)),  # noqa: S308 - each part escaped by format_html
        )
