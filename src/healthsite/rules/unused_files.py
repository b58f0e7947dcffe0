"""Files in docs/ that the site publishes but nothing uses, and the example clinic's pictures
left behind once the site is the clinic's own.

MkDocs publishes every file of docs/, linked or not, so a picture a page no longer shows stays
public at a guessable address (the example's drawings, a photo of someone who has left). Each
file of docs/ that is not a page is looked for among the files the site uses: what the
hand-written pages link to or show (`FileUses`, filled by `rules.hand_written` as it reads
each page), people's photos in clinic.yml, the logo, favicon and extra stylesheets and
scripts of mkdocs.yml, and any file whose path the site's own templates in overrides/ name.
One nothing uses is a warning.

Once `example: true` is gone from clinic.yml, a picture with the same bytes as one of the
example clinic's (`healthsite new` copies them: room drawings, a drawing standing in for a
team photo) is an error where a page or clinic.yml still shows it, and otherwise is not
published (`example_pictures`, which the plugin uses) with a warning to delete it.
"""

from __future__ import annotations

import hashlib
import posixpath
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from urllib.parse import unquote, urlsplit

from healthsite.model.loader import SiteContent
from healthsite.rules.hand_written_html import DocsPage, Element, is_remote
from healthsite.source.errors import ContentProblem, display_path
from healthsite.source.example_files import NoExampleSite, example_sources
from healthsite.source.project_files import (
    PAGE_SUFFIX,
    ProjectFileError,
    project_files,
    read_project_bytes,
)

# Attributes that make a browser load or link to a file.
_FILE_ATTRIBUTES = ("src", "href", "poster", "data")
# Files a web host or browser looks for by name, which no page links to.
_FOUND_BY_NAME = frozenset({"CNAME", ".nojekyll", "favicon.ico", "robots.txt", "humans.txt"})
_FOUND_BY_FOLDER = ".well-known/"
_MAX_EXAMPLE_PICTURE_BYTES = 8 * 1024 * 1024
_MAX_TEMPLATE_BYTES = 1024 * 1024


@dataclass
class FileUses:
    """The files of docs/ (paths inside it, with '/') the site uses, each with where from."""

    where: dict[str, str] = field(default_factory=dict)

    def note(self, path: str, source: str) -> None:
        self.where.setdefault(posixpath.normpath(path).lstrip("/"), source)

    def note_element(self, element: Element, page: DocsPage) -> None:
        """The files one element of a hand-written page links to or shows (a Markdown path is
        relative to the page's file, a raw HTML one to its address: `rules.images`)."""
        folder = page.file_folder if element.from_markdown else page.url_folder
        values = [element.attrs[name] for name in _FILE_ATTRIBUTES if name in element.attrs]
        values += [c.strip().split(" ")[0] for c in element.attrs.get("srcset", "").split(",")]
        for value in values:
            target = unquote(urlsplit(value.strip()).path)
            if not target or is_remote(value) or urlsplit(value.strip()).scheme:
                continue
            self.note(posixpath.join(folder, target), page.shown)


def check_unused_files(
    content: SiteContent,
    docs_dir: Path,
    root: Path,
    uses: FileUses,
    *,
    config_files: Iterable[str],
    templates_dir: Path | None,
) -> list[ContentProblem]:
    """A warning for each file of `docs_dir` nothing uses, and the example's pictures (see the
    module docstring). `uses` holds what the hand-written pages use; `config_files`, the docs
    paths mkdocs.yml names (logo, favicon, extra_css, extra_javascript)."""
    for named in config_files:
        uses.note(named, "mkdocs.yml")
    for person in content.clinic.people:
        if person.photo:
            uses.note(person.photo, f"the photo of '{person.id}' in {content.clinic_doc.file}")
    named_in_templates = _template_text(templates_dir, root)
    leftovers = {} if content.clinic.example else example_pictures(docs_dir, root)
    problems = []
    for path in project_files(docs_dir, root):
        rel = path.relative_to(docs_dir).as_posix()
        if path.suffix == PAGE_SUFFIX or _found_by_name(rel):
            continue
        shown = display_path(path, root)
        used_by = uses.where.get(rel) or (
            "a template in overrides/" if rel in named_in_templates else None
        )
        if path in leftovers:
            problems.append(_example_picture(shown, leftovers[path], used_by))
        elif used_by is None:
            problems.append(
                ContentProblem(
                    shown,
                    0,
                    0,
                    "",
                    "the site publishes this file, but no page links to it or shows it, so it "
                    "is public at an address nobody is given",
                    "delete it if the site no longer uses it; otherwise link to it or show it "
                    "from a page",
                ).as_warning()
            )
    return problems


def _found_by_name(rel: str) -> bool:
    return rel in _FOUND_BY_NAME or rel.startswith(_FOUND_BY_FOLDER)


def _template_text(templates_dir: Path | None, root: Path) -> str:
    """The text of the site's own templates, where a file's path may be named."""
    if templates_dir is None:
        return ""
    texts = []
    for path in project_files(templates_dir, root):
        if path.suffix.lower() in {".html", ".css", ".js"}:
            try:
                data = read_project_bytes(path, root, limit=_MAX_TEMPLATE_BYTES)
            except ProjectFileError:
                continue
            texts.append(data.decode("utf-8", "replace"))
    return "\n".join(texts)


def _example_picture(shown: str, example: str, used_by: str | None) -> ContentProblem:
    if used_by is not None:
        return ContentProblem(
            shown,
            0,
            0,
            "",
            f"this is the example clinic's picture ({example}), not one of yours, and "
            f"{used_by} still shows it",
            "put your own picture in its place (same name), or stop showing it there and "
            "delete the file",
        )
    return ContentProblem(
        shown,
        0,
        0,
        "",
        f"this is the example clinic's picture ({example}); nothing shows it, so the site no "
        "longer publishes it",
        "delete the file",
    ).as_warning()


@cache
def _example_digests() -> dict[tuple[int, str], str]:
    """The example site's pictures in docs/, by (size, SHA-256), with their path there."""
    try:
        docs = example_sources()["docs"]
    except NoExampleSite:
        return {}
    found = {}
    for path in sorted(docs.rglob("*")):
        if path.is_file() and path.suffix != PAGE_SUFFIX and not path.is_symlink():
            data = path.read_bytes()
            rel = path.relative_to(docs).as_posix()
            found[(len(data), hashlib.sha256(data).hexdigest())] = f"docs/{rel}"
    return found


def example_pictures(docs_dir: Path, root: Path) -> dict[Path, str]:
    """The files of `docs_dir` with the same bytes as one of the example site's (each with the
    example's path). Only files of an example picture's size are read."""
    digests = _example_digests()
    sizes = {size for size, _ in digests}
    found = {}
    for path in project_files(docs_dir, root):
        try:
            size = path.stat().st_size
        except OSError:
            continue
        if size not in sizes or size > _MAX_EXAMPLE_PICTURE_BYTES:
            continue
        try:
            data = read_project_bytes(path, root, limit=_MAX_EXAMPLE_PICTURE_BYTES)
            digest = hashlib.sha256(data).hexdigest()
        except ProjectFileError:
            continue
        if (size, digest) in digests:
            found[path] = digests[(size, digest)]
    return found
