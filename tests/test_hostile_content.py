"""Hostile or random content: escaped everywhere, never a traceback, never an injected script."""

from __future__ import annotations

import json
import shutil
import tempfile
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from healthsite.model.loader import load_content
from healthsite.render.structured_data import to_script_json
from healthsite.rules import RuleSettings, check_rules
from healthsite.site_checks.html_tools import read_page
from healthsite.source.errors import ContentErrors, format_problems
from healthsite.source.markup import markdown_escape, markdown_to_html

from .conftest import FIXTURE_CONTENT, build, copy_project

PAYLOADS = [
    "<img src=x onerror=alert(1)>",
    "</script><script>alert(2)</script>",
    "<!--<script>alert(3)</script>",
    "[click](javascript:alert(4))",
    '<a href="data:text/html,<script>alert(5)</script>">x</a>',
    "{{ config }} {% if 1 %}jinja{% endif %}",
    "<iframe src=https://evil.example></iframe>",
]
TEXT = " ".join(PAYLOADS)


def inject(value: Any, key: str = "") -> Any:
    """Append the payloads to every free-text field (titles refuse '<' by design)."""
    if isinstance(value, dict):
        return {k: inject(v, k) for k, v in value.items()}
    if isinstance(value, list):
        return [inject(v, key) for v in value]
    if isinstance(value, str) and key in {
        "summary",
        "text",
        "session",
        "note",
        "answer",
        "intro",
    }:
        return value + " " + TEXT
    return value


def build_hostile_site(workdir: Path) -> Path:
    """Build the fixture content with every payload in every free-text field; return site/."""
    content = workdir / "content"
    shutil.copytree(FIXTURE_CONTENT, content)
    for path in content.rglob("*.yml"):
        data = inject(yaml.safe_load(path.read_text(encoding="utf-8")))
        if path.name == "clinic.yml":  # free text here, also used for the 404 page's description
            data["description"] += " " + TEXT
        if path.parent.name == "guides":  # the payloads hold figures, which need a source there
            for section in data["sections"]:
                section["citations"] = section.get("citations") or ["moyer2004"]
        path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    project = copy_project(workdir / "project", content)
    # The payloads make long, hard "sentences"; this test is about escaping, not reading level.
    config = project / "mkdocs.yml"
    config.write_text(
        config.read_text().replace(
            "overdue_review: error",
            "overdue_review: error\n      max_grade: 99\n      max_sentence_words: 999",
        )
    )
    if build(project) != 0:
        raise AssertionError("the hostile content did not build")
    return project / "site"


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_hostile_site(tmp_path_factory.mktemp("hostile"))


def test_no_injected_element_or_handler_reaches_any_page(hostile_site: Path) -> None:
    pages = list(hostile_site.rglob("*.html"))
    assert len(pages) >= 7
    for path in pages:
        page = read_page(path)
        for element in page.elements:
            handlers = [a for a in element.attrs if a.startswith("on")]
            assert not handlers, f"{path}: <{element.tag} {handlers}>"
            assert element.tag != "iframe", path
            href = element.attrs.get("href", "") + element.attrs.get("src", "")
            assert not href.lower().startswith(("javascript:", "data:")), f"{path}: {href}"
            if element.tag == "script":
                assert "alert(" not in element.text or element.attrs.get("type") in {
                    "application/ld+json",
                    "application/json",
                }, f"{path}: injected script"


def test_payload_text_is_shown_as_text(hostile_site: Path) -> None:
    article = read_page(hostile_site / "benefits" / "stress" / "index.html").find("article")[0]
    assert "<img src=x onerror=alert(1)>" in article.text
    assert "{{ config }}" in article.text  # Jinja in content is not evaluated


def test_json_ld_survives_script_breakout(hostile_site: Path) -> None:
    for path in hostile_site.rglob("index.html"):
        for block in read_page(path).json_ld():
            assert isinstance(block, dict)
    faq = read_page(hostile_site / "faq" / "index.html").graph_item("FAQPage")
    # The whole payload survives inside the JSON (the block was not cut short by it) ...
    answer = faq["mainEntity"][0]["acceptedAnswer"]["text"]
    assert "</script><script>alert(2)</script>" in answer
    # ... because the raw block never holds the characters that could close it.
    raw = (hostile_site / "faq" / "index.html").read_text(encoding="utf-8")
    block = raw.split("application/ld+json>", 1)[1].split("</script>", 1)[0]
    assert "<" not in block and "\\u003c/script\\u003e" in block


def test_to_script_json_cannot_close_the_block() -> None:
    text = to_script_json({"a": "</script><!-- & -->"})
    assert "<" not in text and ">" not in text and "&" not in text
    assert json.loads(text) == {"a": "</script><!-- & -->"}


@pytest.mark.parametrize("payload", PAYLOADS)
def test_markdown_fields_are_sanitised(payload: str, tmp_path: Path) -> None:
    fragment = tmp_path / "fragment.html"
    fragment.write_text(str(markdown_to_html(payload)), encoding="utf-8")
    elements = read_page(fragment).elements
    assert {e.tag for e in elements} <= {"p", "a", "em", "strong"}
    for element in elements:
        assert not [name for name in element.attrs if name.startswith("on")]
        assert not element.attrs.get("href", "").lower().startswith(("javascript:", "data:"))


def test_markdown_escape_neutralises_markdown_and_html() -> None:
    assert str(markdown_escape("[x](javascript:1) {: onclick=y} <b>")) == (
        "\\[x\\]\\(javascript:1\\) \\{: onclick=y\\} &lt;b&gt;"
    )


def test_every_page_has_a_strict_content_security_policy(hostile_site: Path) -> None:
    for path in hostile_site.rglob("*.html"):
        metas = read_page(path).find("meta", http_equiv="Content-Security-Policy")
        assert len(metas) == 1, path
        policy = metas[0].attrs["content"]
        assert "default-src 'self'" in policy and "'unsafe-inline'" not in policy
        assert "object-src 'none'" in policy
    headers = (hostile_site / "_headers").read_text()
    assert "X-Content-Type-Options: nosniff" in headers
    assert "frame-ancestors 'none'" in headers


# -- random trees: every run ends in a valid model or a content error, never another exception --

json_scalars = st.one_of(
    st.text(max_size=12), st.integers(-5, 3000), st.booleans(), st.none(), st.dates().map(str)
)
json_trees = st.recursive(
    json_scalars,
    lambda inner: st.one_of(
        st.lists(inner, max_size=3),
        st.dictionaries(
            st.sampled_from(
                [
                    "title",
                    "order",
                    "summary",
                    "research",
                    "text",
                    "citations",
                    "review",
                    "x",
                    "strength",
                    "days",
                    "opens",
                ]
            ),
            inner,
            max_size=5,
        ),
    ),
    max_leaves=15,
)
FILES = ["benefits/stress.yml", "faq.yml", "clinic.yml", "references.yml"]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(FILES), json_trees)
def test_random_content_gives_a_model_or_located_errors(file: str, tree: object) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        content = Path(tmp) / "content"
        shutil.copytree(FIXTURE_CONTENT, content)
        (content / file).write_text(yaml.safe_dump(tree, allow_unicode=True), encoding="utf-8")
        try:
            load_content(content, Path(tmp))
        except ContentErrors as exc:
            assert exc.problems
            assert all(p.file.startswith("content/") and p.message for p in exc.problems)


# -- long random text through every rule: a result or located problems, never an exception ------

MARKDOWN_BITS = [
    *"[]()*_`~<>!&#|\\-.?:;,'\"",
    "~~",
    "**",
    "](",
    "![",
    "<!--",
    "&#111;",
    "&shy;",
    "- ",
    "1. ",
    "> ",
    "# ",
    "\n",
    "\n\n",
    "    ",
    "cure",
    "proven",
    "not ",
    "no doubt ",
    "100%",
    "heals",
    "\u00ad",
    "\u200b",
    "\u043e",
    "\u0336",
    "\u2028",
    "\ufeff",
    "\u2011",
]
random_text = st.lists(
    st.one_of(
        st.sampled_from(MARKDOWN_BITS),
        st.text(st.characters(exclude_categories=["Cs"]), max_size=12),
    ),
    min_size=1,
    max_size=600,
).map("".join)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(random_text)
def test_long_random_text_goes_through_every_rule(text: str) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        content = root / "content"
        shutil.copytree(FIXTURE_CONTENT, content)
        stress = content / "benefits" / "stress.yml"
        data = yaml.safe_load(stress.read_text(encoding="utf-8"))
        data["summary"] = text
        data["research"][0]["text"] = text
        data["cautions"].append(text)
        stress.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
        (root / "docs").mkdir()
        (root / "docs" / "page.md").write_text(text, encoding="utf-8")
        try:
            loaded = load_content(content, root)
        except ContentErrors as exc:  # an empty or blank field, for example
            problems = exc.problems
        else:
            problems = check_rules(loaded, RuleSettings(date(2026, 11, 25)), (root / "docs", root))
        markdown_to_html(text)
        assert bool(format_problems(problems)) == bool(problems)
        for problem in problems:
            assert problem.file in {"content/benefits/stress.yml", "docs/page.md"}, problem
            assert problem.line >= 1 and problem.column >= 1 and problem.message, problem
