"""`healthsite reviews`: the pages due for review soon, as the weekly reminder shows them.

Every case runs the command on a copy of the fixture content with a fixed "today" (conftest:
2026-11-25) and pins the whole output.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from healthsite.commands.cli import main

from .conftest import FIXTURE_CONTENT, copy_project

STRESS = "content/benefits/stress.yml"
FAQ = "content/faq.yml"
HOW_TO = (
    "To review a page, read each claim against its sources and fix anything out of date, then "
    "set `last_reviewed` to the date of the review and `next_review_due` to a date at most 3 "
    'years later (see "Review blocks" in `content/README.md`).'
)
STOPS_THE_BUILD = (
    "A page past its review date stops the build, so the live site is not updated until the "
    "page is reviewed."
)


def project(tmp_path: Path, **due: str) -> Path:
    """The fixture site, with `next_review_due` changed in the files named (stress=, faq=) and
    their last review moved back two years (a review is due after the last one)."""
    root = copy_project(tmp_path / "site", content=FIXTURE_CONTENT)
    files = {"stress": root / STRESS, "faq": root / FAQ}
    for name, day in due.items():
        path = files[name]
        text = path.read_text(encoding="utf-8")
        dates = "last_reviewed: 2026-11-20\n  next_review_due: 2028-11-20"
        assert dates in text
        path.write_text(text.replace(dates, f"last_reviewed: 2024-11-20\n  next_review_due: {day}"))
    return root


def run(root: Path, *args: str, capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(["--root", str(root), "reviews", *args])
    out, err = capsys.readouterr()
    return code, out, err


def test_pages_due_soon_and_overdue_are_listed_soonest_first(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = project(tmp_path, stress="2026-12-20", faq="2026-11-01")
    code, out, err = run(root, capsys=capsys)
    assert (code, err) == (0, "")
    assert out == "\n".join(
        [
            "Pages due for review within 60 days (today is 2026-11-25):",
            f"{FAQ}:27: Common questions: review OVERDUE since 2026-11-01, 24 days ago",
            f"{STRESS}:27: Stress and worry: review due 2026-12-20, in 25 days",
            "",
            STOPS_THE_BUILD,
            HOW_TO,
            "",
        ]
    )


def test_markdown_for_the_reminder_issue(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = project(tmp_path, stress="2026-12-20", faq="2026-11-25")
    code, out, _ = run(root, "--format", "markdown", capsys=capsys)
    assert code == 0
    assert out == "\n".join(
        [
            "## Pages due for review",
            "",
            "Today is 2026-11-25. These pages are overdue for review or due within the next 60 "
            "days:",
            "",
            "| Page | File | Review due | When |",
            "| --- | --- | --- | --- |",
            f"| Common questions | `{FAQ}` line 27 | 2026-11-25 | today |",
            f"| Stress and worry | `{STRESS}` line 27 | 2026-12-20 | in 25 days |",
            "",
            STOPS_THE_BUILD,
            "",
            HOW_TO,
            "",
        ]
    )


def test_markdown_links_each_file_to_its_line_and_marks_overdue_pages(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = project(tmp_path, faq="2026-11-24")
    base = "https://github.com/clinic/site/blob/0123abc/"
    _, out, _ = run(root, "--format", "markdown", "--source-url", base, capsys=capsys)
    assert (
        f"| Common questions | [`{FAQ}` line 27]({base}{FAQ}#L27) | 2026-11-24 "
        "| **overdue**, 1 day ago |"
    ) in out.splitlines()


def test_nothing_due(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = project(tmp_path)  # every page is due 2028-11-20
    assert run(root, capsys=capsys) == (
        0,
        "No page is due for review within 60 days (today is 2026-11-25).\n",
        "",
    )
    assert run(root, "--format", "markdown", capsys=capsys) == (
        0,
        "## Pages due for review\n\n"
        "Today is 2026-11-25. No page is due for review within the next 60 days.\n",
        "",
    )
    assert run(root, "--exit-code", capsys=capsys)[0] == 0


def test_the_window_is_the_builds_unless_asked(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # Due in 61 days: outside the build's 60-day warning, inside a 90-day look-ahead.
    root = project(tmp_path, stress="2027-01-25")
    assert run(root, capsys=capsys)[1].startswith("No page is due for review within 60 days")
    code, out, _ = run(root, "--within", "90", "--exit-code", capsys=capsys)
    assert code == 1
    assert out.splitlines()[:2] == [
        "Pages due for review within 90 days (today is 2026-11-25):",
        f"{STRESS}:27: Stress and worry: review due 2027-01-25, in 61 days",
    ]


def test_a_clinic_that_only_warns_is_told_what_happens(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = project(tmp_path, stress="2026-11-01")
    config = root / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    assert "overdue_review: error" in text
    config.write_text(text.replace("overdue_review: error", "overdue_review: warn"))
    _, out, _ = run(root, capsys=capsys)
    assert (
        'A page past its review date is published with an "overdue for review" notice '
        "(`overdue_review: warn` in `mkdocs.yml`)."
    ) in out.splitlines()


def test_page_titles_cannot_break_the_markdown_table(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = project(tmp_path, stress="2026-12-01")
    path = root / STRESS
    path.write_text(
        path.read_text(encoding="utf-8").replace(
            "nav_title: Stress and worry", "nav_title: Stress | worry *now* [1]"
        )
    )
    _, out, _ = run(root, "--format", "markdown", capsys=capsys)
    assert (
        rf"| Stress \| worry \*now\* \[1\] | `{STRESS}` line 27 | 2026-12-01 | in 6 days |"
    ) in out.splitlines()


def test_content_that_cannot_be_read_is_reported_not_listed(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = project(tmp_path)
    (root / FAQ).write_text("title: [unclosed\n", encoding="utf-8")
    code, out, err = run(root, "--exit-code", capsys=capsys)
    assert code == 2
    assert out == ""
    assert err.startswith(f"{FAQ}:")


def test_within_must_be_a_number_of_days(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["--root", str(tmp_path), "reviews", "--within", "-5"])
    assert exit_info.value.code == 2
    assert "'-5' is not a whole number of days" in capsys.readouterr().err


def test_legal_pages_are_listed_unless_turned_off(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The privacy policy and accessibility statement fall due like any page; one the clinic
    has turned off in mkdocs.yml is not published, so it is not listed."""
    root = project(tmp_path)
    privacy = "content/clinic.yml:56: Privacy policy: review due 2027-11-20, in 360 days"
    access = "content/clinic.yml:62: Accessibility statement: review due 2027-11-20, in 360 days"
    code, out, err = run(root, "--within", "400", capsys=capsys)
    assert (code, err) == (0, "")
    assert [line for line in out.splitlines() if "clinic.yml" in line] == [privacy, access]
    config = root / "mkdocs.yml"
    config.write_text(
        config.read_text().replace(
            "  - healthsite:\n", "  - healthsite:\n      accessibility_page: false\n"
        )
    )
    code, out, err = run(root, "--within", "400", capsys=capsys)
    assert [line for line in out.splitlines() if "clinic.yml" in line] == [privacy]
