"""The status rules: a document's validity state (in force, of unknown
validity, lapsed) and a catalogue entry's status with the reason it gives.

``present`` words documents' states for readers and imports the rule from
here; ``Content.policy_status`` remembers each entry's status.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from ..schema.model import POLICY_STATUS, VALIDITY, VALIDITY_UNKNOWN


def validity(doc):
    """The document's validity as a VALIDITY term (label, description,
    ``extra["state"]``: in-force / lapsed / unknown); VALIDITY_UNKNOWN when
    the content does not give it: unknown is never shown as 有效."""
    value = doc.metadata.validity if doc.metadata else None
    return VALIDITY.term(value) if value else VALIDITY_UNKNOWN


def validity_state(doc) -> str:
    return validity(doc).extra["state"]


@dataclass(frozen=True)
class PolicyStatus:
    """The status a catalogue entry shows, and why."""

    value: str  # a POLICY_STATUS term
    reason: str
    overridden: bool = False

    @property
    def current(self) -> bool:
        return POLICY_STATUS.term(self.value).extra["current"]

    @property
    def state(self) -> str:
        """in-force / lapsed / unknown (the badge's colour)."""
        return POLICY_STATUS.term(self.value).extra["state"]


# Why a catalogue entry has its derived status.
ENTRY_PERIOD_ENDED = "申报期已结束。"
ENTRY_PERIOD_NOT_STARTED = "申报期尚未开始。"
ENTRY_BASIS_IN_FORCE = "依据文件有效。"


def entry_basis_lapsed(docs) -> str:
    """Why an entry whose basis documents are all no longer in force has lapsed."""
    names = "、".join(f"{d.metadata.doc_no or d.title}（{d.metadata.validity}）" for d in docs)
    return f"依据文件 {names} 已不再有效。"


def entry_basis_unknown(docs) -> str:
    """Why an entry none of whose basis documents is stated in force has an unknown status."""
    names = "、".join(f"{d.metadata.doc_no or d.title}（{validity(d).label}）" for d in docs)
    return f"依据文件 {names} 未标注有效性，本条目是否仍适用请向主管部门确认。"


def policy_status(policy, as_of: dt.date | None) -> PolicyStatus:
    """Derived from the basis documents' validity and the application period
    (judged on ``as_of``), unless staff set it (with a reason)."""
    if policy.status_override:
        return PolicyStatus(policy.status_override.status, policy.status_override.reason, True)
    docs = list(dict.fromkeys(b.document for b in policy.basis if b.document))
    states = {validity_state(d) for d in docs}
    if docs and states == {"lapsed"}:
        return PolicyStatus("已失效", entry_basis_lapsed(docs))
    period = policy.application_period
    if period and as_of:
        if period.end and period.end < as_of:
            return PolicyStatus("已截止", ENTRY_PERIOD_ENDED)
        if period.start and period.start > as_of:
            return PolicyStatus("未开始", ENTRY_PERIOD_NOT_STARTED)
    if docs and "in-force" not in states:
        # None stated in force, not all lapsed: at least one unknown.
        return PolicyStatus("有效性未标注", entry_basis_unknown([d for d in docs if validity_state(d) == "unknown"]))
    return PolicyStatus("有效", ENTRY_BASIS_IN_FORCE)
