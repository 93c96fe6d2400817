"""Moved to awards.services.teams. Kept so that modules outside awards' core (demo
data, tests) import it until they are switched over."""

from awards.services.teams import TEAM_GROUP, team_member_add, team_member_remove

__all__ = ["TEAM_GROUP", "team_member_add", "team_member_remove"]
