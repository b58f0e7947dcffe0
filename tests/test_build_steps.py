"""The core's steps around a builder that runs no plugin of ours (`healthsite.build_steps`, run
around Zensical by scripts/zensical_build.py): the plain project written before the build holds
what the MkDocs plugin and mkdocs-macros hand MkDocs, and the step after the build gives each
page the policy the theme's scripts need. No Zensical here: the CI job `zensical` builds with it.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml
from scripts.bench import make_plain

from healthsite.adapters.mkdocs.material_html import finish_html
from healthsite.adapters.mkdocs.material_pages import expands_macros, material_text, page_source
from healthsite.build_steps.after_build import AfterBuildError, finish_site, relative_base
from healthsite.build_steps.before_build import PageFormat, PlainProject, write_plain_project
from healthsite.build_steps.hand_written_pages import PageMacroError
from healthsite.build_steps.site_config import Tagged, read_site_config, site_config_text
from healthsite.commands.project_setup import read_project
from healthsite.model.loader import load_content
from healthsite.render.markdown_alignment import EXTENSION_NAME
from healthsite.render.security_headers import script_hash
from healthsite.render.theme_files import PARTIALS, SITE_CSS, THEME_STYLESHEETS
from healthsite.source.clock import build_date
from healthsite.source.markup import front_matter, front_matter_lines

from .conftest import copy_project

PAGE_FORMAT = PageFormat(material_text, page_source, expands_macros)
THEME = {"variant": "classic"}


def plain_project(root: Path, target: Path) -> PlainProject:
    """The plain project of the project at `root` (its mkdocs.yml read as the adapter reads it
    for the check, and as data)."""
    _, project = read_project(root)
    content = load_content(project.content_dir, project.root)
    config = read_site_config(project.config_file)
    return write_plain_project(
        project,
        config,
        content,
        target,
        today=build_date(),
        page_format=PAGE_FORMAT,
        theme_settings=THEME,
    )


def body(text: str) -> str:
    return "".join(text.splitlines(keepends=True)[front_matter_lines(text) :]).lstrip("\n")


def files(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()
    }


def test_the_plain_project_holds_what_the_plugin_gives_mkdocs(tmp_path: Path) -> None:
    """Compared with what an MkDocs build with the plugin and mkdocs-macros exports (the
    benchmark's hook: each page's Markdown as MkDocs converts it, the files it publishes from
    docs/ and the plugin, and the settings the plugin wrote)."""
    project = copy_project(tmp_path / "project")
    exported = make_plain(project, tmp_path / "exported")
    plain = plain_project(project, tmp_path / "plain")

    ours, theirs = files(plain.folder / "docs"), files(exported / "docs")
    assert ours.keys() == theirs.keys()
    pages = sorted(name for name in ours if name.endswith(".md"))
    assert sorted([*plain.generated_pages, *plain.hand_written_pages]) == pages
    for name in pages:
        text = ours[name].decode()
        assert body(text) == body(theirs[name].decode()), name
        assert "{{" not in body(text) and "{%" not in body(text), name
        meta = yaml.safe_load(front_matter(text))
        assert meta["title"] == yaml.safe_load(front_matter(theirs[name].decode()))["title"]
    for name in ours.keys() - set(pages):  # the stylesheet, icons, manifest, pictures, ...
        assert ours[name] == theirs[name], name

    settings = yaml.safe_load(plain.config_file.read_text(encoding="utf-8"))
    written_by_plugin = yaml.safe_load((exported / "mkdocs.yml").read_text(encoding="utf-8"))
    for key in ("site_name", "site_url", "site_description", "nav", "extra_css"):
        assert settings[key] == written_by_plugin[key], key
    assert settings["extra_javascript"] == written_by_plugin["extra_javascript"]
    assert settings["plugins"] == [{"search": {"lang": "en"}}]  # no healthsite, no macros
    assert EXTENSION_NAME in settings["markdown_extensions"]
    assert settings["theme"]["variant"] == "classic"
    assert settings["theme"]["custom_dir"] == "overrides"
    assert (plain.folder / settings["theme"]["custom_dir"] / "main.html").is_file()
    assert plain.site_dir == plain.folder / settings["site_dir"]
    assert "watch" not in settings
    json.dumps(settings)  # plain data: nothing the builder would have to import


def test_the_plain_projects_theme_is_the_engines_under_the_clinics_overrides(
    tmp_path: Path,
) -> None:
    project = copy_project(tmp_path / "project")
    (project / "overrides" / "main.html").write_text("{% extends 'base.html' %}\n")
    (project / "overrides" / "README.md").write_text("What goes here.\n")
    plain = plain_project(project, tmp_path / "plain")
    overrides = plain.folder / "overrides"
    assert (overrides / "main.html").read_text() == "{% extends 'base.html' %}\n"
    assert (overrides / "partials" / "copyright.html").is_file()  # the engine's
    assert not (overrides / "README.md").exists()
    assert not (overrides / PARTIALS).exists()  # the macros' templates: pages are rendered
    for stylesheet in THEME_STYLESHEETS:  # bundled into SITE_CSS, not published alone
        assert not (overrides / stylesheet).exists()
        assert not (plain.folder / "docs" / stylesheet).exists()
    assert "/* assets/stylesheets/site.css */" in (plain.folder / "docs" / SITE_CSS).read_text()


def test_a_page_that_turns_macros_off_is_copied_as_written(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    text = "---\nrender_macros: false\n---\n\n# Templates\n\nWrite {{ faq_list() }} here.\n"
    (project / "docs" / "templates.md").write_text(text)
    plain = plain_project(project, tmp_path / "plain")
    assert (plain.folder / "docs" / "templates.md").read_text() == text


def test_a_name_the_macros_do_not_know_is_reported_at_its_line(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    page = "---\ntitle: Parking\n---\n\n# Parking\n\n{{ clinic.name }} is on\n{{ page.title }}\n"
    (project / "docs" / "parking.md").write_text(page)
    with pytest.raises(PageMacroError) as caught:
        plain_project(project, tmp_path / "plain")
    problem = caught.value.problem
    assert (problem.file, problem.line) == ("docs/parking.md", 8)
    assert "'page' is undefined" in problem.message
    assert "extra:" in problem.hint


def test_tags_in_mkdocs_yml_are_kept_and_never_run(tmp_path: Path) -> None:
    config_file = tmp_path / "mkdocs.yml"
    config_file.write_text(
        "site_url: !ENV [SITE_URL, 'https://example.org/']\n"
        "markdown_extensions:\n"
        "  - pymdownx.emoji:\n"
        "      emoji_index: !!python/name:no_such_module.twemoji\n"
        "plugins:\n  - healthsite:\n      privacy_page: false\n"
    )
    config = read_site_config(config_file)
    assert config.settings["site_url"] == Tagged("!ENV", ["SITE_URL", "https://example.org/"])
    assert config.plugin_names == ["healthsite"]
    assert config.healthsite == {"privacy_page": False}
    again = yaml.compose(site_config_text(config.settings), Loader=yaml.SafeLoader)
    assert again is not None
    tags = {node.tag for node in _walk(again)}
    assert {"!ENV", "tag:yaml.org,2002:python/name:no_such_module.twemoji"} <= tags


def test_a_script_written_with_its_type_keeps_it_and_is_not_added_twice(tmp_path: Path) -> None:
    """mkdocs.yml may write a script as `path:` with `type: module`: the plain project keeps the
    entry as written (not its Python text), and a theme script listed so is not added again."""
    project = copy_project(tmp_path / "project")
    config_file = project / "mkdocs.yml"
    settings = yaml.safe_load(config_file.read_text(encoding="utf-8"))
    own = {"path": "assets/javascripts/own.js", "type": "module"}
    faq = {"path": "assets/javascripts/faq.js", "defer": True}
    settings["extra_javascript"] = [own, faq]
    config_file.write_text(yaml.safe_dump(settings, sort_keys=False), encoding="utf-8")
    plain = plain_project(project, tmp_path / "plain")
    written = yaml.safe_load(plain.config_file.read_text(encoding="utf-8"))
    assert written["extra_javascript"] == [own, faq, "assets/javascripts/opening-hours.js"]


def _walk(node: yaml.Node) -> list[yaml.Node]:
    found = [node]
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            found += [*_walk(key), *_walk(value)]
    elif isinstance(node, yaml.SequenceNode):
        for item in node.value:
            found += _walk(item)
    return found


# ------------------------------------------------------------------- after the build


def theme_page(base: str, content: str = "") -> str:
    """A page as Material's templates write it: its scripts hold the page's base address."""
    return (
        "<!doctype html><html><head><title>t</title>"
        f'<script>__md_scope=new URL("{base}",location),x.endsWith("/")</script></head>'
        f"<body><article>{content}</article>"
        '<script>var palette=__md_get("__palette")</script>'
        '<script type="application/json">{"base": "."}</script></body></html>'
    )


def test_each_page_may_run_the_theme_scripts_at_its_depth_and_no_other(tmp_path: Path) -> None:
    site = tmp_path / "site"
    (site / "benefits" / "stress").mkdir(parents=True)
    (site / "404.html").write_text(theme_page("/"))
    (site / "index.html").write_text(theme_page("."))
    injected = "<script>steal()</script>"
    (site / "benefits" / "stress" / "index.html").write_text(theme_page("../..", injected))

    finished = finish_site(
        site, site_url="https://example.org/", finish=finish_html, allowed_scripts=["'sha256-a='"]
    )

    assert finished.pages == ["404.html", "benefits/stress/index.html", "index.html"]
    deep = (site / "benefits" / "stress" / "index.html").read_text()
    policy = deep.split('http-equiv="Content-Security-Policy" content="')[1].split('"')[0]
    assert script_hash('__md_scope=new URL("../..",location),x.endsWith("/")') in policy
    assert script_hash('var palette=__md_get("__palette")') in policy
    assert "'sha256-a='" in policy  # the clinic's own
    assert script_hash("steal()") not in policy
    (blocked,) = finished.blocked
    assert blocked.file == "benefits/stress/index.html"
    assert script_hash("steal()") in blocked.message
    home = (site / "index.html").read_text()
    assert script_hash('__md_scope=new URL(".",location),x.endsWith("/")') in home
    headers = (site / "_headers").read_text()
    assert "Content-Security-Policy: default-src 'self'" in headers
    assert script_hash("steal()") not in headers


def test_a_site_without_a_404_page_is_a_clear_error(tmp_path: Path) -> None:
    (tmp_path / "index.html").write_text(theme_page("."))
    with pytest.raises(AfterBuildError, match=r"no 404\.html"):
        finish_site(tmp_path, site_url="https://example.org/", finish=finish_html)


@pytest.mark.parametrize(
    ("page", "base"),
    [("index.html", "."), ("faq/index.html", ".."), ("benefits/stress/index.html", "../..")],
)
def test_a_pages_base_address_is_relative_to_its_folder(page: str, base: str) -> None:
    assert relative_base(page) == base
