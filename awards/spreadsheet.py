"""Cells written to files people open in a spreadsheet (CSV, XLSX)."""

# A cell starting with one of these runs as a formula in Excel or LibreOffice
# (tab and carriage return too, as some importers strip them first).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(cell):
    """`cell` as text a spreadsheet shows and never evaluates (OWASP's CSV
    injection advice: a leading apostrophe); other values unchanged."""
    if isinstance(cell, str) and cell.startswith(FORMULA_STARTS):
        return "'" + cell
    return cell
