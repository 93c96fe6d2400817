"""Our own date, time and number formats for the languages whose Django formats are
missing (kk) or wrong (uz, ky, tg, tk: ky's decimal point, tk's Russian "г."), taken
from CLDR (babel 2.19's locale data: the yMMMMd, yMMMM, MMMMd and yMd skeletons, the
datetime glue, number symbols and first day of the week). Settings'
FORMAT_MODULE_PATH puts them before Django's; a name missing here falls back to
Django's own. `E` is the month as used after a day ("alt. month" in the catalogue,
CLDR's format-wide name), `F` the month standing alone."""
