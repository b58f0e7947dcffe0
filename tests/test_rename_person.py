"""`healthsite rename-person OLD NEW` (healthsite.commands.rename_person): a person's id changes in
every
place the content names them, their photo's name with it, and nothing else; a rename that
cannot be done whole changes nothing.

Runs on the example site with the team fixtures (tests/test_team.py's `team_project`: a team
page and a photo), edited here so ids are written in each way YAML allows, beside comments and
prose that hold the same word.
"""

from __future__ import annotations

import codecs
import re
from pathlib import Path

import pytest

from healthsite.commands.cli import main as healthsite
from healthsite.model.loader import load_content, person_references

from .test_team import edited, team_project

# Lines the rename must leave alone although they hold the word "alex".
PROSE = {
    "content/clinic.yml": "# alex: ask before changing the photo below\n",
    "content/team.yml": "  Ask for alex at the desk if you are not sure who to book.\n",
}


def project_with_ids_in_every_form(target: Path) -> Path:
    """The team project, with alex written plainly, quoted both ways, in block and flow lists,
    next to comments, and in prose and comments the rename must not touch."""
    project = team_project(target)
    content = project / "content"
    clinic = content / "clinic.yml"
    clinic.write_text(
        edited(clinic.read_text(), "people:\n", "people:\n" + PROSE["content/clinic.yml"])
    )
    team = content / "team.yml"
    text = edited(team.read_text(), "intro: |\n", "intro: |\n" + PROSE["content/team.yml"])
    text = edited(text, "people: [sam, alex, jo]", 'people: [sam, "alex", jo]  # alex second')
    team.write_text(text)
    faq = content / "faq.yml"
    faq.write_text(
        edited(
            faq.read_text(),
            "  written_by: [alex]\n",
            "  written_by:\n    - 'alex'  # alex wrote the first draft\n    - sam\n",
        )
    )
    return project


def snapshot(project: Path) -> dict[str, bytes]:
    """Every file of content/ and docs/ by its path, with its bytes."""
    return {
        path.relative_to(project).as_posix(): path.read_bytes()
        for folder in ("content", "docs")
        for path in sorted((project / folder).rglob("*"))
        if path.is_file()
    }


def rename(project: Path, capsys: pytest.CaptureFixture[str], *words: str) -> tuple[int, str]:
    """`healthsite rename-person WORDS` on `project`: its exit status and all it printed."""
    capsys.readouterr()
    status = healthsite(["--root", str(project), "rename-person", *words])
    captured = capsys.readouterr()
    return status, captured.out + captured.err


def named(project: Path, person_id: str) -> list[tuple[str, tuple[str | int, ...]]]:
    content = load_content(project / "content", project)
    return [(doc.file, where) for doc, where, i in person_references(content) if i == person_id]


def test_every_place_that_names_the_person_changes_and_nothing_else(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    project = project_with_ids_in_every_form(tmp_path)
    before = snapshot(project)
    places = named(project, "alex")
    status, out = rename(project, capsys, "alex", "maria")
    assert status == 0, out
    after = snapshot(project)

    changed = set()
    for name in before.keys() & after.keys():
        old_lines = before[name].decode().splitlines(keepends=True)
        new_lines = after[name].decode().splitlines(keepends=True)
        assert len(old_lines) == len(new_lines), name
        for number, (old, new) in enumerate(zip(old_lines, new_lines, strict=True), start=1):
            if old != new:
                # Only the id itself: quotes, comments after it and indentation stay.
                assert re.sub(r"\balex\b", "maria", old, count=1) == new, (name, old, new)
                changed.add(f"{name}:{number}")
    printed = set(re.findall(r"^(\S+:\d+): ", out, flags=re.MULTILINE))
    assert changed == printed
    # The person's own id, each reference, and the photo's line.
    assert len(changed) == 1 + len(places) + 1
    for name, line in PROSE.items():
        assert line in after[name].decode()
    assert "# alex wrote the first draft" in after["content/faq.yml"].decode()
    assert "    - 'maria'  # alex wrote" in after["content/faq.yml"].decode()
    assert 'people: [sam, "maria", jo]  # alex second' in after["content/team.yml"].decode()

    # The content loads with every reference resolved, now to maria.
    assert named(project, "alex") == []
    assert named(project, "maria") == places
    content = load_content(project / "content", project)
    assert content.load_warnings == []
    maria = content.clinic.person("maria")
    assert maria is not None
    assert maria.name == "Alex Example"
    assert maria.photo == "assets/team/maria.jpg"
    assert f"Renamed 'alex' to 'maria': {len(changed) + 1} changes in" in out


def test_the_photo_named_after_the_id_is_renamed_and_the_check_still_passes(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    project = team_project(tmp_path)
    team_folder = project / "docs" / "assets" / "team"
    photo = (team_folder / "alex.jpg").read_bytes()
    status, out = rename(project, capsys, "alex", "maria")
    assert status == 0, out
    assert "docs/assets/team/alex.jpg → docs/assets/team/maria.jpg" in out
    assert not (team_folder / "alex.jpg").exists()
    assert (team_folder / "maria.jpg").read_bytes() == photo
    status, out = rename(project, capsys, "--dry-run", "maria", "alex")  # the way back is open
    assert status == 0, out
    capsys.readouterr()
    assert healthsite(["--root", str(project), "check"]) == 0, capsys.readouterr().err


def test_line_endings_and_a_byte_order_mark_are_kept(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    project = team_project(tmp_path)
    faq = project / "content" / "faq.yml"
    original = codecs.BOM_UTF8 + faq.read_bytes().replace(b"\n", b"\r\n")
    faq.write_bytes(original)
    status, out = rename(project, capsys, "alex", "maria")
    assert status == 0, out
    expected = original.replace(b"  written_by: [alex]\r\n", b"  written_by: [maria]\r\n", 1)
    assert expected != original
    assert faq.read_bytes() == expected


def test_a_dry_run_prints_the_changes_and_writes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    project = project_with_ids_in_every_form(tmp_path)
    before = snapshot(project)
    status, out = rename(project, capsys, "alex", "maria", "--dry-run")
    assert status == 0, out
    assert "content/faq.yml:" in out
    assert "docs/assets/team/alex.jpg → docs/assets/team/maria.jpg" in out
    assert "Nothing written (--dry-run)" in out
    assert snapshot(project) == before


@pytest.mark.parametrize(
    ("words", "expected"),
    [
        (
            ("alx", "maria"),
            "content/clinic.yml has no person with the id 'alx'. Did you mean 'alex'? "
            "The ids there: alex, sam, jo",
        ),
        (("alex", "sam"), "content/clinic.yml line {sam} already has a person with the id 'sam'"),
        (("alex", "Maria Lee"), "choose one such as 'maria-lee'"),
        (("alex", "true"), "'true' cannot be a person's id"),
        (("alex", "alex"), "there is nothing to rename"),
    ],
)
def test_a_wrong_old_or_new_id_is_refused_with_what_to_do(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    words: tuple[str, str],
    expected: str,
) -> None:
    project = team_project(tmp_path)
    lines = (project / "content" / "clinic.yml").read_text().splitlines()
    sam = lines.index("  - id: sam") + 1
    before = snapshot(project)
    status, out = rename(project, capsys, *words)
    assert status == 1
    assert expected.format(sam=sam) in out
    assert "Nothing was changed." in out
    assert "Traceback" not in out
    assert snapshot(project) == before


def test_a_photo_whose_new_name_is_taken_stops_the_whole_rename(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    project = team_project(tmp_path)
    (project / "docs" / "assets" / "team" / "maria.jpg").write_bytes(b"someone else")
    before = snapshot(project)
    status, out = rename(project, capsys, "alex", "maria")
    assert status == 1
    assert "docs/assets/team/maria.jpg is there already" in out
    assert "content/clinic.yml, line" in out
    assert snapshot(project) == before


def test_an_id_written_with_escapes_stops_the_whole_rename(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    project = team_project(tmp_path)
    team = project / "content" / "team.yml"
    team.write_text(edited(team.read_text(), "reviewed_by: [alex]", 'reviewed_by: ["\\x61lex"]'))
    before = snapshot(project)
    status, out = rename(project, capsys, "alex", "maria")
    assert status == 1
    assert "content/team.yml line " in out
    assert "write it as alex" in out
    assert snapshot(project) == before


def test_content_that_does_not_load_is_not_renamed(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    project = team_project(tmp_path)
    faq = project / "content" / "faq.yml"
    faq.write_text(edited(faq.read_text(), "written_by: [alex]", "written_by: [alx]"))
    before = snapshot(project)
    status, out = rename(project, capsys, "alex", "maria")
    assert status == 1
    assert "content/faq.yml:" in out
    assert "no person with the id 'alx'" in out
    assert "change it back and run this command again" in out
    assert snapshot(project) == before


def test_a_failed_write_puts_back_every_file_and_the_photo(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    project = team_project(tmp_path)
    before = snapshot(project)
    real_replace = Path.replace
    calls = []

    def replace_then_fail(self: Path, target: Path) -> Path:
        calls.append(self)
        if len(calls) == 3:
            raise OSError(28, "No space left on device")
        return real_replace(self, target)

    monkeypatch.setattr(Path, "replace", replace_then_fail)
    status, out = rename(project, capsys, "alex", "maria")
    assert status == 1
    assert "No space left on device" in out
    assert len(calls) > 3  # two files were swapped in, then put back
    assert snapshot(project) == before
    leftovers = [p.name for p in (project / "content").rglob(".*.tmp")]
    assert leftovers == []


def test_a_photo_a_page_shows_keeps_its_name(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    project = team_project(tmp_path)
    clinic_page = project / "docs" / "clinic.md"
    clinic_page.write_text(
        clinic_page.read_text() + "\n![Alex](assets/team/alex.jpg)\n", encoding="utf-8"
    )
    status, out = rename(project, capsys, "alex", "maria")
    assert status == 0, out
    assert "the photo docs/assets/team/alex.jpg keeps its name: docs/clinic.md" in out
    assert (project / "docs" / "assets" / "team" / "alex.jpg").is_file()
    content = load_content(project / "content", project)
    person = content.clinic.person("maria")
    assert person is not None
    assert person.photo == "assets/team/alex.jpg"
