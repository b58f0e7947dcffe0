"""The content core stays independent of the site builder (ENGINEERING.md, "How it fits
together"): loading, checking and rendering content import nothing from MkDocs, so a move to
another builder touches only the adapter modules."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

CORE = [
    "healthsite.yaml_source",
    "healthsite.models",
    "healthsite.loader",
    "healthsite.content_types",
    "healthsite.site_language",
    "healthsite.rules",
    "healthsite.rules.hand_written",
    "healthsite.rules.content_links",
    "healthsite.rules.booking_url",
    "healthsite.rules.logo",
    "healthsite.rules.photos",
    "healthsite.rename_person",
    "healthsite.sharing",
    "healthsite.markdown_alignment",
    "healthsite.markdown_images",
    "healthsite.images",
    "healthsite.image_markup",
    "healthsite.render",
    "healthsite.markup",
    "healthsite.structured_data",
    "healthsite.security_headers",
    "healthsite.project_files",
    "healthsite.site_output",
    "healthsite.library",
    "healthsite.library_merge",
    "healthsite.sign_off",
    "healthsite.example_blocks",
    "healthsite.svg_safety",
    "healthsite.rules.library_sign_off",
    "healthsite.rules.unused_files",
    "healthsite.rules.example_leftovers",
    "healthsite.rules.page_links",
]


def test_core_modules_do_not_import_mkdocs() -> None:
    code = (
        "import sys\n"
        + "".join(f"import {module}\n" for module in CORE)
        + "builders = {'mkdocs', 'properdocs', 'material', 'mkdocs_macros'}\n"
        + "print(sorted(m for m in sys.modules if m.split('.')[0] in builders))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "[]"


def test_builder_knowledge_stays_in_the_adapter() -> None:
    """The core hands over plain text and Markdown: the escaping Material needs and the keys
    mkdocs-macros reads are the adapter's (material_pages.py), written once."""
    package = Path(__file__).resolve().parent.parent / "src" / "healthsite"
    for module in CORE:
        path = package.joinpath(*module.split(".")[1:])
        source = (
            path.with_suffix(".py") if path.with_suffix(".py").exists() else path / "__init__.py"
        )
        text = source.read_text(encoding="utf-8")
        assert "render_macros" not in text, module
        assert "html.escape(" not in text or module == "healthsite.markup", module


def test_the_adapter_does_import_mkdocs() -> None:
    # The check above would pass vacuously if the probe could not see MkDocs imports at all.
    code = "import sys, healthsite.mkdocs_plugin; print('mkdocs' in sys.modules)"
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "True"
