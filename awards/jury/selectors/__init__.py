"""Every read of juries, one module per topic. Callers use
`from awards.jury import selectors` and `selectors.round_results(...)`; modules
inside the package import each other by module, never through this file."""

from awards.jury.selectors.assignment import AssignmentPlan, Shortfall, plan, solve
from awards.jury.selectors.audit import (
    GENESIS,
    Break,
    audit_verify,
    canonical,
    chain_hashes,
    link_hash,
)
from awards.jury.selectors.bias import (
    CountryBias,
    Sheet,
    bias_report,
    country_bias,
    juror_effects,
    own_country_effects,
    permutation_test,
)
from awards.jury.selectors.bids import (
    bid_costs,
    bidding_seat,
    bids_for_juror,
    expertise_seats,
    preference_costs,
    rounds_taking_bids,
)
from awards.jury.selectors.blind import blind_copy, neutral_name
from awards.jury.selectors.conflicts import conflict_map, has_conflict, normalise_outlet
from awards.jury.selectors.constraints import (
    EntryConstraints,
    round_constraint_checks,
)
from awards.jury.selectors.export import as_csv, as_xlsx, score_matrix
from awards.jury.selectors.feedback import (
    Feedback,
    feedback_for_entrant,
    sheets_with_feedback,
)
from awards.jury.selectors.reminders import reminders_due
from awards.jury.selectors.results import (
    DistributionChart,
    EntryResult,
    JurorStats,
    RoundResults,
    distribution_chart,
    juror_statistics,
    round_results,
    round_to,
    submitted_sheets,
)
from awards.jury.selectors.rounds import (
    entries_for_round,
    entry_states_for,
    is_first_round,
    jurors_with_load,
    round_assignments,
)
from awards.jury.selectors.rubric import (
    is_in_range,
    is_on_step,
    plain,
    rubric_for,
    weighted_total,
)
from awards.jury.selectors.scoring import (
    VISIBLE_STATES,
    OtherScore,
    assignment_for_juror,
    assignments_for_juror,
    others_scores,
    rounds_for_juror,
    sheet_of,
    sheet_scores,
)

__all__ = [
    "AssignmentPlan",
    "Break",
    "CountryBias",
    "DistributionChart",
    "EntryConstraints",
    "EntryResult",
    "Feedback",
    "GENESIS",
    "JurorStats",
    "OtherScore",
    "RoundResults",
    "Sheet",
    "Shortfall",
    "VISIBLE_STATES",
    "as_csv",
    "as_xlsx",
    "assignment_for_juror",
    "assignments_for_juror",
    "audit_verify",
    "bias_report",
    "bid_costs",
    "bidding_seat",
    "bids_for_juror",
    "blind_copy",
    "canonical",
    "chain_hashes",
    "conflict_map",
    "country_bias",
    "distribution_chart",
    "entries_for_round",
    "entry_states_for",
    "expertise_seats",
    "feedback_for_entrant",
    "has_conflict",
    "is_first_round",
    "is_in_range",
    "is_on_step",
    "juror_statistics",
    "juror_effects",
    "jurors_with_load",
    "link_hash",
    "neutral_name",
    "normalise_outlet",
    "others_scores",
    "own_country_effects",
    "permutation_test",
    "plain",
    "plan",
    "preference_costs",
    "reminders_due",
    "round_assignments",
    "round_constraint_checks",
    "round_results",
    "round_to",
    "rounds_taking_bids",
    "rounds_for_juror",
    "rubric_for",
    "score_matrix",
    "sheet_of",
    "sheet_scores",
    "sheets_with_feedback",
    "solve",
    "submitted_sheets",
    "weighted_total",
]
