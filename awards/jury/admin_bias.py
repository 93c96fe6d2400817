"""The national-bias report of a round in the Wagtail admin (routed in
awards/jury/viewsets.py): a chart with a table alternative, and its exports.
Whoever sees the round's results sees the report (admin_views._round)."""

from django.http import HttpRequest, HttpResponse
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from awards.jury import selectors
from awards.jury.admin_views import RoundTemplateView, _round, table_download
from awards.jury.selectors.bias import ALPHA, MIN_ENTRIES, PERMUTATIONS, CountryBias

# The chart: one bar per country from a zero line in the middle, in SVG units.
CHART_WIDTH = 600
LABEL_WIDTH = 160
BAR_HEIGHT = 28
# Room left at each end of the widest bar for its value ("-12.34 *").
BAR_MARGIN = 64


def _number(value) -> str:
    return number_format(value, 4) if value != "" else "–"


def _verdict(line: CountryBias) -> str:
    if not line.is_enough_data:
        return _("too little data")
    if line.is_biased:
        return _("bias: own-country entries scored differently")
    return _("no evidence of bias")


def bias_table(report: list[CountryBias]) -> tuple[list[str], list[list]]:
    """The report as a header and rows, for the page's table and the exports."""
    header = [
        _("Juror country"),
        _("Jurors"),
        _("Own-country scores"),
        _("Other-country scores"),
        _("Own-country entries compared"),
        _("Other-country entries compared"),
        _("Mean difference (own − other)"),
        _("p-value"),
        _("Verdict"),
    ]
    rows = [
        [
            f"{line.country_name} ({line.country})",
            line.jurors,
            line.own_scores,
            line.other_scores,
            line.own_entries,
            line.other_entries,
            round(line.difference, 4) if line.difference is not None else "",
            round(line.p_value, 4) if line.p_value is not None else "",
            _verdict(line),
        ]
        for line in report
    ]
    return header, rows


def bias_chart(report: list[CountryBias]) -> dict:
    """Bars laid out for the SVG: the widest difference spans half the plot."""
    plot = CHART_WIDTH - LABEL_WIDTH
    zero = LABEL_WIDTH + plot / 2
    peak = max((abs(line.difference or 0) for line in report), default=0) or 1
    bars = []
    for n, line in enumerate(report):
        diff = line.difference or 0
        length = round(abs(diff) / peak * (plot / 2 - BAR_MARGIN), 1)
        x = zero if diff >= 0 else zero - length
        bars.append(
            {
                "line": line,
                "y": n * BAR_HEIGHT + 4,
                "text_y": n * BAR_HEIGHT + BAR_HEIGHT / 2 + 5,
                "x": round(x, 1),
                "width": length,
                "value_x": round(zero + length + 4 if diff >= 0 else x - 4, 1),
                "anchor": "start" if diff >= 0 else "end",
            }
        )
    return {
        "bars": bars,
        "width": CHART_WIDTH,
        "height": max(len(report), 1) * BAR_HEIGHT + 8,
        "zero": zero,
        "label_x": LABEL_WIDTH - 8,
    }


class BiasView(RoundTemplateView):
    """Per juror country: own − other difference, its p-value and the verdict."""

    template_name = "awards/admin/round_bias.html"
    header_icon = "warning"

    def get_page_title(self):
        return _("National-bias report: %(round)s") % {"round": self.round}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        report = selectors.bias_report(round=self.round)
        header, rows = bias_table(report)
        summary = "; ".join(
            f"{row[0]}: {_number(row[6])} (p = {_number(row[7])}, {row[8]})"
            for row in rows
        )
        context.update(
            round=self.round,
            report=report,
            header=header,
            rows=rows,
            chart=bias_chart(report),
            chart_label=_("Mean difference own − other per juror country: %(s)s")
            % {"s": summary},
            alpha=ALPHA,
            min_entries=MIN_ENTRIES,
            permutations=PERMUTATIONS,
        )
        return context


def bias_export(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    """The report's table as CSV or XLSX."""
    round_ = _round(request, pk)
    header, rows = bias_table(selectors.bias_report(round=round_))
    return table_download(
        header,
        rows,
        name=f"round-{round_.pk}-national-bias",
        fmt=fmt,
        title="national bias",
    )
