"""YAML's traps, read the way a person means them, and hostile files rejected safely."""

from __future__ import annotations

import resource
import time
from datetime import date
from datetime import time as clock

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from healthsite.model.clinic_locations import OpeningHours
from healthsite.model.kinds.faq import Question
from healthsite.source import yaml_source
from healthsite.source.yaml_source import MAX_FILE_BYTES, load_yaml_bytes

from .conftest import EXAMPLE_SITE


def parse(text: str | bytes) -> object:
    raw = text.encode("utf-8") if isinstance(text, str) else text
    doc, problems = load_yaml_bytes(raw, "t.yml")
    assert problems == []
    return doc.data


@pytest.mark.parametrize(
    ("yaml_text", "meant"),
    [
        ("answer: No", {"answer": "No"}),  # YAML 1.1 would give False
        ("answer: yes", {"answer": "yes"}),
        ("answer: off", {"answer": "off"}),
        ("closes: 17:30", {"closes": "17:30"}),  # YAML 1.1 would give 1050
        ("order: 010", {"order": "010"}),  # YAML 1.1 would give 8
        ("code: 0x1F", {"code": "0x1F"}),
        ("when: 2025-01-10", {"when": "2025-01-10"}),  # stays text until a model wants a date
        ("country: NO", {"country": "NO"}),
        ("flag: true", {"flag": True}),
        ("count: 12", {"count": 12}),
        ("ratio: 4.5", {"ratio": 4.5}),
        ("empty:", {"empty": None}),
    ],
)
def test_plain_values_are_read_as_meant(yaml_text: str, meant: object) -> None:
    assert parse(yaml_text) == meant


def test_models_turn_text_into_the_type_the_field_needs() -> None:
    hours = OpeningHours.model_validate(parse("days: [Monday]\nopens: 9:00\ncloses: 17:30"))
    assert (hours.opens, hours.closes) == (clock(9, 0), clock(17, 30))
    question = Question.model_validate(parse("question: Is it safe?\nanswer: No"))
    assert question.answer == "No"
    assert date.fromisoformat(str(parse("d: 2025-01-10")["d"])) == date(2025, 1, 10)  # type: ignore[index]


def test_utf8_byte_order_mark_is_fine() -> None:
    assert parse(b"\xef\xbb\xbftitle: Hello") == {"title": "Hello"}


def test_alias_bomb_is_rejected_fast_with_little_memory() -> None:
    lines = ['a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    lines += [f"a{i}: &a{i} [" + ",".join([f"*a{i - 1}"] * 9) + "]" for i in range(1, 10)]
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    started = time.process_time()
    doc, problems = load_yaml_bytes("\n".join(lines).encode(), "bomb.yml")
    assert doc.data is None
    assert [p.message for p in problems] == [
        "anchors and aliases (& and *) are not allowed in content files"
    ]
    grown_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before
    assert grown_kib < 50_000  # expanding the bomb would need gigabytes
    assert time.process_time() - started < 5  # a bound on work done, generous on purpose


def test_oversized_file_is_rejected_before_parsing() -> None:
    doc, problems = load_yaml_bytes(b"a: " + b"x" * MAX_FILE_BYTES, "big.yml")
    assert doc.data is None
    assert problems[0].message == ("the file is 257 KiB; content files may be at most 256 KiB")


def test_deep_nesting_is_a_problem_not_a_crash() -> None:
    doc, problems = load_yaml_bytes(b"a: " + b"[" * 5000 + b"]" * 5000, "deep.yml")
    assert doc.data is None
    # Refused where the 41st level opens (the top-level mapping is the first), not by a crash.
    assert [(p.line, p.column, p.message) for p in problems] == [
        (1, 43, "the content is nested more than 40 levels deep")
    ]


def test_python_tags_are_refused() -> None:
    _, problems = load_yaml_bytes(b"a: !!python/object/apply:os.system ['true']", "t.yml")
    assert problems and "not allowed" in problems[0].message


# -- property-based: any input ends in data or located problems, never another exception -------


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=400))
def test_random_bytes_never_raise(raw: bytes) -> None:
    _doc, problems = load_yaml_bytes(raw, "random.yml")
    assert all(p.file == "random.yml" and p.message for p in problems)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ab: -[]{}&*!#'\"\n\t|>?,%@`~")), max_size=80))
def test_yaml_punctuation_soup_never_raises(text: str) -> None:
    _doc, problems = load_yaml_bytes(text.encode("utf-8"), "soup.yml")
    assert all(p.message for p in problems)


EXOTIC = [
    *"ab: -[]{}&*!#'\"\n|>?,%@`~\t\r",
    "\u2028",
    "\u2029",
    "\x85",
    "\ufeff",
    "\x00",
    "\x07",
    "\x1b",
    "\x7f",
    "\x9b",
    "\u00ad",
    "\u200b",
    "\uffff",
    "9" * 30,
    "é",
    "\U0001f600",
]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(EXOTIC), max_size=60).map("".join))
def test_every_problem_names_a_line_and_column_that_exist(text: str) -> None:
    raw = text.encode("utf-8")
    _doc, problems = load_yaml_bytes(raw, "exotic.yml")
    lines = raw.decode("utf-8-sig").replace("\r\n", "\n").replace("\r", "\n").split("\n")
    for problem in problems:
        assert problem.file == "exotic.yml" and problem.message
        assert 1 <= problem.line <= len(lines), (problem, lines)
        assert 1 <= problem.column <= len(lines[problem.line - 1]) + 1, (problem, lines)


@pytest.mark.parametrize(
    ("yaml_text", "meant"),
    [
        ("n: 123456789012345678", {"n": 123456789012345678}),  # 18 digits: a number
        ("n: 1234567890123456789", {"n": "1234567890123456789"}),  # longer: text
        ("n: 1.5e10", {"n": 1.5e10}),
        ("n: 1.5e400", {"n": "1.5e400"}),  # would be infinite
    ],
)
def test_numbers_too_long_for_any_field_stay_text(yaml_text: str, meant: object) -> None:
    assert parse(yaml_text) == meant


# -- libyaml reads ordinary files; PyYAML's parser gives every message -------------------------

# Pieces of YAML, valid and not, that random texts are built from.
YAML_PIECES = [
    *"ab:-[]{},'\"#&*!|>?%@`~\\",
    ": ", "- ", "? ", "\n", "\n  ", "\n- ", "\n  - ", "  ", "\t", "\r\n", "\x85", "\u2028",
    "\ufeff", "é", "😀", "&x ", "*x", "!!str ", "!!int ", "|-", ">+", "|2", "--- ", "...\n",
    "%YAML 1.1\n", "key: value # note", "'it''s'", '"a\\nb"', '"\\q"', "No", "17:30", "010",
    "2025-01-10", "1.5", "null", "true", "<<: ", "[a: b]", "x" * 1100, "a?", "[a?]",
    "{a?: b}", "[? a]", "Can it help? Yes",
]  # fmt: skip


def read_with(loader: object, text: str) -> object:
    """The document (data, positions, problems) one loader makes of `text`, or None when it
    raises a YAML error (which `_parse` then reports with PyYAML's parser)."""
    doc = yaml_source.YamlDocument(file="t.yml")
    try:
        problems = yaml_source._compose(loader(text), text, doc)  # type: ignore[operator]
    except (yaml.YAMLError, RecursionError):
        return None
    return repr(doc.data), doc.values, doc.keys, problems


needs_libyaml = pytest.mark.skipif(not yaml.__with_libyaml__, reason="PyYAML without libyaml")


@needs_libyaml
@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(YAML_PIECES), max_size=30).map("".join))
def test_libyaml_reads_everything_it_accepts_as_pyyaml_does(text: str) -> None:
    if yaml_source._PYYAML_ONLY.search(text):
        return
    fast = read_with(yaml_source._FAST_LOADER, text)
    if fast is not None:
        assert read_with(yaml_source._Yaml12Loader, text) == fast


@needs_libyaml
def test_ordinary_file_is_read_by_libyaml(monkeypatch: pytest.MonkeyPatch) -> None:
    def pure_python(text: str) -> object:
        raise AssertionError("PyYAML's pure-Python parser read an ordinary file")

    monkeypatch.setattr(yaml_source, "_Yaml12Loader", pure_python)
    # A question in the text and citations in [...]: both ordinary.
    raw = (EXAMPLE_SITE / "content" / "benefits" / "immunity.yml").read_bytes()
    doc, problems = load_yaml_bytes(raw, "immunity.yml")
    assert problems == []
    assert doc.data["description"].startswith("Can massage help your immune system? ")
    assert doc.data["research"][0]["citations"] == ["ironson1996"]
    lines = raw.decode("utf-8").splitlines()
    (line,) = [n for n, text in enumerate(lines, start=1) if "[ironson1996]" in text]
    column = lines[line - 1].index("ironson1996") + 1
    assert doc.position(("research", 0, "citations", 0)) == yaml_source.Position(line, column)
