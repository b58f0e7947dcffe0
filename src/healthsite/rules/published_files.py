"""Every file of docs/ (and overrides/) that the build publishes as it is must be safe to open
on its own, judged by what it holds as well as by its name. GitHub Pages sends no
Content-Security-Policy header, and the policy is a <meta> tag in the built pages only, so
anything else runs unprotected on the site's address:

- a web page or XML file (`.html`, `.xml`, `.xsl`, …) is refused: it would be published with
  no policy at all (a page goes in docs/ as Markdown, and gets the site's policy);
- an SVG is read by `svg_safety` (scripts, XSLT, CSS escapes, links elsewhere) and refused with
  the line; the logo is left to `rules.logo`, which says the same in its own words;
- a picture whose content is not what its name says (a phone's JPEG saved as `.gif`, which the
  build would publish byte for byte with where it was taken) is refused, with the name to use.
"""

from __future__ import annotations

from pathlib import Path

from healthsite.source.errors import ContentProblem, display_path
from healthsite.source.project_files import (
    PAGE_SUFFIX,
    ProjectFileError,
    decode_utf8,
    project_files,
    read_project_bytes,
)
from healthsite.source.svg_safety import parse_svg

RAW_WEB_SUFFIXES = frozenset({".html", ".htm", ".xhtml", ".xht", ".shtml", ".xml", ".xsl", ".xslt"})
MAX_SVG_BYTES = 2 * 1024 * 1024
# What a picture's first bytes say it is, and the name ending that goes with it.
_SIGNATURES = (
    (b"\xff\xd8\xff", "JPEG", (".jpg", ".jpeg")),
    (b"\x89PNG\r\n\x1a\n", "PNG", (".png",)),
    (b"GIF87a", "GIF", (".gif",)),
    (b"GIF89a", "GIF", (".gif",)),
)
_PICTURE_SUFFIXES = frozenset({".jpg", ".jpeg", ".png", ".gif", ".webp"})


def check_published_files(
    folder: Path, root: Path, logo: Path | None, *, templates: bool = False
) -> list[ContentProblem]:
    """An error for each file of `folder` (docs/, or with `templates` the site's overrides/,
    whose .html files are templates the theme renders, and whose other files are published as
    the theme's) that is not safe to publish as it is."""
    problems = []
    for path in project_files(folder, root):
        suffix = path.suffix.lower()
        shown = display_path(path, root)
        if suffix == PAGE_SUFFIX:
            continue
        # MkDocs renders a theme folder's .html files as templates; it publishes any other file
        # of it (an .xml, an .xsl, an .htm) as it is.
        if suffix in RAW_WEB_SUFFIXES and not (templates and suffix == ".html"):
            problems.append(
                ContentProblem(
                    shown,
                    0,
                    0,
                    "",
                    f"a {suffix} file in docs/ is published as it is, without the site's "
                    "Content-Security-Policy, so a script in it would run on the site's address",
                    "write the page in Markdown (a .md file in docs/), which gets the site's "
                    "policy, or delete the file",
                )
            )
        elif suffix == ".svg" and path != logo:
            problems += _svg_problems(path, root, shown)
        elif suffix in _PICTURE_SUFFIXES:
            problems += _picture_problems(path, shown, suffix)
    return problems


def _svg_problems(path: Path, root: Path, shown: str) -> list[ContentProblem]:
    try:
        data = read_project_bytes(
            path,
            root,
            limit=MAX_SVG_BYTES,
            what="SVG drawings",
            hint="simplify the drawing, or save it as a PNG",
        )
    except ProjectFileError as exc:
        return [exc.problem]
    text, problems = decode_utf8(shown, data)
    if text is None:
        return problems
    _, unsafe = parse_svg(text, "this drawing, published as it is,")
    return [ContentProblem(shown, f.line, f.column, "", f.message, f.hint) for f in unsafe]


def _picture_problems(path: Path, shown: str, suffix: str) -> list[ContentProblem]:
    try:
        with path.open("rb") as handle:
            head = handle.read(16)
    except OSError:
        return []  # check_folder has said why it cannot be read
    for signature, kind, suffixes in _SIGNATURES:
        if head.startswith(signature) and suffix not in suffixes:
            return [
                ContentProblem(
                    shown,
                    0,
                    0,
                    "",
                    f"this file is a {kind} picture, though its name ends in {suffix}: the build "
                    "would publish it as it is, with any location and camera data saved in it",
                    f"rename it to {path.stem}{suffixes[0]} (and change the pages that show it)",
                )
            ]
    return []
