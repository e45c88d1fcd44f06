"""The calibration lab: reviewers correct the tool on stored turns, and see how far they and it agree.

:mod:`empathic.calibration.reviews` holds the data model (:class:`Review`), the store table and the
library API (:func:`add_review`, :func:`list_reviews`, :func:`delete_review`, :func:`reviewed_turns`).
"""

from empathic.calibration.reviews import (
    ITEMS,
    VERDICTS,
    VERDICTS_BY_ITEM,
    Review,
    add_review,
    add_reviews,
    analysis_version,
    delete_review,
    get_review,
    list_reviews,
    reviewed_turns,
)

__all__ = [
    "ITEMS",
    "VERDICTS",
    "VERDICTS_BY_ITEM",
    "Review",
    "add_review",
    "add_reviews",
    "analysis_version",
    "delete_review",
    "get_review",
    "list_reviews",
    "reviewed_turns",
]
