"""A clinic makes the site its own, as the README and content/README.md tell it to, and the site
checks still pass on the result, with the real date.

This copies whatever site the repository holds (so it also proves that the example a clinic
starts from can be edited this way), then makes the edits a new clinic makes: its own name,
staff (one with a Certificate IV whom health funds do not recognise), domain and colour; no
HICAPS terminal; deletes the topic it does not offer; reviews a page today; adds two FAQ
questions; adds a Prices page with a right-aligned price column and a photo, with its nav entry.
The edits are made on the data (any clinic's content has these fields), and the files are
written back as YAML a person could have typed. Whatever the clinic's own content holds, the
edits adapt to it (a clinic with one topic keeps it; new ids and file names never clash), so
this test can only fail when the generator lets a clinic down.

What it covers: `healthsite check` on the edited content, then the whole site-check suite
(tests/site_checks, every check `make verify` runs, nothing left out: the edits change almost
every page, with the clinic's name in the header, footer and structured data, its colour on
every link and the menu without the deleted topic and with the Prices page) on the edited
site, built once in a fresh pytest process as a clinic's `make verify` builds it, with the
real date. That process runs its checks in two parallel workers (pytest-xdist), which share
the one build and the one Nu HTML Checker run; like every site-check run it tabs through the
theme's chrome once per page shape and through each page's own content on every page.
"""

from __future__ import annotations

import os
import shutil
import struct
import subprocess
import sys
import zlib
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
import yaml

from healthsite.cli import main as healthsite
from healthsite.yaml_source import load_yaml_file

from .conftest import REPO

pytestmark = [pytest.mark.browser, pytest.mark.site_check]

TODAY = date.today()  # the real date, as a clinic's CI has it
SITE_CHECKS_TIMEOUT = 1800  # seconds; a guard against a hang, not a speed target
# Parallel workers for the site checks (mostly waiting on Chromium, so two overlap well even
# while the rest of the generator tests run beside them).
SITE_CHECK_WORKERS = "2"


def unused(name: str, taken: set[str]) -> str:
    """`name`, or `name-2`, `name-3`, ... whichever the clinic does not use already."""
    candidate, n = name, 2
    while candidate in taken:
        candidate, n = f"{name}-{n}", n + 1
    return candidate


def read_yaml(path: Path) -> Any:
    doc, problems = load_yaml_file(path, path.parent)
    assert problems == [], problems
    return doc.data


def write_yaml(path: Path, data: Any) -> None:
    path.write_text(
        yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=88), encoding="utf-8"
    )


def png(width: int, height: int, rgb: tuple[int, int, int]) -> bytes:
    """A small solid-colour PNG (a stand-in for the clinic's photo of its room)."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    row = b"\x00" + bytes(rgb) * width
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(row * height))
        + chunk(b"IEND", b"")
    )


def copy_repository_site(target: Path) -> Path:
    target.mkdir(parents=True)
    shutil.copy2(REPO / "mkdocs.yml", target / "mkdocs.yml")
    for folder in ("content", "docs", "overrides"):
        shutil.copytree(REPO / folder, target / folder)
    return target


def make_it_our_clinic(content: Path) -> None:
    clinic = read_yaml(content / "clinic.yml")
    clinic.pop("example", None)
    clinic.update(
        name="Harbour Street Remedial Massage",
        description="Remedial massage in Harbour Street, with honest information about what "
        "massage may and may not help with.",
        site_url="https://www.harbourstreetmassage.com.au/",
        email="bookings@harbourstreetmassage.com.au",
        phone="(02) 5550 9876",
    )
    clinic["theme"] = {"primary_colour": "#7a3b69"}
    clinic["health_funds"] = {
        "hicaps": False,
        "note": "Ask your fund what it pays for remedial massage before you book.",
    }
    people = clinic["people"]
    people[0].update(name="Priya Harbour", qualifications="Diploma of Remedial Massage (HLT52021)")
    people.append(
        {
            "id": unused("tom", {p["id"] for p in people}),
            "name": "Tom Newstart",
            "role": "Massage therapist",
            "qualifications": "Certificate IV in Massage Therapy (HLT42021)",
            "health_fund_provider": False,
        }
    )
    write_yaml(content / "clinic.yml", clinic)


def delete_a_topic_and_review_another(content: Path) -> None:
    topics = sorted(
        (read_yaml(path)["order"], path) for path in (content / "benefits").glob("*.yml")
    )
    if len(topics) >= 2:  # the topic this clinic does not offer: deleting the file is all
        topics[-1][1].unlink()
    first = topics[0][1]
    page = read_yaml(first)
    page["review"]["last_reviewed"] = TODAY.isoformat()
    page["review"]["next_review_due"] = (TODAY + timedelta(days=730)).isoformat()
    write_yaml(first, page)


def add_two_questions(content: Path) -> None:
    faq = read_yaml(content / "faq.yml")
    taken = {
        str(item.get("id"))
        for group in faq["groups"]
        for item in [group, *group["questions"]]
        if isinstance(item, dict)
    }
    faq["groups"][0]["questions"] += [
        {
            "id": unused("parking", taken),
            "question": "Is there parking near the clinic?",
            "answer": "Yes. There is free parking for two hours in the street behind the clinic.",
        },
        {
            "id": unused("wheelchair-access", taken),
            "question": "Can I get in with a wheelchair?",
            "answer": "Yes. There is a ramp at the front door and one room on the ground floor.",
        },
    ]
    write_yaml(content / "faq.yml", faq)


PRICES = """\
---
title: Prices
description: What a remedial massage costs at Harbour Street, for 30, 45 and 60 minutes.
---

# Prices

| Session | Length | Price |
|:--------|:------:|------:|
| Remedial massage | 30 minutes | $70 |
| Remedial massage | 45 minutes | $95 |
| Remedial massage | 60 minutes | $120 |

![Our treatment room, with a massage table by a window](assets/images/room.png)
"""


def add_a_prices_page(project: Path) -> str:
    """Add the page (and its photo); return its address."""
    docs = project / "docs"
    name = unused("prices", {p.stem for p in docs.glob("*.md")})
    images = docs / "assets" / "images"
    images.mkdir(parents=True, exist_ok=True)
    photo = unused("room", {p.stem for p in images.iterdir()})
    (images / f"{photo}.png").write_bytes(png(96, 64, (182, 160, 130)))
    page = PRICES.replace("assets/images/room.png", f"assets/images/{photo}.png")
    (docs / f"{name}.md").write_text(page, encoding="utf-8")
    # The nav entry, typed at the end of the `nav:` list as content/README.md shows (a site
    # with no `nav:` lists every page by itself).
    lines = (project / "mkdocs.yml").read_text(encoding="utf-8").splitlines()
    if "nav:" not in lines:
        return name
    start = lines.index("nav:")
    end = next(
        (i for i in range(start + 1, len(lines)) if lines[i] and not lines[i][0].isspace()),
        len(lines),
    )
    while not lines[end - 1].strip():
        end -= 1
    lines.insert(end, f"  - Prices: {name}.md")
    (project / "mkdocs.yml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return name


def test_a_clinic_that_makes_the_site_its_own_keeps_passing_the_site_checks(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    project = copy_repository_site(tmp_path / "clinic")
    make_it_our_clinic(project / "content")
    delete_a_topic_and_review_another(project / "content")
    add_two_questions(project / "content")
    prices = add_a_prices_page(project)

    status = healthsite(["--root", str(project), "check"])
    assert status == 0, capsys.readouterr().err

    # The real date; and a run of its own, even when this test runs in a pytest-xdist worker.
    env = {
        k: v
        for k, v in os.environ.items()
        if k != "HEALTHSITE_TODAY" and not k.startswith(("PYTEST_XDIST_", "PYTEST_CURRENT_"))
    }
    env["HEALTHSITE_PROJECT_DIR"] = str(project)
    env.pop("HEALTHSITE_SITE_DIR", None)
    site_checks = ["tests/site_checks", "-q", "-p", "no:cacheprovider", "-n", SITE_CHECK_WORKERS]
    result = subprocess.run(
        [sys.executable, "-m", "pytest", *site_checks],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=SITE_CHECKS_TIMEOUT,
        check=False,
    )
    assert result.returncode == 0, result.stdout[-6000:] + result.stderr[-2000:]
    built = project / ".site-checks"
    assert (built / prices / "index.html").is_file()
    assert "Harbour Street Remedial Massage" in (built / "index.html").read_text(encoding="utf-8")
