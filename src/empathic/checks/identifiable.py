"""identifiable_customer: the reply tells of another customer who could be recognised.

A named person (a courtesy title and a surname, or a common given name and a surname) is
identifiable by itself, unless the name is the customer's own (it appears in their message),
sits on a greeting or sign-off line, or belongs to staff or to the agent's or customer's own
people ("our engineer Dave", "your landlord Mr. Silva"). Someone described without a name
("a lady from Leeds", "the gentleman at 23 Ash Grove") is identifiable with a distinctive
detail in the same sentence: a place or business name, an address, a tie to the customer's
own street or building, or a contact or account number.
"""

from __future__ import annotations

from empathic.checks.registry import check
from empathic.facts.text import reply_facts
from empathic.types import Analysis, Pitfall


@check("identifiable_customer")
def identifiable_customer(analysis: Analysis) -> list[Pitfall]:
    """Another customer who could be recognised: a name, a town, an address, an account detail."""
    out = []
    for facts in reply_facts(analysis):
        sent, mentions = facts.span, facts.identifiable
        if not mentions:
            continue
        reasons = list(dict.fromkeys(m.reason for m in mentions))
        out.append(
            Pitfall(
                kind="identifiable_customer",
                message=(
                    f"This tells of another customer with details that could identify them ({', '.join(reasons)}). "
                    "That breaks their privacy and tells this customer their own story could be passed on; "
                    'say "other customers have had this too" without the details.'
                ),
                span=sent,
                severity="error",
            )
        )
    return out
