"""The people an award's admin screens are tried as, and how a Wagtail admin
answer reads in a permission table (shared by the team and page tables)."""

ROLES = (
    "organiser",
    "other_organiser",
    "observer",
    "superuser",
    "juror",
    "entrant",
    "anonymous",
)
# DENIED is Wagtail's refusal (a redirect to the dashboard with a message), DONE a
# change or a step that went through (a redirect elsewhere), LOGIN the admin's login.
LOGIN, DENIED, DONE = "login", "denied", "done"
# Juror, entrant and anonymous visitor: none is staff, the admin sends them to log in.
OUTSIDERS = (LOGIN, LOGIN, LOGIN)


def admin_answer(response) -> int | str:
    """A status code, or what a redirect means."""
    if response.status_code != 302:
        return response.status_code
    location = response["Location"]
    if location.startswith("/admin/login/"):
        return LOGIN
    if location == "/admin/":
        return DENIED
    return DONE
