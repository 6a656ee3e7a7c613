"""The fingerprint ("huella") of the minutes of the assembly that held a consultation.

Self-government prints a meeting's minutes (``governance.documents.acta_pdf``) but keeps no
digest of them, and the PDF itself carries the moment it was printed and the reader's
language, so two printings of the same minutes differ byte for byte. The fingerprint is
therefore a SHA-256 of the minutes' **record**: the facts the PDF prints, written as
canonical JSON (sorted keys, no spaces, UTF-8): the commune and the meeting (by UUID), the
organ, the date, the call, the electorate, the attendance and the quorum, the agenda, every
proposal with its votes and result, who attended (by UUID, sorted: no name or ID number is in
it), and the consultation's own votes. Anyone holding the same rows computes the same 64
hexadecimal characters; a count, an attendee or a vote changed afterwards changes it.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

from comuna.governance.models import Attendance, Meeting, Proposal


def acta_record(
    meeting: Meeting, consultation: Any, counts: dict[str, int], blank: int
) -> dict[str, Any]:
    """What the fingerprint is taken of (``counts``: option UUID → votes)."""
    proposals = Proposal.objects.of(meeting.commune_id).filter(meeting=meeting).order_by("position")
    attendees = (
        Attendance.objects.of(meeting.commune_id)
        .filter(meeting=meeting)
        .values_list("person__uuid", flat=True)
    )
    return {
        "commune": str(meeting.organ.commune.uuid),
        "meeting": str(meeting.uuid),
        "organ": meeting.organ.name,
        "date": meeting.date.isoformat(),
        "call": meeting.call,
        "status": meeting.status,
        "electorate": meeting.quorum_base,
        "present": meeting.attendance_count,
        "quorum": meeting.quorum_required,
        "agenda": [item.title for item in meeting.agenda.order_by("position")],
        "proposals": [
            {
                "position": p.position,
                "title": p.title,
                "status": p.status,
                "for": p.votes_for,
                "against": p.votes_against,
                "abstaining": p.votes_abstaining,
                "blank": p.blank_ballots,
                "present": p.present_at_vote,
            }
            for p in proposals
        ],
        "attendees": sorted(str(u) for u in attendees),
        "consultation": {
            "uuid": str(consultation.uuid),
            "votes": dict(sorted(counts.items())),
            "blank": blank,
        },
    }


def acta_head(record: dict[str, Any]) -> str:
    """The SHA-256 of the record as canonical JSON, in hexadecimal."""
    text = json.dumps(record, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()
