"""Once `example: true` is gone from clinic.yml, nothing of the example clinic stays on the site:
its made-up details and addresses at domains reserved for examples are errors where they are
written (rules.example_leftovers), its pictures are errors where a page still shows them and are
otherwise not published (rules.unused_files); and any file of docs/ that nothing uses is a
warning. "The example" here is a fixture of this test, standing in for the one `healthsite new`
copies, so nothing depends on what the repository's example says."""

from __future__ import annotations

import io
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from PIL import Image

from healthsite.commands.cli import main as healthsite
from healthsite.rules import example_leftovers, unused_files
from healthsite.rules.example_leftovers import reserved_host
from healthsite.source.example_blocks import without_example_blocks

from .conftest import EXAMPLE_SITE, build, copy_project


def picture(colour: tuple[int, int, int]) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (40, 30), colour).save(out, "PNG")
    return out.getvalue()


SHOWN = picture((200, 30, 30))
NOT_SHOWN = picture((30, 200, 30))


@pytest.fixture
def example(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """An example site with a picture a page shows and one nothing shows, used as the example
    `healthsite new` copies."""
    folder = copy_project(tmp_path / "example")
    images = folder / "docs" / "assets" / "images"
    images.mkdir(parents=True)
    (images / "room.png").write_bytes(SHOWN)
    (images / "spare.png").write_bytes(NOT_SHOWN)
    with (folder / "docs" / "clinic.md").open("a", encoding="utf-8") as page:
        page.write(
            "\n![A drawing of a treatment room](assets/images/room.png)\n\n"
            "{% if clinic.example %}\n![A drawing of a spare room](assets/images/spare.png)\n"
            "{% endif %}\n"
        )
    sources = {"content": folder / "content", "docs": folder / "docs"}
    for module in (example_leftovers, unused_files):
        monkeypatch.setattr(module, "example_sources", lambda: sources)
    example_leftovers._example_clinic.cache_clear()
    unused_files._example_digests.cache_clear()
    yield folder
    example_leftovers._example_clinic.cache_clear()
    unused_files._example_digests.cache_clear()


def new_site(example: Path, target: Path) -> Path:
    shutil.copytree(example, target)
    return target


def check(project: Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    status = healthsite(["--root", str(project), "check"])
    return status, capsys.readouterr().err


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_the_example_itself_passes(
    example: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status, out = check(new_site(example, tmp_path / "site"), capsys)
    assert status == 0, out
    assert "example clinic's" not in out


def test_without_example_true_every_made_up_detail_is_an_error_where_it_is_written(
    example: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    project = new_site(example, tmp_path / "site")
    clinic = project / "content" / "clinic.yml"
    edit(clinic, "example: true\n", "")
    lines = clinic.read_text(encoding="utf-8").splitlines()
    line_of = {
        key: next(i for i, t in enumerate(lines, 1) if t.startswith(f"{key}:"))
        for key in ("name", "email", "phone")
    }
    status, out = check(project, capsys)
    assert status == 1
    assert (
        f"content/clinic.yml:{line_of['name']}:7: error in 'name': this is still the example "
        "clinic's ('" in out
    )
    assert (
        f"content/clinic.yml:{line_of['email']}:8: error in 'email': this address is at "
        "example.org, a name reserved for examples (RFC 2606)" in out
    )
    assert (
        f"content/clinic.yml:{line_of['phone']}:8: error in 'phone': this is still the "
        "example clinic's" in out
    )
    assert (
        "docs/assets/images/room.png: error: this is the example clinic's picture "
        "(docs/assets/images/room.png), not one of yours, and docs/clinic.md still shows it" in out
    )
    assert "docs/assets/images/spare.png: warning: this is the example clinic's picture" in out


def test_a_clinic_that_replaced_them_passes_and_the_unshown_picture_is_not_published(
    example: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    project = new_site(example, tmp_path / "site")
    clinic = project / "content" / "clinic.yml"
    text = clinic.read_text(encoding="utf-8").replace("example: true\n", "")
    theirs = example / "content" / "clinic.yml"
    own = {
        "site_url": "https://harbourmassage.com.au/",
        "booking_url": "https://bookings.harbourmassage.com.au/book",
        "privacy_url": "https://harbourmassage.com.au/privacy",
        "map_url": "https://www.openstreetmap.org/search?query=Portside",
        "email": "hi@harbourmassage.com.au",
        "phone": "03 9000 1234",
        "postcode": '"3000"',
    }
    for line in theirs.read_text(encoding="utf-8").splitlines():
        key, _, value = line.strip().lstrip("- ").partition(": ")
        if key in example_leftovers.MADE_UP_FIELDS and value.strip() not in {"", ">-", "|"}:
            mine = own.get(key, f'"Our own {key} {len(text)}"')
            text = text.replace(line, line.replace(value, mine), 1)
    lines = text.splitlines(keepends=True)
    start = next(i for i, line in enumerate(lines) if line.startswith("description:"))
    end = next(i for i in range(start + 1, len(lines)) if not lines[i].startswith("  "))
    lines[start:end] = ["description: Remedial massage by the harbour, told plainly.\n"]
    text = "".join(lines)
    text = text.replace("example.org", "harbourmassage.com.au").replace(
        "example.com", "harbourmassage.com.au"
    )
    clinic.write_text(text, encoding="utf-8")
    (project / "docs" / "assets" / "images" / "room.png").write_bytes(picture((9, 9, 9)))
    status, out = check(project, capsys)
    assert "error" not in out, out
    assert status == 0
    assert build(project) == 0
    site = project / "site"
    assert list(site.rglob("room*"))  # the clinic's own picture, resized
    assert not list(site.rglob("spare*"))
    assert not (site / "assets" / "images" / "favicon.png").exists()  # Material's own, unused


@pytest.mark.parametrize(
    ("text", "host"),
    [
        ("https://booking.example.com/x", "booking.example.com"),
        ("Write to hello@Example.ORG today", "example.org"),
        ("<https://clinic.test/>", "clinic.test"),
        ("https://myexample.com/", None),
        ("no address here, example.com as a word", None),
    ],
)
def test_reserved_hosts_are_found_in_web_and_email_addresses(text: str, host: str | None) -> None:
    assert reserved_host(text) == host


def test_a_file_nothing_uses_is_a_warning_and_files_in_use_are_not(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    project = copy_project(tmp_path / "site", site=EXAMPLE_SITE)
    docs = project / "docs"
    for name in (
        "assets/stray.pdf",
        "assets/prices.pdf",
        "assets/raw.pdf",
        "assets/named-in-template.png",
        "CNAME",
        ".well-known/security.txt",
    ):
        (docs / name).parent.mkdir(parents=True, exist_ok=True)
        (docs / name).write_bytes(picture((1, 2, 3)) if name.endswith(".png") else b"x")
    with (docs / "clinic.md").open("a", encoding="utf-8") as page:
        page.write('\n[Our price list](assets/prices.pdf)\n\n<a href="../assets/raw.pdf">Raw</a>\n')
    (project / "overrides" / "main.html").write_text(
        '{% extends "base.html" %}\n{% block extrahead %}<link rel="preload" '
        'href="{{ base_url }}/assets/named-in-template.png" as="image">{% endblock %}\n',
        encoding="utf-8",
    )
    status, out = check(project, capsys)
    assert status == 0, out
    unused = [line for line in out.splitlines() if "no page links to it" in line]
    assert unused == [
        "docs/assets/stray.pdf: warning: the site publishes this file, but no page links to it "
        "or shows it, so it is public at an address nobody is given"
    ]


@pytest.mark.parametrize(
    ("page", "kept"),
    [
        ("a\n{% if clinic.example %}\n![x](x.png)\n{% endif %}\nb", "a\n\n\n\nb"),
        (
            "{% if clinic.example %}\nexample\n{% else %}\nours\n{% endif %}",
            "\n\n\nours\n{% endif %}",
        ),
        (
            "{% if clinic.example %}{% if x %}in{% endif %}\nstill\n{% endif %}\nafter",
            "\n\n\nafter",
        ),
        (
            "{% if clinic.locations %}\nkept\n{% endif %}",
            "{% if clinic.locations %}\nkept\n{% endif %}",
        ),
        ("{% if clinic.example %}\nunclosed", None),
    ],
)
def test_what_only_the_example_shows_is_blanked_line_for_line(page: str, kept: str | None) -> None:
    assert without_example_blocks(page) == (page if kept is None else kept)
