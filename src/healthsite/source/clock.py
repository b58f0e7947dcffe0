"""The build's idea of today. Tests and previews set $HEALTHSITE_TODAY so that review-date
rules do not depend on the real calendar (no time bombs in the test suite)."""

from __future__ import annotations

import os
from datetime import date

TODAY_VARIABLE = "HEALTHSITE_TODAY"


def build_date() -> date:
    """Today, or the date in $HEALTHSITE_TODAY (YYYY-MM-DD)."""
    value = os.environ.get(TODAY_VARIABLE)
    if not value:
        return date.today()
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise ValueError(f"{TODAY_VARIABLE}={value!r} is not a date (write YYYY-MM-DD)") from None
