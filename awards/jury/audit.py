"""Old import path of the jury's audit topic. The code lives in selectors/audit.py and
services/audit.py; this module re-exports it for importers outside awards/jury
(awards/publishing.py, the verify_audit command) until they import from there."""

from awards.jury.selectors.audit import (
    GENESIS,
    Break,
    audit_verify,
    canonical,
    chain_hashes,
    link_hash,
)
from awards.jury.services.audit import audit_append

__all__ = [
    "Break",
    "GENESIS",
    "audit_append",
    "audit_verify",
    "canonical",
    "chain_hashes",
    "link_hash",
]
