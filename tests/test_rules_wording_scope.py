"""Wording rules reach everything a reader sees: clinic.yml, docs/*.md, and phrases a clinic
adds in mkdocs.yml; honest negations ("does not cure") are not claims."""

from __future__ import annotations

from pathlib import Path

import pytest

from healthsite.commands.cli import main
from healthsite.rules.settings import DEFAULT_FORBIDDEN, ForbiddenPhrase, any_phrase
from healthsite.rules.wording import find_overclaims

from .conftest import FIXTURE_CONTENT, copy_project


@pytest.mark.parametrize(
    ("sentence", "flagged"),
    [
        ("Massage cures back pain.", ["cures"]),
        ("Massage is proven.", ["proven"]),
        ("It is not only safe but proven to work.", ["proven"]),
        ("It does not cure illness.", []),
        ("There is no cure for arthritis.", []),
        ("We never guarantee results.", []),
        ("Massage is not proven to help sleep.", []),
        ("Massage is no doubt a cure for headaches.", ["cure"]),
        ("Massage is not only a cure for pain but relaxing.", ["cure"]),
        ("No pain, guaranteed results.", ["guaranteed"]),
        ("It is not cheap, but it cures back pain.", ["cures"]),
    ],
)
def test_negated_phrases_are_not_claims(sentence: str, flagged: list[str]) -> None:
    assert [c.words for c in find_overclaims(sentence, DEFAULT_FORBIDDEN)] == flagged


@pytest.mark.parametrize(
    "sentence",
    [
        "Massage cures back pain.",
        "A secure, curated space.",  # "cure" inside words
        "It cured my back, she said.",
        "Results are 100% guaranteed.",
        "A risk free and detoxifying miracle.",
        "Nothing here claims anything.",
        "proven",
        "Improvement, not proof.",
    ],
)
def test_the_joined_search_finds_a_sentence_exactly_when_a_phrase_does(sentence: str) -> None:
    joined = any_phrase(DEFAULT_FORBIDDEN)
    assert joined is not None
    each = any(phrase.regex().search(sentence) for phrase in DEFAULT_FORBIDDEN)
    assert (joined.search(sentence) is not None) == each


def test_phrases_with_groups_are_each_looked_for_on_their_own() -> None:
    # Joined, the second phrase's \1 would name the first phrase's group and match nothing.
    phrases = (
        ForbiddenPhrase(r"(w)onder", "say what it does"),
        ForbiddenPhrase(r"(\w+) and \1", "say it once"),
    )
    assert any_phrase(phrases) is None
    claims = find_overclaims("It gets better and better.", phrases)
    assert [claim.words for claim in claims] == ["better and better"]


def check(project: Path) -> int:
    return main(["--root", str(project), "check"])


def test_clinic_description_is_checked(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    project = copy_project(tmp_path / "p", FIXTURE_CONTENT)
    clinic = project / "content" / "clinic.yml"
    clinic.write_text(
        clinic.read_text().replace(
            "  A fictional remedial massage clinic", "  A risk-free remedial massage clinic"
        )
    )
    assert check(project) == 1
    err = capsys.readouterr().err
    assert err.startswith("content/clinic.yml:7:3: error in 'description': \"risk-free\" claims")


def test_hand_written_pages_are_checked(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    project = copy_project(tmp_path / "p", FIXTURE_CONTENT)
    with (project / "docs" / "safety.md").open("a") as page:
        page.write("\nOur massage is proven to cure cancer.\n")
    assert check(project) == 1
    lines = capsys.readouterr().err.splitlines()
    line_no = len((project / "docs" / "safety.md").read_text().splitlines())
    assert (
        f'docs/safety.md:{line_no}:16: error: "proven" claims more than the research shows'
        in (lines[0])
    )
    assert any(line.startswith(f"docs/safety.md:{line_no}:") and '"cure"' in line for line in lines)


def test_clinic_can_add_forbidden_phrases_in_mkdocs_yml(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    project = copy_project(tmp_path / "p", FIXTURE_CONTENT)
    config = project / "mkdocs.yml"
    config.write_text(
        config.read_text().replace(
            "      overdue_review: error",
            "      overdue_review: error\n      forbidden_phrases:\n"
            "        - pattern: slow strokes\n          suggestion: say 'gentle strokes'",
        )
    )
    assert check(project) == 1
    err = capsys.readouterr().err
    assert "error in 'session': \"slow strokes\" claims more than the research shows" in err
    assert "How to fix: say 'gentle strokes'" in err


def test_mistyped_plugin_option_is_a_clear_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], caplog: pytest.LogCaptureFixture
) -> None:
    project = copy_project(tmp_path / "p", FIXTURE_CONTENT)
    config = project / "mkdocs.yml"
    config.write_text(
        config.read_text().replace("overdue_review: error", "overdue_review: warning")
    )
    assert check(project) == 2
    err = capsys.readouterr().err
    assert err == "error: mkdocs.yml has a mistake (see above)\n"
    # MkDocs logs the detail (to the terminal outside pytest).
    assert "option 'overdue_review': Expected one of: ('error', 'warn')" in caplog.text


def test_pasted_html_gives_a_warning_not_an_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    project = copy_project(tmp_path / "p", FIXTURE_CONTENT)
    stress = project / "content" / "benefits" / "stress.yml"
    stress.write_text(
        stress.read_text().replace("  - Gentle, slow strokes", "  - Gentle, <b>slow</b> strokes")
    )
    assert check(project) == 0
    assert capsys.readouterr().err.splitlines()[:2] == [
        "content/benefits/stress.yml:20:14: warning in 'session': this text holds HTML or a "
        "javascript: link, which the page shows as plain text",
        "    How to fix: use Markdown instead: **bold**, *italic*, [a link](https://example.org)",
    ]


# -- what the reader sees: nothing hides a forbidden word -------------------------------------

DODGES = [
    ("soft hyphen", "It is pro\u00adven to help.", ["proven"]),
    ("zero-width space", "It is pro\u200bven to help.", ["proven"]),
    ("word joiner", "It is pro\u2060ven to help.", ["proven"]),
    ("Cyrillic o", "It is pr\u043even to help.", ["proven"]),
    ("Greek omicron", "It is pr\u03bfven to help.", ["proven"]),
    ("full-width letters", "It is \uff50\uff52\uff4f\uff56\uff45\uff4e to help.", ["proven"]),
    ("stray combining mark", "It is pro\u0336ven to help.", ["proven"]),
    ("character reference", "It is pr&#111;ven to help.", ["proven"]),
    ("named reference", "It de&shy;toxes you.", ["detoxes"]),
    ("percent as a reference", "It works 100&#37; of the time.", ["100%"]),
    ("emphasis inside a word", "Massage cu*res* pain.", ["cures"]),
    ("strong emphasis inside a word", "Massage **cu**res pain.", ["cures"]),
    ("strikethrough inside a word", "A ~~mir~~acle for pain.", ["miracle"]),
    ("non-breaking hyphen", "It is risk\u2011free.", ["risk-free"]),
    ("en dash", "It is risk\u2013free.", ["risk-free"]),
    ("negation still honest", "It is not pr\u043even to help.", []),
]


@pytest.mark.parametrize(("text", "flagged"), [d[1:] for d in DODGES], ids=[d[0] for d in DODGES])
def test_hidden_forbidden_words_are_found(text: str, flagged: list[str]) -> None:
    assert [c.words for c in find_overclaims(text, DEFAULT_FORBIDDEN)] == flagged


@pytest.mark.parametrize(
    ("text", "flagged"),
    [
        ("Massage <span>cu</span>res pain.", ["cures"]),
        ("Massage c<!-- hidden -->ures pain.", ["cures"]),
        ("<div markdown>\nMassage is pro<b>ven</b>.\n</div>", ["proven"]),
    ],
)
def test_tags_in_hand_written_pages_do_not_hide_words(text: str, flagged: list[str]) -> None:
    # Pages in docs/ may hold HTML, which the reader does not see.
    assert [c.words for c in find_overclaims(text, DEFAULT_FORBIDDEN, html=True)] == flagged


def test_a_content_field_shows_tags_as_text_so_they_split_words() -> None:
    # Content fields show "<b>" as written (markup.py), so the reader sees no forbidden word.
    assert find_overclaims("Massage <b>cu</b>res pain.", DEFAULT_FORBIDDEN) == []


HIDDEN_NOTE = (
    "(it is written with hidden characters, look-alike letters or markup inside the words, but "
    "readers see it)"
)


@pytest.mark.parametrize(
    "written",
    ["that cu\u00adres", "that cu&#114;es", "that \u0441ures", "that cu*res*"],
    ids=["soft hyphen", "reference", "Cyrillic", "emphasis"],
)
def test_a_hidden_word_is_reported_at_its_line_and_said_to_be_hidden(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], written: str
) -> None:
    project = copy_project(tmp_path / "p", FIXTURE_CONTENT)
    stress = project / "content" / "benefits" / "stress.yml"
    stress.write_text(
        stress.read_text().replace(
            "  - Gentle, slow strokes", f"  - Gentle strokes {written} stress"
        )
    )
    assert check(project) == 1
    first = capsys.readouterr().err.splitlines()[0]
    assert first.startswith(
        f"content/benefits/stress.yml:20:5: error in 'session': \"cures\" claims more than the "
        f'research shows {HIDDEN_NOTE}, in the sentence: "Gentle strokes '
    ), first


def test_a_hidden_word_in_a_hand_written_page_is_reported_at_its_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    project = copy_project(tmp_path / "p", FIXTURE_CONTENT)
    page = project / "docs" / "extra.md"
    page.write_text("# Extra\n\nA calm\nsession. Massage <span>cu</span>res\nback pain.\n")
    assert check(project) == 1
    first = capsys.readouterr().err.splitlines()[0]
    # The sentence starts on line 4, where the hidden word is.
    assert first == (
        f'docs/extra.md:4:1: error: "cures" claims more than the research shows {HIDDEN_NOTE}, '
        'in the sentence: "Massage cures back pain."'
    ), first


def test_the_same_words_twice_on_a_line_are_each_reported_where_they_are(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    project = copy_project(tmp_path / "project", FIXTURE_CONTENT)
    (project / "docs" / "notes.md").write_text(
        "# Notes\n\nIt is proven to help. Also proven for sleep.\n", encoding="utf-8"
    )
    assert check(project) == 1
    err = capsys.readouterr().err
    assert 'docs/notes.md:3:7: error: "proven" claims more' in err
    assert 'docs/notes.md:3:28: error: "proven" claims more' in err
