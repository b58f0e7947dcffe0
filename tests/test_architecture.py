"""The content core stays independent of the site builder (see style.md): loading, checking
and rendering content import nothing from MkDocs, so a move to another builder touches only
the adapter modules."""

from __future__ import annotations

import subprocess
import sys

CORE = [
    "healthsite.yaml_source",
    "healthsite.models",
    "healthsite.loader",
    "healthsite.rules",
    "healthsite.rules.hand_written",
    "healthsite.rules.booking_url",
    "healthsite.rules.logo",
    "healthsite.sharing",
    "healthsite.markdown_alignment",
    "healthsite.markdown_images",
    "healthsite.images",
    "healthsite.image_markup",
    "healthsite.render",
    "healthsite.markup",
    "healthsite.structured_data",
    "healthsite.security_headers",
    "healthsite.postprocess",
    "healthsite.project_files",
    "healthsite.site_output",
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


def test_the_adapter_does_import_mkdocs() -> None:
    # The check above would pass vacuously if the probe could not see MkDocs imports at all.
    code = "import sys, healthsite.mkdocs_plugin; print('mkdocs' in sys.modules)"
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "True"
