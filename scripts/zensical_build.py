"""Build a healthsite project with Zensical instead of MkDocs: `make zensical`, CI's early warning.

Zensical (Material for MkDocs' successor) reads mkdocs.yml but runs no plugin of ours, so the
core's steps run around it (`healthsite.build_steps`):

1. the check every build runs (`rules.project_check`, with mkdocs.yml read by the MkDocs
   adapter, as `healthsite check` does), every problem printed;
2. `before_build.write_plain_project`: a plain project (Markdown pages, the menu, the generated
   files, mkdocs.yml without our plugins) in a temporary folder;
3. `zensical build` on it, from its own venv (`.venv-zensical/`, from requirements/zensical.txt),
   with this package on its path for the table-alignment Markdown extension;
4. `after_build.finish_site`: the last touches, minifying, each page's Content-Security-Policy
   and `_headers`.

What this build has and lacks next to the MkDocs one: ENGINEERING.md, "MkDocs 2 and Zensical".

Usage: .venv/bin/python scripts/zensical_build.py [--site-dir .site-zensical]
           [--zensical .venv-zensical/bin/zensical] [--keep-project DIR]
"""

from __future__ import annotations

import argparse
import functools
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from healthsite import PACKAGE_DIR
from healthsite.adapters.mkdocs.material_html import finish_html
from healthsite.adapters.mkdocs.material_pages import expands_macros, material_text, page_source
from healthsite.build_steps.after_build import AfterBuildError, finish_site
from healthsite.build_steps.before_build import PageFormat, write_plain_project
from healthsite.build_steps.hand_written_pages import PageMacroError
from healthsite.build_steps.site_config import SiteConfigError, read_site_config
from healthsite.commands.check import check_and_report
from healthsite.commands.project_setup import SETUP_ERRORS, read_project, report_setup_error
from healthsite.render.menu_entries import MenuError
from healthsite.render.theme_files import MissingStylesheet
from healthsite.source.errors import ContentErrors, format_problems
from healthsite.source.project_files import ProjectFileError

# Written into the site folder this script builds: only a folder carrying it is replaced.
MARK = ".healthsite-zensical"
# Zensical's own settings: the classic variant keeps Material's look (and its HTML, which the
# theme's overrides and the last touches of material_html expect).
ZENSICAL_THEME = {"variant": "classic"}
# The engine's copies of Material's partials that Zensical does differently: under Material
# 9.8's search form its search box shows as a bare form; Zensical's own (a button opening a
# dialog) already has the accessible name the engine's copy adds.
ZENSICAL_OWN_PARTIALS = ("partials/search.html",)
BUILD_TIMEOUT_S = 600
# What stops a step, each with its message (all are ValueErrors, as is a bad script hash).
_STEP_ERRORS = (SiteConfigError, MenuError, MissingStylesheet, AfterBuildError, ValueError)


def _site_folder(site_dir: Path) -> str:
    """Why `site_dir` must not be replaced ('' when it may be: new, or built by this script)."""
    if site_dir.is_symlink() or (site_dir.exists() and not site_dir.is_dir()):
        return "it is not a folder"
    if site_dir.is_dir() and any(site_dir.iterdir()) and not (site_dir / MARK).is_file():
        return f"it is a folder this script did not build (it has no {MARK})"
    return ""


def _zensical(command: Path, config_file: Path) -> int:
    """Run `zensical build` on the plain project, with this package importable for the
    Markdown extension its mkdocs.yml names (healthsite.render.markdown_alignment)."""
    path = os.pathsep.join(filter(None, [str(PACKAGE_DIR.parent), os.environ.get("PYTHONPATH")]))
    result = subprocess.run(
        [str(command), "build", "--config-file", str(config_file)],
        cwd=config_file.parent,
        env={**os.environ, "PYTHONPATH": path},
        check=False,
        timeout=BUILD_TIMEOUT_S,
    )
    return result.returncode


def build(root: Path, site_dir: Path, zensical: Path, plain_dir: Path) -> int:
    """The four steps of the module's docstring; the exit status."""
    try:
        mkdocs_config, project = read_project(root)
    except SETUP_ERRORS as exc:
        return report_setup_error(exc, content_status=1)
    status, checked = check_and_report(mkdocs_config, project, quiet=True)
    if status or checked is None:
        return status or 1
    config = read_site_config(project.config_file)
    page_format = PageFormat(material_text, page_source, expands_macros)
    plain = write_plain_project(
        project,
        config,
        checked.content,
        plain_dir,
        today=checked.today,
        page_format=page_format,
        theme_settings=ZENSICAL_THEME,
        engine_templates_left_out=ZENSICAL_OWN_PARTIALS,
    )
    pages = len(plain.generated_pages) + len(plain.hand_written_pages)
    print(f"Wrote a plain project of {pages} pages into {plain_dir}", flush=True)
    status = _zensical(zensical, plain.config_file)
    if status:
        print(f"error: zensical build failed (exit status {status})", file=sys.stderr)
        return status
    plain.site_dir.rename(site_dir)
    minify = config.healthsite.get("minify", True) is not False
    finished = finish_site(
        site_dir,
        site_url=checked.content.clinic.site_url,
        finish=functools.partial(finish_html, minify=minify),
        allowed_scripts=project.allowed_scripts,
    )
    (site_dir / MARK).write_text("Built by scripts/zensical_build.py; safe to delete.\n")
    if finished.blocked:
        print(format_problems(finished.blocked), file=sys.stderr)
    print(f"Built the site with Zensical into {site_dir}: {len(finished.pages)} HTML pages")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--site-dir", type=Path, default=Path(".site-zensical"))
    parser.add_argument("--zensical", type=Path, default=Path(".venv-zensical/bin/zensical"))
    parser.add_argument(
        "--keep-project", type=Path, help="write the plain project here and keep it"
    )
    args = parser.parse_args(argv)
    root = Path.cwd()
    site_dir = args.site_dir.resolve()
    refusal = _site_folder(site_dir)
    if refusal:
        print(f"error: will not build into {site_dir}: {refusal}", file=sys.stderr)
        return 2
    if not args.zensical.is_file():
        print(
            f"error: {args.zensical} is missing; `make zensical` installs it into .venv-zensical/",
            file=sys.stderr,
        )
        return 2
    shutil.rmtree(site_dir, ignore_errors=True)
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    # Beside the site folder, so the site Zensical writes inside it is moved there by a rename.
    with tempfile.TemporaryDirectory(
        prefix=".healthsite-zensical-", dir=site_dir.parent
    ) as scratch:
        plain_dir = args.keep_project.resolve() if args.keep_project else Path(scratch) / "project"
        try:
            return build(root, site_dir, args.zensical.resolve(), plain_dir)
        except ContentErrors as exc:
            print(exc.format(), file=sys.stderr)
        except (ProjectFileError, PageMacroError) as exc:
            print(exc.problem.format(), file=sys.stderr)
        except _STEP_ERRORS as exc:
            print(f"error: {exc}", file=sys.stderr)
        except FileExistsError as exc:
            print(f"error: {exc.filename} already exists; name a new folder", file=sys.stderr)
    return 1


if __name__ == "__main__":
    sys.exit(main())
