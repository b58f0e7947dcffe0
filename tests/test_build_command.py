"""`healthsite build` is one process and one load: it checks the content, then MkDocs builds
that same loaded content in the same process, so the content is read and checked once and each
warning is printed once; MkDocs' own messages are printed without its INFO chatter or a
traceback, and any failure leaves the previous site as it was."""

from __future__ import annotations

import functools
from collections.abc import Callable
from pathlib import Path

import pytest
from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig

from healthsite.adapters.mkdocs import plugin as mkdocs_plugin
from healthsite.adapters.mkdocs.config import project_from
from healthsite.adapters.mkdocs.site_build import CheckedContent
from healthsite.model.loader import SiteContent, load_content
from healthsite.rules import project_check
from healthsite.rules.project_check import check_project
from healthsite.source.clock import build_date

from .conftest import FIXTURE_CONTENT, build, copy_project

UNCITED = (
    "content/references.yml:17:1: warning in 'nice-ng59': the reference 'nice-ng59' is not "
    "cited by any benefit page, guide page or FAQ answer, so it is not published\n"
)
NOT_IN_NAV = "docs/prices.md: warning: this page is not in the site's menu"


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return copy_project(tmp_path / "project", FIXTURE_CONTENT)


@pytest.fixture
def loaded(monkeypatch: pytest.MonkeyPatch) -> list[SiteContent]:
    """The content the check loaded, one entry per load, from now on (in this process)."""
    contents: list[SiteContent] = []
    real: Callable[[Path, Path], SiteContent] = load_content

    def counting(content_dir: Path, root: Path) -> SiteContent:
        contents.append(real(content_dir, root))
        return contents[-1]

    monkeypatch.setattr(project_check, "load_content", counting)
    return contents


def snapshot(site: Path) -> dict[str, bytes]:
    return {str(p.relative_to(site)): p.read_bytes() for p in site.rglob("*") if p.is_file()}


def with_warnings(project: Path) -> Path:
    """`project` with a content warning (a source no page cites) and a MkDocs-side warning of
    the plugin's (a page left out of the menu); neither stops the build."""
    (project / "content" / "benefits" / "back-pain.yml").unlink()
    (project / "docs" / "prices.md").write_text("# Prices\n\nA table.\n", encoding="utf-8")
    return project


def test_a_build_loads_and_checks_the_content_once(
    project: Path, loaded: list[SiteContent], monkeypatch: pytest.MonkeyPatch
) -> None:
    built: list[SiteContent | None] = []  # what the plugin builds, as MkDocs runs it here
    on_config = mkdocs_plugin.HealthsitePlugin.on_config

    @functools.wraps(on_config)  # keeps its event priority
    def spying(plugin: mkdocs_plugin.HealthsitePlugin, config: MkDocsConfig) -> MkDocsConfig:
        config = on_config(plugin, config)
        built.append(plugin.site.content if plugin.site else None)
        return config

    monkeypatch.setattr(mkdocs_plugin.HealthsitePlugin, "on_config", spying)
    assert build(project) == 0
    assert len(loaded) == 1
    assert built == [loaded[0]] and built[0] is loaded[0]  # the very content the check loaded
    assert (project / "site" / "benefits" / "stress" / "index.html").is_file()


def test_each_warning_is_printed_once_and_nothing_else(
    project: Path, loaded: list[SiteContent], capsys: pytest.CaptureFixture[str]
) -> None:
    assert build(with_warnings(project)) == 0
    out, err = capsys.readouterr()
    assert len(loaded) == 1
    assert err.count(UNCITED) == 1
    assert err.count(NOT_IN_NAV) == 1
    # MkDocs' INFO lines ("Cleaning site directory", "Documentation built in …") are left out.
    assert [line for line in err.splitlines() if not line.startswith("    ")] == [
        UNCITED.strip(),
        "Content check: 1 warning.",
        NOT_IN_NAV + " (the 'nav' list in mkdocs.yml), so readers can reach it only from a "
        "link on another page",
    ]
    assert out == f"Built the site into {project / 'site'}\n"


def test_a_clean_build_prints_only_where_the_site_is(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert build(project) == 0
    assert capsys.readouterr() == (f"Built the site into {project / 'site'}\n", "")


def test_mkdocs_on_its_own_loads_and_warns_once_per_build_and_reads_edits_afresh(
    project: Path, tmp_path: Path, loaded: list[SiteContent], caplog: pytest.LogCaptureFixture
) -> None:
    # `mkdocs build` and each rebuild of `mkdocs serve`: a new config each time, no check first.
    with_warnings(project)

    def uncited_warnings() -> int:
        count = sum(UNCITED.strip() in r.getMessage() for r in caplog.records)
        caplog.clear()
        return count

    def build_with_mkdocs() -> None:
        config = load_config(str(project / "mkdocs.yml"), site_dir=str(tmp_path / "out"))
        config.plugins.on_startup(command="build", dirty=False)
        mkdocs_build(config)

    build_with_mkdocs()
    assert len(loaded) == 1
    assert uncited_warnings() == 1
    stress = project / "content" / "benefits" / "stress.yml"
    text = stress.read_text(encoding="utf-8")
    stress.write_text(text.replace("stress and worry", "stress and daily worry", 1))
    build_with_mkdocs()
    assert len(loaded) == 2
    assert uncited_warnings() == 1
    page = (tmp_path / "out" / "benefits" / "stress" / "index.html").read_text(encoding="utf-8")
    assert "Massage for stress and daily worry" in page


def test_what_the_check_kept_serves_only_the_build_of_that_config(
    project: Path, loaded: list[SiteContent]
) -> None:
    config = load_config(str(project / "mkdocs.yml"))
    plugin = config.plugins["healthsite"]
    assert isinstance(plugin, mkdocs_plugin.HealthsitePlugin)
    today = build_date()

    def check_and_keep(config: MkDocsConfig) -> SiteContent:
        content, problems = check_project(project_from(config, plugin.config), today)
        plugin.use_checked(CheckedContent(config, today, content, problems))
        return content

    content = check_and_keep(config)
    plugin.on_config(config)
    assert plugin.site is not None and plugin.site.content is content
    assert len(loaded) == 1
    plugin.on_config(config)  # a second build of it reads again
    assert len(loaded) == 2
    check_and_keep(config)
    other = load_config(str(project / "mkdocs.yml"))
    plugin.on_config(other)  # another config (a rebuild) is never given the kept content
    assert len(loaded) == 4


def test_a_content_error_stops_before_mkdocs_and_keeps_the_previous_site(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert build(project) == 0
    before = snapshot(project / "site")
    faq = project / "content" / "faq.yml"
    faq.write_text(faq.read_text(encoding="utf-8").replace("title: Safety", "titel: Safety"))
    capsys.readouterr()
    assert build(project) == 1
    err = capsys.readouterr().err
    assert err.count("unknown field 'titel'") == 1
    assert err.endswith("The site was not built; the previous site is unchanged.\n")
    assert "Traceback" not in err
    assert snapshot(project / "site") == before
    assert not list(project.glob(".site-new-*"))


# A hook (mkdocs.yml `hooks:`) standing for a plugin with a fault, or one that stops the build
# with a message of its own.
FAULTY_HOOK = """
from mkdocs.exceptions import PluginError


def {event}(**kwargs):
    {statement}
"""


@pytest.mark.parametrize(
    ("event", "statement", "printed"),
    [
        (
            "on_post_build",
            "raise RuntimeError('the share image font is missing')",
            ["error: RuntimeError: the share image font is missing"],
        ),
        (
            "on_startup",
            "raise RuntimeError('no fonts')",
            ["error: RuntimeError: no fonts"],
        ),
        (
            "on_post_build",
            "raise PluginError('the clinic logo is not an SVG')",
            ["the clinic logo is not an SVG", "Aborted with a BuildError!"],
        ),
        (
            "on_post_build",
            "import logging; logging.getLogger('mkdocs.plugins.x').warning('a strict warning')",
            ["a strict warning", "Aborted with 1 warnings in strict mode!"],
        ),
        (
            "on_post_build",
            "from mkdocs.commands import build; build.log.warning('said twice'); "
            "build.log.warning('said twice')",
            ["said twice", "Aborted with 1 warnings in strict mode!"],
        ),
    ],
    ids=[
        "a fault",
        "a fault at start-up",
        "a plugin error",
        "a warning in strict mode",
        "a message logged twice",
    ],
)
def test_a_failure_inside_mkdocs_is_a_message_and_keeps_the_previous_site(
    project: Path,
    capsys: pytest.CaptureFixture[str],
    event: str,
    statement: str,
    printed: list[str],
) -> None:
    assert build(project) == 0
    before = snapshot(project / "site")
    (project / "faulty_hook.py").write_text(FAULTY_HOOK.format(event=event, statement=statement))
    with (project / "mkdocs.yml").open("a", encoding="utf-8") as config:
        config.write("\nhooks:\n  - faulty_hook.py\n")
    capsys.readouterr()
    assert build(project) == 1
    err = capsys.readouterr().err
    assert err.splitlines() == [
        *printed,
        "The site was not built; the previous site is unchanged.",
    ]
    assert snapshot(project / "site") == before
    assert not list(project.glob(".site-new-*"))


def test_mkdocs_yml_is_read_in_strict_mode_and_a_mistake_is_a_message(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8") + "\nuse_directory_url: true\n")
    assert build(project) == 1  # as `mkdocs build --strict`: a warning about mkdocs.yml stops it
    assert capsys.readouterr().err.splitlines() == [
        "Config value 'use_directory_url': Unrecognised configuration name: use_directory_url",
        "error: mkdocs.yml has a mistake (see above)",
        "The site was not built; the previous site is unchanged.",
    ]
    assert not (project / "site").exists()
