"""Puts the example clinic site into the wheel: this repository's top-level content/, docs/,
overrides/ and mkdocs.yml, and the lock file a new site installs from, are copied into
`healthsite/scaffold/example/` when the package is built, so `healthsite new` writes exactly the
example this repository builds and tests, with one copy of it in the source tree. (An editable
install reads them from the checkout instead: see healthsite.commands.new_site.)"""

from __future__ import annotations

import importlib.util
import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

ROOT = Path(__file__).resolve().parent
_spec = importlib.util.spec_from_file_location(
    "example_files", ROOT / "src/healthsite/source/example_files.py"
)
assert _spec is not None and _spec.loader is not None
example_files = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(example_files)


class BuildWithExample(build_py):  # type: ignore[misc]
    def run(self) -> None:
        super().run()
        if self.editable_mode:
            return
        target = Path(self.build_lib, "healthsite", *example_files.EXAMPLE_IN_PACKAGE)
        for name, source in example_files.EXAMPLE.items():
            path = ROOT / source
            if path.is_dir():
                shutil.copytree(path, target / name, dirs_exist_ok=True)
            else:
                target.mkdir(parents=True, exist_ok=True)
                shutil.copy2(path, target / name)


setup(cmdclass={"build_py": BuildWithExample})
