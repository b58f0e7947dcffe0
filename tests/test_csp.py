"""The Content-Security-Policy allows exactly the theme's inline scripts, on every page, whatever
HTML a page holds around its own scripts; and a clinic can allow one more script by hash."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from mkdocs.commands.build import build as build_with_mkdocs
from mkdocs.config import load_config

from healthsite.commands.cli import main
from healthsite.render.security_headers import hash_source, script_hash
from healthsite.rules import project_check

from .conftest import FIXTURE_CONTENT, copy_project

# A hand-written page may hold raw HTML. Each of these tries to make a script look as if it sat
# outside the page's content (where the theme's scripts are), to a parser or to a browser.
FORGERIES = [
    "</article><script>alert('forged-1')</script>",
    "<textarea></article><script>alert('forged-2')</script></textarea>",
    "<!-- </article> --><script>alert('forged-3')</script>",
    "<![CDATA[ </article> ]]><script>alert('forged-4')</script>",
    "<div title=\"<script>alert('forged-5')</script>\"></div><script>alert('forged-6')</script>",
    "<svg><script>alert('forged-7')</script></svg>",
    "<math><mi></article><script>alert('forged-8')</script></mi></math>",
    "<noscript></article><script>alert('forged-9')</script></noscript>",
    "<template></article><script>alert('forged-10')</script></template>",
    "<style></article><script>alert('forged-11')</script></style>",
    "<script type=\"module\">alert('forged-12')</script>",
    "<scr<script>ipt>alert('forged-13')</script>",
    "</main></div></body></html><script>alert('forged-14')</script>",
    "<script>allowed()</script>",
]
BODIES = [f"alert('forged-{i}')" for i in range(1, 15)]
FORGED_PAGES = ("forged/", "deeper/forged/")
SCRIPT = re.compile(r"<script([^>]*)>(.*?)</script>", re.DOTALL)
CSP = re.compile(r'<meta http-equiv="?Content-Security-Policy"? content="([^"]*)"')


def policy_hashes(page: Path) -> set[str]:
    html = page.read_text(encoding="utf-8")
    (policy,) = CSP.findall(html)
    (script_src,) = [d for d in policy.split(";") if d.strip().startswith("script-src")]
    return {token for token in script_src.split() if token.startswith("'sha")}


def inline_scripts(page: Path) -> list[str]:
    """Executable inline scripts of a page built from trusted content only."""
    return [
        body
        for attrs, body in SCRIPT.findall(page.read_text(encoding="utf-8"))
        if "src=" not in attrs and "json" not in attrs
    ]


def build_forged_site(workdir: Path) -> Path:
    """The fixture site with two hand-written pages of forged scripts (one a level deeper) and
    one script the clinic allows by hash; returns the built site.

    `healthsite check` refuses these pages (rules.hand_written names each script), so a real
    build stops before MkDocs runs. Here that check is switched off and MkDocs builds in this
    process, to prove the Content-Security-Policy alone still blocks every forged script:
    the last line of defence, should a page ever reach the build unchecked."""
    project = copy_project(workdir / "project", FIXTURE_CONTENT)
    (project / "docs" / "forged.md").write_text(
        "# Forged\n\nScripts that try to pass for the theme's.\n\n" + "\n\n".join(FORGERIES) + "\n",
        encoding="utf-8",
    )
    (project / "docs" / "deeper").mkdir()
    (project / "docs" / "deeper" / "forged.md").write_text(
        "# Deeper\n\n" + "".join(FORGERIES) + "\n", encoding="utf-8"
    )
    config = project / "mkdocs.yml"
    allowed = script_hash("allowed()").strip("'")
    config.write_text(
        config.read_text().replace(
            "      overdue_review: error",
            f"      overdue_review: error\n      allowed_script_hashes: [{allowed}]",
        )
    )
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(project_check, "check_hand_written_pages", lambda *args, **kwargs: [])
        site = project / "site"
        build_with_mkdocs(load_config(str(config), site_dir=str(site)))
    return site


@pytest.fixture(scope="module")
def forged_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_forged_site(tmp_path_factory.mktemp("csp"))


def test_every_theme_script_of_every_clean_page_is_allowed(forged_site: Path) -> None:
    pages = [p for p in forged_site.rglob("*.html") if "forged" not in str(p)]
    assert len(pages) >= 7
    for page in pages:
        scripts = inline_scripts(page)
        assert len(scripts) >= 2, page  # Material writes a few; the theme must keep working
        assert {script_hash(body) for body in scripts} <= policy_hashes(page), page


def test_forged_scripts_are_never_allowed(forged_site: Path) -> None:
    forged = [
        forged_site / "forged" / "index.html",
        forged_site / "deeper" / "forged" / "index.html",
    ]
    forbidden = {script_hash(body) for body in BODIES}
    for page in forged:
        html = page.read_text(encoding="utf-8")
        assert "forged-1" in html and "forged-14" in html  # the markup reached the page
        assert not policy_hashes(page) & forbidden, page
    # Each forged page allows exactly what a clean page at the same depth allows.
    assert policy_hashes(forged[0]) == policy_hashes(forged_site / "safety" / "index.html")
    assert policy_hashes(forged[1]) == policy_hashes(
        forged_site / "benefits" / "stress" / "index.html"
    )
    headers = (forged_site / "_headers").read_text(encoding="utf-8")
    assert not any(h in headers for h in forbidden)


def test_a_script_the_clinic_allows_by_hash_is_allowed_everywhere(forged_site: Path) -> None:
    allowed = script_hash("allowed()")
    for page in forged_site.rglob("*.html"):
        assert allowed in policy_hashes(page), page
    assert allowed in (forged_site / "_headers").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("sha256-" + "A" * 43 + "=", "'sha256-" + "A" * 43 + "='"),
        ("'sha256-" + "A" * 43 + "='", "'sha256-" + "A" * 43 + "='"),  # as Chrome prints it
        ("sha512-" + "A" * 86 + "==", "'sha512-" + "A" * 86 + "=='"),
    ],
)
def test_script_hashes_a_clinic_can_write(written: str, expected: str) -> None:
    assert hash_source(written) == expected


@pytest.mark.parametrize(
    "written", ["unsafe-inline", "sha256-abc", "sha1-" + "A" * 27 + "=", "sha256-" + "!" * 44]
)
def test_anything_else_is_refused_with_a_clear_message(
    written: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    project = copy_project(tmp_path / "project", FIXTURE_CONTENT)
    config = project / "mkdocs.yml"
    config.write_text(
        config.read_text().replace(
            "      overdue_review: error",
            f"      overdue_review: error\n      allowed_script_hashes: ['{written}']",
        )
    )
    assert main(["--root", str(project), "check"]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"error: healthsite: allowed_script_hashes lists '{written}', which is")
