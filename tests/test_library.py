"""The content library (healthsite.model.library): pages a site publishes without a copy of its own,
replaced by a file at the same path in content/, turned off by id in content/library.yml, and
signed off by someone at the clinic, with the pages changed by an upgrade listed until they are
signed off again. The library here is a fixture made in the test from the fixture content, so
nothing depends on what the package's library says."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest
import yaml

from healthsite.commands.cli import main as healthsite
from healthsite.model.kinds.benefit import BENEFITS
from healthsite.model.library import LIBRARY_DIR, LIBRARY_VARIABLE, library_page_ids
from healthsite.model.loader import SiteContent, load_content
from healthsite.model.sign_off import approval, library_pages, signed_off
from healthsite.rules import RuleSettings, check_rules
from healthsite.rules.library_sign_off import check_library_sign_off
from healthsite.site_checks.html_tools import read_page, squash
from healthsite.source.errors import ContentErrors, Severity

from .conftest import FIXTURE_CONTENT, TODAY, build, copy_project

pytestmark = pytest.mark.library

LIBRARY_YML = """\
version: 1.0.0
editors:
  - id: lib-writers
    name: The library team
    role: Health content writers
  - id: lib-evidence
    name: The evidence reviewers
    role: Reviewers of each claim against its source
changes:
  - version: 1.0.0
    date: 2026-11-01
    summary: First release.
"""
LIBRARY_FILES = ("benefits", "guides", "faq.yml", "safety.yml", "references.yml")


@pytest.fixture
def library(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A library made of the fixture content's pages, whose reviews name its editors."""
    folder = tmp_path / "library"
    folder.mkdir()
    for name in LIBRARY_FILES:
        source = FIXTURE_CONTENT / name
        if source.is_dir():
            shutil.copytree(source, folder / name)
        else:
            shutil.copy2(source, folder / name)
    for path in folder.rglob("*.yml"):
        text = path.read_text(encoding="utf-8")
        for old, new in (
            ("written_by: [alex]", "lib-writers"),
            ("reviewed_by: [sam]", "lib-evidence"),
        ):
            text = text.replace(old, f"{old.split(':')[0]}: [{new}]")
        path.write_text(text, encoding="utf-8")
    (folder / "library.yml").write_text(LIBRARY_YML, encoding="utf-8")
    monkeypatch.setenv(LIBRARY_VARIABLE, str(folder))
    return folder


@pytest.fixture
def site(tmp_path: Path, library: Path) -> Path:
    """A site whose content/ holds only the clinic's own file."""
    project = copy_project(tmp_path / "site", FIXTURE_CONTENT)
    for name in LIBRARY_FILES:
        target = project / "content" / name
        shutil.rmtree(target) if target.is_dir() else target.unlink()
    return project


def load(project: Path) -> SiteContent:
    return load_content(project / "content", project)


def as_the_clinics_own(content: SiteContent) -> None:
    """`content` as a site that is no longer the example (which nobody is asked to sign off)."""
    content.clinic = content.clinic.model_copy(update={"example": False})


def choose(project: Path, text: str) -> None:
    (project / "content" / "library.yml").write_text(text, encoding="utf-8")


def test_the_library_pages_are_built_with_no_copy_in_the_site(site: Path) -> None:
    content = load(site)
    assert sorted(page.slug for page in content.of(BENEFITS)) == ["back-pain", "stress"]
    assert build(site) == 0
    page = read_page(site / "site" / "benefits" / "stress" / "index.html")
    trust = squash(page.find("aside", class_="hs-trust")[0].text)
    assert "Written by The library team, health content writers." in trust
    assert "Reviewed by The evidence reviewers" in trust
    assert "Read and approved" not in trust  # nobody at the clinic has signed it off


def test_a_clinic_file_at_the_same_path_replaces_the_library_page(site: Path) -> None:
    own = site / "content" / "benefits" / "stress.yml"
    own.parent.mkdir()
    text = (FIXTURE_CONTENT / "benefits" / "stress.yml").read_text(encoding="utf-8")
    own.write_text(text.replace("Massage for stress and worry", "Our own stress page"), "utf-8")
    content = load(site)
    pages = {page.slug: page for page in content.of(BENEFITS)}
    assert pages["stress"].item.title == "Our own stress page"
    assert not content.from_library(pages["stress"].doc)
    assert content.from_library(pages["back-pain"].doc)


def test_an_excluded_page_is_gone_with_its_menu_entry_and_card(
    site: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    choose(site, "exclude:\n  - benefits/back-pain\n")
    content = load(site)
    assert [page.slug for page in content.of(BENEFITS)] == ["stress"]
    assert healthsite(["--root", str(site), "check"]) == 0
    out = capsys.readouterr().err
    assert "not cited" not in out  # the library's sources of that page are simply not published
    assert build(site) == 0
    assert not (site / "site" / "benefits" / "back-pain").exists()
    assert "benefits/back-pain/" not in (site / "site" / "index.html").read_text(encoding="utf-8")


def test_a_hand_written_link_to_an_excluded_page_is_an_error_on_its_line(
    site: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    choose(site, "exclude:\n  - benefits/back-pain\n")
    (site / "docs" / "extra.md").write_text("# Extra\n\nSee [back pain](benefits/back-pain.md).\n")
    assert healthsite(["--root", str(site), "check"]) == 1
    assert "docs/extra.md:3:" in capsys.readouterr().err


def test_an_unknown_page_id_gets_a_did_you_mean(site: Path) -> None:
    choose(site, "exclude:\n  - benefits/backpain\n  - safety\n")
    with pytest.raises(ContentErrors) as refused:
        load(site)
    messages = [(p.line, p.message, p.hint) for p in refused.value.problems]
    assert messages[0][:2] == (2, "'benefits/backpain' is not a page of the healthsite library")
    assert messages[0][2].startswith("did you mean 'benefits/back-pain'?")
    assert messages[1][1].startswith("'safety' is the library's safety data")
    # Not turned off for all that: the library's safety advice is still read.
    assert not [m for m in messages if "missing" in m[1]]


def sign_off(site: Path, *pages: str) -> int:
    return healthsite(["--root", str(site), "sign-off", "--by", "sam", *pages])


def test_sign_off_records_each_page_and_the_page_shows_it(site: Path) -> None:
    choose(site, "# Our choices\nexclude: []\n")
    assert sign_off(site) == 0
    text = (site / "content" / "library.yml").read_text(encoding="utf-8")
    assert text.startswith("# Our choices\nexclude: []\n")  # the clinic's lines are kept
    record = yaml.safe_load(text)["signed_off"]
    assert {(page["by"], page["on"], page["version"]) for page in record["pages"].values()} == {
        ("sam", TODAY, "1.0.0")
    }
    content = load(site)
    assert all(signed_off(content, page) for page in library_pages(content))
    assert sorted(record["pages"]) == sorted(page.id for page in library_pages(content))
    assert build(site) == 0
    page = read_page(site / "site" / "benefits" / "stress" / "index.html")
    approval = squash(page.find("p", class_="hs-approval")[0].text)
    assert approval.startswith("Read and approved for Wattle Lane Remedial Massage by Sam Sample")
    # The page's first date is still its last review, as its structured data says (the site
    # checks compare the two).
    first = page.find("time")[0].attrs["datetime"]
    assert first == page.graph_item("MedicalWebPage")["lastReviewed"] != TODAY


def test_sign_off_refuses_an_unknown_person_or_page(
    site: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert healthsite(["--root", str(site), "sign-off", "--by", "nobody"]) == 1
    assert sign_off(site, "benefits/nope") == 1
    err = capsys.readouterr().err
    assert "no person with the id 'nobody'" in err
    assert "not a library page this site publishes: benefits/nope" in err
    assert not (site / "content" / "library.yml").exists()


def upgrade(library: Path, page: str, summary: str) -> None:
    """A new library version that changes `page`'s text, as an upgrade of healthsite would."""
    path = library / f"{page}.yml"
    path.write_text(path.read_text(encoding="utf-8") + "# corrected\n", encoding="utf-8")
    info = yaml.safe_load((library / "library.yml").read_text(encoding="utf-8"))
    info["version"] = "1.1.0"
    info["changes"].insert(
        0, {"version": "1.1.0", "date": "2026-12-01", "summary": summary, "pages": [page]}
    )
    (library / "library.yml").write_text(yaml.safe_dump(info, sort_keys=False), "utf-8")


def test_an_upgrade_that_changes_a_page_lists_it_until_it_is_signed_off_again(
    site: Path, library: Path
) -> None:
    assert sign_off(site) == 0
    upgrade(library, "benefits/stress", "Warning signs added.")
    content = load(site)
    as_the_clinics_own(content)
    (problem,) = check_library_sign_off(content, date(2026, 12, 2))
    assert problem.severity is Severity.WARNING
    assert problem.file == "content/library.yml"
    assert problem.message == (
        "1 page of the library changed since they were signed off (the library is now 1.1.0): "
        "benefits/stress (1.1.0: Warning signs added.; signed off by sam on 25 November 2026)"
    )
    assert problem.hint.startswith("read them on the site (make serve), then record it: ")
    assert "make sign-off BY=<id> (alex, sam), by 1 March 2027 or the build stops" in (problem.hint)
    # 90 days after the change (content/library.yml may set another period), an error that
    # says why.
    (late,) = check_library_sign_off(content, date(2027, 3, 2))
    assert late.severity is Severity.ERROR
    assert late.message.endswith(
        "The library's change of 1 December 2026 has waited more than 90 days "
        "(sign_off_within_days in content/library.yml), so the build stops"
    )
    # The page no longer shows the clinic's approval; the others still do.
    stress = next(p for p in library_pages(content) if p.id == "benefits/stress")
    assert not signed_off(content, stress)
    assert sign_off(site, "benefits/stress") == 0
    again = load(site)
    as_the_clinics_own(again)
    assert check_library_sign_off(again, date(2026, 12, 2)) == []


def test_the_example_site_is_not_asked_for_a_sign_off(site: Path) -> None:
    content = load(site)
    assert content.clinic.example
    assert check_library_sign_off(content, date(2026, 12, 2)) == []
    as_the_clinics_own(content)
    (never,) = check_library_sign_off(content, date(2026, 12, 2))
    assert never.message.startswith("nobody at the clinic has signed off the")


def test_a_problem_in_a_library_page_says_what_the_clinic_can_do(
    site: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The clinic's own setting (a phrase its mkdocs.yml forbids) flags a library page: the
    message names the library's file and says how to change it or leave it out."""
    config = site / "mkdocs.yml"
    config.write_text(
        config.read_text(encoding="utf-8").replace(
            "      content_dir: content\n",
            "      content_dir: content\n      forbidden_phrases:\n"
            "        - pattern: usual care\n          suggestion: write 'the usual treatment'\n",
        ),
        encoding="utf-8",
    )
    assert healthsite(["--root", str(site), "check"]) == 1
    err = capsys.readouterr().err
    assert "healthsite-library/benefits/back-pain.yml:6:" in err
    assert (
        "this file comes from the healthsite library, which you cannot edit: copy it to "
        "content/benefits/back-pain.yml and change your copy"
    ) in err
    assert "or leave the page out with '- benefits/back-pain' under exclude:" in err


def test_the_packages_own_library_passes_every_rule_on_its_release_date(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The library is the engine's to check: a site with only the fixture clinic's own files,
    the package's library, and every health-content rule on the library's release date."""
    monkeypatch.setenv(LIBRARY_VARIABLE, str(LIBRARY_DIR))
    project = copy_project(tmp_path / "site", FIXTURE_CONTENT)
    for name in LIBRARY_FILES:
        target = project / "content" / name
        shutil.rmtree(target) if target.is_dir() else target.unlink()
    content = load(project)
    assert content.library is not None
    released = content.library.changes[0].date
    problems = check_rules(content, RuleSettings(today=released))
    assert [p.format() for p in problems if p.severity is Severity.ERROR] == []
    assert {p.id for p in library_pages(content)} == set(library_page_ids(LIBRARY_DIR))


def test_a_clinic_fact_a_library_answer_needs_is_asked_of_clinic_yml(
    site: Path, library: Path
) -> None:
    """A library answer shows the clinic's qualifications from clinic.yml; a clinic.yml that
    gives none is told so at its own people, not in the library's file it cannot edit."""
    faq = library / "faq.yml"
    faq.write_text(
        faq.read_text(encoding="utf-8").replace(
            "        answer: Most sessions last 30 to 60 minutes.\n",
            "        answer: Most sessions last 30 to 60 minutes.\n"
            "        clinic_facts: [qualifications]\n",
        ),
        encoding="utf-8",
    )
    clinic = site / "content" / "clinic.yml"
    text = clinic.read_text(encoding="utf-8")
    clinic.write_text(
        "\n".join(line for line in text.splitlines() if "qualifications:" not in line) + "\n",
        encoding="utf-8",
    )
    content = load(site)
    found = [
        p
        for p in check_rules(content, RuleSettings(today=date(2026, 11, 25)))
        if "qualifications" in p.message
    ]
    assert [(p.file, p.message) for p in found] == [
        (
            "content/clinic.yml",
            "no person in clinic.yml has 'qualifications', and the answer to 'How long is a "
            "session?' shows it",
        )
    ]


# -- a site's faq.yml, safety.yml and references.yml merge into the library's, entry by entry --

OWN_FAQ = """\
review:
  last_reviewed: 2026-11-20
  next_review_due: 2027-11-20
  written_by: [sam]
  reviewed_by: [alex]
groups:
  - id: before-your-first-session
    questions:
      - id: how-long
        question: How long is a session?
        answer: Our sessions last 45 or 60 minutes.
      - id: parking
        question: Is there parking?
        answer: Yes, behind the clinic.
  - id: our-clinic
    title: About our clinic
    questions:
      - id: languages
        question: Which languages do you speak?
        answer: English and Vietnamese.
"""


def test_a_faq_answer_with_a_library_id_replaces_it_and_new_ones_are_added(site: Path) -> None:
    (site / "content" / "faq.yml").write_text(OWN_FAQ, encoding="utf-8")
    content = load(site)
    groups = [(g.id, [q.id for q in g.questions]) for g in content.faq.groups]
    assert groups == [
        ("before-your-first-session", ["what-to-wear", "how-long", "parking"]),
        ("safety", ["does-it-hurt", "who-should-wait"]),
        ("our-clinic", ["languages"]),
    ]
    first = content.faq.groups[0]
    assert first.title == "Before your first session"  # the library's, not given here
    assert first.questions[1].answer == "Our sessions last 45 or 60 minutes."
    assert content.faq.title == "Common questions"  # the library's
    doc = content.faq_page.doc
    # Each entry is located in the file it came from.
    assert doc.file_at(("groups", 0, "questions", 0)) == "healthsite-library/faq.yml"
    assert doc.problem(("groups", 0, "questions", 2, "answer"), "x").where == (
        "content/faq.yml:14:17"
    )
    assert doc.problem(("groups", 2, "title"), "x").where == "content/faq.yml:16:12"
    # The page's review is the clinic's (it has entries of its own); its library part is what
    # the clinic signs off.
    assert [p.id for p in library_pages(content)].count("faq") == 1


def test_a_mistake_in_a_merged_entry_is_reported_in_the_sites_file(site: Path) -> None:
    (site / "content" / "faq.yml").write_text(
        OWN_FAQ.replace("        answer: Yes, behind the clinic.\n", "        anser: Yes.\n"),
        encoding="utf-8",
    )
    with pytest.raises(ContentErrors) as refused:
        load(site)
    where = {(p.file, p.line) for p in refused.value.problems}
    assert ("content/faq.yml", 14) in where or ("content/faq.yml", 15) in where, where


def test_a_merged_file_without_its_own_review_is_refused(site: Path) -> None:
    without_review = "groups:\n" + OWN_FAQ.split("groups:\n")[1]
    (site / "content" / "faq.yml").write_text(without_review, encoding="utf-8")
    with pytest.raises(ContentErrors) as refused:
        load(site)
    (problem,) = [p for p in refused.value.problems if "review block of your own" in p.message]
    assert problem.file == "content/faq.yml"


def test_a_safety_entry_and_a_reference_with_a_library_id_replace_it(
    site: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (site / "content" / "safety.yml").write_text(
        "review:\n  last_reviewed: 2026-11-20\n  next_review_due: 2027-11-20\n"
        "  written_by: [sam]\n  reviewed_by: [alex]\n"
        "red_flags:\n  - id: emergency\n    tier: call-000\n"
        "    text: chest pain, trouble breathing, sudden weakness, or trouble speaking\n"
        "    words: [chest pain]\n",
        encoding="utf-8",
    )
    (site / "content" / "references.yml").write_text(
        "ourown2025:\n  authors: Our Clinic\n  year: 2025\n  title: Our own notes\n"
        "  source: Our clinic\n  kind: guideline\n  url: https://example.org/notes\n",
        encoding="utf-8",
    )
    content = load(site)
    emergency = content.safety.entry("emergency")
    assert emergency is not None and emergency.text.endswith("or trouble speaking")
    assert content.safety.entry("cauda-equina") is not None  # the library's, kept
    assert {"moyer2004", "ourown2025"} <= set(content.references)
    assert healthsite(["--root", str(site), "check"]) in {0, 1}
    err = capsys.readouterr().err
    # The clinic's uncited reference is reported in its own file; the library's are not.
    assert "content/references.yml:1:1: warning in 'ourown2025': the reference 'ourown2025'" in err
    assert "healthsite-library/references.yml" not in err


def test_each_page_names_the_person_who_read_it(site: Path, library: Path) -> None:
    """Signing off one changed page credits that page only, not every page, to the reader."""
    assert sign_off(site) == 0
    upgrade(library, "benefits/stress", "Warning signs added.")
    assert healthsite(["--root", str(site), "sign-off", "--by", "alex", "benefits/stress"]) == 0
    content = load(site)
    by_page = {page.id: approval(content, page.doc) for page in library_pages(content)}
    stress, back_pain = by_page["benefits/stress"], by_page["benefits/back-pain"]
    assert stress is not None and stress.person.id == "alex"
    assert back_pain is not None and back_pain.person.id == "sam"


def test_a_library_change_to_a_page_the_clinic_replaced_is_a_warning_at_its_copy(
    site: Path, library: Path
) -> None:
    own = site / "content" / "benefits" / "stress.yml"
    own.parent.mkdir()
    own.write_text(
        (FIXTURE_CONTENT / "benefits" / "stress.yml").read_text(encoding="utf-8"), "utf-8"
    )
    assert sign_off(site) == 0
    upgrade(library, "benefits/stress", "Warning signs added.")
    content = load(site)
    as_the_clinics_own(content)
    (warning,) = check_library_sign_off(content, date(2026, 12, 2))
    assert warning.severity is Severity.WARNING
    assert warning.file == "content/benefits/stress.yml"
    assert warning.message.startswith(
        "the library changed its own benefits/stress (1.1.0: Warning signs added.), which this "
        "file of yours replaces"
    )


def test_a_mistyped_group_or_a_question_in_another_group_gets_a_clear_message(
    site: Path,
) -> None:
    (site / "content" / "faq.yml").write_text(
        OWN_FAQ.replace(
            "  - id: before-your-first-session\n", "  - id: before-your-first-visit\n"
        ).replace("      - id: parking\n", "      - id: does-it-hurt\n"),
        encoding="utf-8",
    )
    with pytest.raises(ContentErrors) as refused:
        load(site)
    (group,) = [p for p in refused.value.problems if "not a group" in p.message]
    assert (group.file, group.line) == ("content/faq.yml", 7)
    assert group.message.startswith("'before-your-first-visit' is not a group of the library's")
    assert group.hint.startswith("did you mean 'before-your-first-session'?")
    (site / "content" / "faq.yml").write_text(
        OWN_FAQ.replace("      - id: parking\n", "      - id: does-it-hurt\n"), encoding="utf-8"
    )
    content_errors = []
    try:
        load(site)
    except ContentErrors as exc:
        content_errors = exc.problems
    (duplicate,) = [p for p in content_errors if "does-it-hurt" in p.message]
    assert duplicate.file == "content/faq.yml"
    assert (
        duplicate.message
        == "the id 'does-it-hurt' is a question of the library's, in its group 'safety'"
    )
    assert duplicate.hint.startswith("to replace it, put yours under the group with id 'safety'")
