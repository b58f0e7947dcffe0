"""What a new clinic does to the site `healthsite new` wrote, as its README and content/README.md
tell it to: the scenario `make new-clinic` runs on a site made from the wheel, and
tests/test_clinic_edits.py on a site made in the test run.

The clinic gives the site its own name, staff (one with a Certificate IV whom health funds do
not recognise), domain, colour and location; no HICAPS terminal; deletes the topic it does not
offer (turned off in content/library.yml); adds two FAQ questions of its own (merged into the
library's by id); signs off the library's pages; adds a Prices page with a right-aligned
price column and a photo, with its nav entry. The edits are made on the data (any clinic's
content has these fields) and written back as YAML a person could have typed. Whatever the
site's content holds, the edits adapt to it (a site with one topic keeps it; new ids and file
names never clash).
"""

from __future__ import annotations

import struct
import zlib
from datetime import date
from pathlib import Path
from typing import Any

import yaml

from healthsite.commands.cli import main as healthsite
from healthsite.model.library import LIBRARY_DIR, library_dir
from healthsite.source.yaml_source import load_yaml_file

CLINIC_NAME = "Harbour Street Remedial Massage"


def make_it_a_clinics_own(project: Path, today: date) -> str:
    """Every edit below on the site in `project` (`today`: the date the site is checked on,
    which the sign-off records); the address of the page it added."""
    make_it_our_clinic(project / "content")
    replace_the_example_pictures(project / "docs")
    turn_off_a_topic(project / "content")
    add_two_questions(project / "content", today)
    added = add_a_prices_page(project)
    sign_off_the_library(project)
    return added


def unused(name: str, taken: set[str]) -> str:
    """`name`, or `name-2`, `name-3`, ... whichever the clinic does not use already."""
    candidate, n = name, 2
    while candidate in taken:
        candidate, n = f"{name}-{n}", n + 1
    return candidate


def read_yaml(path: Path) -> Any:
    doc, problems = load_yaml_file(path, path.parent)
    if problems:
        raise ValueError(f"{path} does not load: {problems}")
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


PLACES = ("Harbour Street", "Quayside", "Bayview", "Hilltop")
PEOPLE = ("Priya Harbour", "Ken Quay", "Lena Bay", "Omar Hill")


def make_it_our_clinic(content: Path) -> None:
    """Every detail of the example clinic replaced with this clinic's own, as `healthsite check`
    asks once `example: true` is gone (rules.example_leftovers)."""
    clinic = read_yaml(content / "clinic.yml")
    clinic.pop("example", None)
    clinic.update(
        name=CLINIC_NAME,
        description="Remedial massage in Harbour Street, with honest information about what "
        "massage may and may not help with.",
        site_url="https://www.harbourstreetmassage.com.au/",
        email="bookings@harbourstreetmassage.com.au",
        phone="(02) 5550 9876",
    )
    if "booking_url" in clinic:
        clinic["booking_url"] = f"{BOOKINGS}/harbour-street"
    clinic["theme"] = {"primary_colour": "#7a3b69"}
    clinic["health_funds"] = {
        "hicaps": False,
        "note": "Ask your fund what it pays for remedial massage before you book.",
    }
    places = clinic.get("locations") or [clinic]
    for number, place in enumerate(places):
        make_it_our_place(place, number)
    people = clinic["people"]
    for number, person in enumerate(people):
        make_it_our_person(person, number)
    people[0].update(qualifications="Diploma of Remedial Massage (HLT52021)")
    people.append(
        {
            "id": unused("tom", {p["id"] for p in people}),
            "name": "Tom Newstart",
            "role": "Massage therapist",
            "qualifications": "Certificate IV in Massage Therapy (HLT42021)",
            "health_fund_provider": False,
        }
    )
    privacy = clinic.get("privacy")
    if privacy:
        privacy["contact"] = f"{PEOPLE[0]}, clinic owner"
        if "records_system" in privacy:
            privacy["records_system"] = "Harbour Practice Records"
        if "booking_provider" in privacy:
            privacy["booking_provider"] = {
                "name": "Harbour Online Bookings",
                "privacy_url": f"{BOOKINGS}/privacy",
            }
    write_yaml(content / "clinic.yml", clinic)


BOOKINGS = "https://bookings.harbourstreetmassage.com.au"


def make_it_our_place(place: dict[str, Any], number: int) -> None:
    """A location's own name, address, phone, booking page and access notes."""
    name = PLACES[number % len(PLACES)]
    place["address"].update(
        street=f"{3 + number} {name} Road", suburb="Portside", postcode=f"{2990 + number}"
    )
    if "id" in place:  # one of `locations:` (not a clinic.yml with one address at the top)
        place["name"] = name
        if "phone" in place:
            place["phone"] = f"(02) 5550 98{number:02d}"
        if "booking_url" in place:
            place["booking_url"] = f"{BOOKINGS}/{name.lower().replace(' ', '-')}"
    access = place.get("access")
    if access:
        access.update(
            details=f"The door at {name} is level with the street.",
            parking="Street parking nearby.",
            public_transport="Buses stop at the corner.",
        )


def make_it_our_person(person: dict[str, Any], number: int) -> None:
    """A person's own name and words about them (their photo is replaced with the pictures)."""
    name = PEOPLE[number % len(PEOPLE)]
    first = name.split()[0]
    person["name"] = name
    if "bio" in person:
        person["bio"] = f"{first} treats people with back and neck pain.\n"
    if "photo_alt" in person:
        person["photo_alt"] = f"{first}, smiling, in the treatment room"


def replace_the_example_pictures(docs: Path) -> None:
    """The clinic's own photos in place of the example's pictures (same names, as the check
    suggests)."""
    for folder in ("images", "team"):
        for picture in sorted((docs / "assets" / folder).glob("*.png")):
            picture.write_bytes(png(120, 90, (150 + len(picture.stem), 140, 120)))


def library() -> Path:
    """Where the installed healthsite keeps its content library."""
    return library_dir() or LIBRARY_DIR


def turn_off_a_topic(content: Path) -> None:
    """The library topic this clinic does not offer, listed under `exclude:` in
    content/library.yml (a site with one topic keeps it)."""
    topics = sorted(
        (read_yaml(path)["order"], path.stem)
        for path in (library() / "benefits").glob("*.yml")
        if not (content / "benefits" / path.name).exists()
    )
    if len(topics) < 2:
        return
    choices = content / "library.yml"
    text = choices.read_text(encoding="utf-8") if choices.exists() else "exclude: []\n"
    lines = text.splitlines()
    at = next(i for i, line in enumerate(lines) if line.startswith("exclude:"))
    lines[at] = "exclude:"
    lines.insert(at + 1, f"  - benefits/{topics[-1][1]}")
    choices.write_text("\n".join(lines) + "\n", encoding="utf-8")


def sign_off_the_library(project: Path) -> None:
    """The clinic's owner reads the library's pages and records it (`healthsite sign-off`)."""
    owner = read_yaml(project / "content" / "clinic.yml")["people"][0]["id"]
    status = healthsite(["--root", str(project), "sign-off", "--by", owner])
    if status != 0:
        raise RuntimeError(f"healthsite sign-off --by {owner} failed ({status})")


def add_two_questions(content: Path, today: date) -> None:
    """Two questions of the clinic's own, added to the first group of the questions it
    publishes: in content/faq.yml, which holds only the clinic's entries (merged into the
    library's questions by id, `healthsite.model.library_merge`) and the clinic's review of them;
    or,
    in a site with its own whole faq.yml, in that file."""
    path = content / "faq.yml"
    source = read_yaml(path) if path.exists() else read_yaml(library() / "faq.yml")
    taken = {
        str(item.get("id"))
        for group in source["groups"]
        for item in [group, *group["questions"]]
        if isinstance(item, dict)
    }
    new = [
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
    if path.exists():
        source["groups"][0]["questions"] += new
        write_yaml(path, source)
        return
    owner = read_yaml(content / "clinic.yml")["people"][0]["id"]
    own = {
        "review": {
            "last_reviewed": today.isoformat(),
            "next_review_due": today.replace(year=today.year + 1).isoformat(),
            "written_by": [owner],
            "reviewed_by": [owner],
        },
        "groups": [{"id": source["groups"][0]["id"], "questions": new}],
    }
    write_yaml(path, own)


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
