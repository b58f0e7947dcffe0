"""Colour arithmetic for the clinic's theme: WCAG contrast and lighter/darker shades."""

from __future__ import annotations


def rgb(hex_colour: str) -> tuple[int, int, int]:
    """The red, green and blue of a "#rrggbb" colour, 0 to 255."""
    value = hex_colour.lstrip("#")
    return int(value[0:2], 16), int(value[2:4], 16), int(value[4:6], 16)


def _hex(rgb: tuple[float, float, float]) -> str:
    return "#" + "".join(f"{round(max(0.0, min(255.0, c))):02x}" for c in rgb)


def relative_luminance(hex_colour: str) -> float:
    """WCAG 2.x relative luminance of an sRGB colour."""

    def channel(c: int) -> float:
        s = c / 255
        return s / 12.92 if s <= 0.04045 else ((s + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(c) for c in rgb(hex_colour))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast_ratio(first: str, second: str) -> float:
    """WCAG contrast ratio between two colours, from 1 (none) to 21 (black on white)."""
    a, b = sorted((relative_luminance(first), relative_luminance(second)), reverse=True)
    return (a + 0.05) / (b + 0.05)


def mix(colour: str, other: str, amount: float) -> str:
    """Blend `amount` (0..1) of `other` into `colour`."""
    c, o = rgb(colour), rgb(other)
    blended = (
        c[0] + (o[0] - c[0]) * amount,
        c[1] + (o[1] - c[1]) * amount,
        c[2] + (o[2] - c[2]) * amount,
    )
    return _hex(blended)


def readable_on(background: str, colour: str, minimum: float = 4.5) -> str:
    """Lighten or darken `colour` until it reaches `minimum` contrast on `background`."""
    towards = "#ffffff" if relative_luminance(background) < 0.5 else "#000000"
    for step in range(21):
        candidate = mix(colour, towards, step / 20)
        if contrast_ratio(candidate, background) >= minimum:
            return candidate
    return towards


WHITE = "#ffffff"
# Text on a light brand colour: near-black, as Material's own dark text (87% black on white).
DARK_TEXT = "#212121"
MIN_CONTRAST = 4.5


def text_colour_on(background: str, minimum: float = MIN_CONTRAST) -> str | None:
    """White text if it is readable on `background`, else dark text if that is, else None."""
    for text in (WHITE, DARK_TEXT):
        if contrast_ratio(background, text) >= minimum:
            return text
    return None


def nearest_readable(colour: str, minimum: float = MIN_CONTRAST) -> str:
    """The shade of `colour` nearest to it that white or dark text can be read on: darkened
    for white text or lightened for dark text, whichever needs the smaller change."""
    for step in range(1, 101):
        for towards, text in (("#000000", WHITE), (WHITE, DARK_TEXT)):
            candidate = mix(colour, towards, step / 100)
            if contrast_ratio(candidate, text) >= minimum:
                return candidate
    return "#000000"  # not reached: black itself takes white text
