"""The generator tests never read the calendar: the fixed date (`conftest.TODAY`) holds in a
module-scoped fixture, which pytest sets up before any test's own fixtures, as it does in a
test. A fixture that builds a site on the real date would start failing the day a fixture's
review falls due."""

from __future__ import annotations

from datetime import date

import pytest

from healthsite.source.clock import build_date

from .conftest import TODAY


@pytest.fixture(scope="module")
def day_of_a_module_fixture() -> date:
    return build_date()


def test_a_module_scoped_fixture_builds_on_the_fixed_date(day_of_a_module_fixture: date) -> None:
    assert day_of_a_module_fixture == date.fromisoformat(TODAY)
    assert build_date() == date.fromisoformat(TODAY)
