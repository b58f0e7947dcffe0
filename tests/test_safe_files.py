"""Nothing the build keeps for itself (the build lock, the share-image and resized-image
caches) is read, published or overwritten through a link, and a kept file is used only when its
bytes are the ones it was kept with: a committed link named like a cache entry (the names are
predictable) or like the lock never reaches the file it points to."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from PIL import Image

from healthsite.render.image_pipeline import process_image
from healthsite.render.sharing import ImageCache
from healthsite.source.safe_files import linked_part, open_regular, read_regular, write_new

from .conftest import FIXTURE_CONTENT, build, copy_project

SECRET = b"HEALTHSITE_SECRET=do-not-publish\n"


def secret_file(tmp_path: Path) -> Path:
    outside = tmp_path / "outside" / "environ"
    outside.parent.mkdir()
    outside.write_bytes(SECRET)
    return outside


def test_reading_never_follows_a_link_or_opens_a_pipe(tmp_path: Path) -> None:
    secret = secret_file(tmp_path)
    (tmp_path / "link").symlink_to(secret)
    os.mkfifo(tmp_path / "pipe")
    for name in ("link", "pipe"):
        with pytest.raises(OSError):
            read_regular(tmp_path / name, 1000)
    with pytest.raises(OSError):
        open_regular(tmp_path / "link", os.O_RDWR | os.O_CREAT)
    assert secret.read_bytes() == SECRET
    with pytest.raises(OSError):
        read_regular(secret, len(SECRET) - 1)  # over the limit
    assert read_regular(secret, len(SECRET)) == SECRET


def test_writing_a_new_file_never_goes_through_a_link_or_over_a_file(tmp_path: Path) -> None:
    secret = secret_file(tmp_path)
    (tmp_path / "link").symlink_to(secret)
    (tmp_path / "dangling").symlink_to(tmp_path / "outside" / "new")
    (tmp_path / "there").write_bytes(b"kept")
    for name in ("link", "dangling", "there"):
        with pytest.raises(FileExistsError):
            write_new(tmp_path / name, b"written")
    assert secret.read_bytes() == SECRET
    assert not (tmp_path / "outside" / "new").exists()
    assert (tmp_path / "there").read_bytes() == b"kept"
    write_new(tmp_path / "new", b"written")
    assert (tmp_path / "new").read_bytes() == b"written"


def test_a_share_image_cache_entry_that_is_a_link_is_made_again(tmp_path: Path) -> None:
    secret = secret_file(tmp_path)
    cache = ImageCache(tmp_path / "cache")
    (tmp_path / "cache").mkdir()
    (tmp_path / "cache" / "key.png").symlink_to(secret)
    assert cache.get("key", lambda: b"drawn") == b"drawn"
    assert secret.read_bytes() == SECRET  # the link was replaced, not written through
    assert not (tmp_path / "cache" / "key.png").is_symlink()
    assert cache.get("key", lambda: b"drawn again") == b"drawn"  # kept, and checked


def test_a_share_image_cache_entry_with_other_bytes_is_made_again(tmp_path: Path) -> None:
    cache = ImageCache(tmp_path / "cache")
    assert cache.get("key", lambda: b"drawn") == b"drawn"
    (tmp_path / "cache" / "key.png").write_bytes(b"\x89PNG something else entirely")
    assert cache.get("key", lambda: b"drawn again") == b"drawn again"


def test_a_resized_image_whose_cached_variant_became_a_link_is_made_again(
    tmp_path: Path,
) -> None:
    source = tmp_path / "room.png"
    Image.new("RGB", (600, 400), (180, 160, 130)).save(source)
    cache = tmp_path / "cache"
    first = process_image(source, cache_dir=cache)
    variant = first.fallback[0].path
    variant.unlink()
    variant.symlink_to(secret_file(tmp_path))
    again = process_image(source, cache_dir=cache)
    assert again.fallback[0].path.read_bytes() != SECRET
    assert not again.fallback[0].path.is_symlink()


def test_linked_part_finds_a_link_among_the_folders(tmp_path: Path) -> None:
    (tmp_path / "elsewhere").mkdir()
    (tmp_path / ".cache").symlink_to(tmp_path / "elsewhere")
    assert linked_part(tmp_path, tmp_path / ".cache" / "healthsite" / "images") == (
        tmp_path / ".cache"
    )
    assert linked_part(tmp_path, tmp_path / "docs" / "x") is None
    assert linked_part(tmp_path / "docs", tmp_path / ".cache") is None  # not under the root


def test_a_build_refuses_a_cache_folder_that_is_a_link(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    project = copy_project(tmp_path / "project", FIXTURE_CONTENT)
    (tmp_path / "elsewhere").mkdir()
    (project / ".cache").symlink_to(tmp_path / "elsewhere")
    assert build(project) != 0
    err = capsys.readouterr().err
    assert ".cache: error: this is a link; the build keeps its images here" in err
    assert "How to fix: delete .cache (the build makes its cache again)" in err
    assert list((tmp_path / "elsewhere").iterdir()) == []


def test_a_build_refuses_a_lock_that_is_a_link_and_leaves_its_target_alone(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    project = copy_project(tmp_path / "project", FIXTURE_CONTENT)
    secret = secret_file(tmp_path)
    (project / ".site.lock").symlink_to(secret)
    assert build(project) == 2
    assert ".site.lock is a link or not an ordinary file; delete it" in capsys.readouterr().err
    assert secret.read_bytes() == SECRET
