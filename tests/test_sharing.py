"""Share images, icons and discovery files, drawn offline (healthsite.render.sharing)."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from PIL import Image

from healthsite.render.sharing import (
    ImageCache,
    ShareCard,
    _backdrop,
    _font,
    render_share_image,
    share_image_name,
    short_name,
    wrap,
)

CARD = ShareCard("Massage for stress", "Wattle Lane", "#1f6f5c", "#ffffff")


def test_wrap_keeps_every_word_and_each_line_within_the_width() -> None:
    font = _font(64)
    text = "What research says about massage for knee arthritis, back pain and sciatica"
    lines = wrap(text, font, 600)
    assert " ".join(lines) == text
    assert len(lines) > 1
    assert all(font.getlength(line) <= 600 for line in lines)


def test_a_very_long_title_is_cut_to_three_lines_with_an_ellipsis() -> None:
    long = ShareCard("word " * 200, "Clinic", "#1f6f5c", "#ffffff")
    with Image.open(io.BytesIO(render_share_image(long))) as picture:
        assert picture.size == (1200, 630)
        left, _top, right, bottom = picture.getbbox() or (0, 0, 0, 0)  # what is drawn
    # Three title lines and the clinic's name, all inside the 80-pixel margins.
    assert left >= 80 and right <= 1200 - 80 and bottom <= 630 - 80


def test_share_images_are_cached_by_what_they_show(tmp_path: Path) -> None:
    cache = ImageCache(tmp_path / "cache")
    drawn: list[str] = []

    def draw(card: ShareCard) -> bytes:
        drawn.append(card.title)
        return render_share_image(card)

    first = cache.get(CARD.cache_key(), lambda: draw(CARD))
    again = cache.get(CARD.cache_key(), lambda: draw(CARD))
    other = ShareCard("Massage for sleep", "Wattle Lane", "#1f6f5c", "#ffffff")
    cache.get(other.cache_key(), lambda: draw(other))
    assert first == again
    assert drawn == ["Massage for stress", "Massage for sleep"]


def test_what_every_card_shows_is_drawn_once_and_never_carries_one_card_into_the_next() -> None:
    other_clinic = ShareCard("Massage for sleep", "Banksia Street", "#1f6f5c", "#ffffff")
    other_title = ShareCard("Massage for sleep", "Wattle Lane", "#1f6f5c", "#ffffff")
    after_others = [render_share_image(card) for card in (CARD, other_clinic, other_title)]
    _backdrop.cache_clear()
    alone = [render_share_image(card) for card in (other_title, other_clinic, CARD)][::-1]
    assert after_others == alone
    assert len(set(alone)) == 3


def test_names() -> None:
    assert share_image_name("") == "index.png"
    assert share_image_name("benefits/stress/") == "benefits/stress.png"
    assert share_image_name("benefits-stress/") == "benefits-stress.png"
    assert share_image_name("404.html") == "404.png"
    assert short_name("Wattle Lane Remedial Massage") == "Wattle Lane"
    assert short_name("Physiotherapeutics") == "Physiotherapeutics"


@pytest.mark.parametrize(
    "title",
    ["x" * 100_000, "word " * 20_000, "Massage for stress " + "é" * 5000],
    ids=["one long word", "many words", "a long last word"],
)
def test_any_title_draws_one_card_of_the_right_size(title: str) -> None:
    card = ShareCard(title, "Wattle Lane", "#1f6f5c", "#ffffff")
    with Image.open(io.BytesIO(render_share_image(card))) as picture:
        assert picture.size == (1200, 630)
        left, _top, right, _bottom = picture.getbbox() or (0, 0, 0, 0)
    assert left >= 80 and right <= 1200 - 80  # cut to fit, inside the margins
