"""`make new-clinic`: what a new clinic does, with the engine's wheel as the only source of it.

In a new folder outside this repository: a venv with the wheel installed, `healthsite new
mysite`, the edits of scripts/clinic_scenario.py (a clinic making the site its own), then the new
site's own `make test` (check, build, and every site check on the built site, with the real
date), which installs healthsite from the wheel through pip's PIP_FIND_LINKS, as the site's README
says. Also checks that the new site holds no engine code or templates. Exit status 0 when all
passed. Minutes of browser time: a CI job of its own, not part of `make test`.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

from scripts.clinic_scenario import CLINIC_NAME, make_it_a_clinics_own

REPO = Path(__file__).resolve().parent.parent
LOCK = REPO / "requirements" / "requirements.txt"
# What a clinic's repository may hold besides content: no engine code, no templates.
ENGINE_FILES = ("*.py", "*.html", "*.css", "*.js")


def run(command: list[str], cwd: Path, env: dict[str, str]) -> None:
    print("+", " ".join(command), flush=True)
    subprocess.run(command, cwd=cwd, env=env, check=True)


def engine_files(site: Path) -> list[Path]:
    ignored = {".venv", ".cache", "site", ".site-checks", ".git"}
    return [
        path
        for pattern in ENGINE_FILES
        for path in site.rglob(pattern)
        if not ignored & set(path.relative_to(site).parts)
    ]


def trial(wheel_dir: Path, work: Path) -> int:
    wheels = sorted(wheel_dir.glob("healthsite-*.whl"))
    if len(wheels) != 1:
        print(f"new-clinic: need exactly one healthsite wheel in {wheel_dir}", file=sys.stderr)
        return 2
    version = wheels[0].name.split("-")[1]
    # The real date, and pip finding healthsite in the wheel folder only (no other source).
    env = {k: v for k, v in os.environ.items() if k != "HEALTHSITE_TODAY"}
    env["PIP_FIND_LINKS"] = str(wheel_dir)
    tool = work / "tool"
    run([sys.executable, "-m", "venv", str(tool)], work, env)
    pip = [str(tool / "bin" / "python"), "-m", "pip", "install", "--quiet", "--no-deps"]
    run([*pip, "--require-hashes", "-r", str(LOCK)], work, env)
    run([*pip, "--no-index", f"healthsite=={version}"], work, env)
    run([str(tool / "bin" / "healthsite"), "new", "mysite"], work, env)
    site = work / "mysite"
    found = engine_files(site)
    if found:
        print(f"new-clinic: the new site holds engine files: {found}", file=sys.stderr)
        return 1
    prices = make_it_a_clinics_own(site, date.today())
    started = time.monotonic()
    run(["make", "test"], site, env)
    print(f"new-clinic: the new site's `make test` passed in {time.monotonic() - started:.0f} s")
    engine = subprocess.run(
        [
            str(site / ".venv" / "bin" / "python"),
            "-c",
            "import healthsite; print(healthsite.__file__)",
        ],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    if REPO in Path(engine).parents:
        print(f"new-clinic: the site used the repository's engine ({engine})", file=sys.stderr)
        return 1
    home = (site / "site" / "index.html").read_text(encoding="utf-8")
    if CLINIC_NAME not in home or not (site / "site" / prices / "index.html").is_file():
        print("new-clinic: the built site lacks the clinic's edits", file=sys.stderr)
        return 1
    return 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--wheel-dir", type=Path, required=True)
    parser.add_argument("--keep", action="store_true", help="keep the trial folder")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="healthsite-new-clinic-"))
    try:
        return trial(args.wheel_dir.resolve(), work)
    except subprocess.CalledProcessError as exc:
        print(f"new-clinic: {' '.join(exc.cmd)} failed ({exc.returncode})", file=sys.stderr)
        return 1
    finally:
        if args.keep:
            print(f"new-clinic: kept {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
