"""The SVG check is an allow-list (healthsite.source.svg_allow_list): what drawing programs write
passes,
and anything not on the lists is refused by name, whichever way it is written: another
vocabulary's element, an unknown element or attribute, a CSS rule or property, or a reference
hidden in nested CSS or behind an escape."""

from __future__ import annotations

import pytest

from healthsite.source.svg_safety import parse_svg

NS = 'xmlns="http://www.w3.org/2000/svg"'


def findings(body: str, namespaces: str = "") -> list[str]:
    root, found = parse_svg(f'<svg {NS} {namespaces} viewBox="0 0 10 10">\n{body}\n</svg>', "it")
    assert root is not None
    return [finding.message for finding in found]


INKSCAPE = (
    'xmlns:inkscape="http://www.inkscape.org/namespaces/inkscape" '
    'xmlns:sodipodi="http://sodipodi.sourceforge.net/DTD/sodipodi-0.dtd" '
    'xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" '
    'xmlns:cc="http://creativecommons.org/ns#" xmlns:dc="http://purl.org/dc/elements/1.1/"'
)

PASSES = [
    (
        "an Inkscape drawing with its layers, guides and licence",
        '<sodipodi:namedview pagecolor="#ffffff" inkscape:zoom="2"/>'
        "<metadata><rdf:RDF><cc:Work><dc:format>image/svg+xml</dc:format></cc:Work></rdf:RDF>"
        "</metadata>"
        '<g inkscape:label="Layer 1" inkscape:groupmode="layer">'
        "<text style=\"font-family:Sans;-inkscape-font-specification:'Sans Bold'\">A</text></g>",
        INKSCAPE,
    ),
    (
        "an Illustrator export: data-name, an escaped font name, enable-background",
        '<style>.a{font-family:"\\5FAE\\8F6F";enable-background:new}</style>'
        '<g data-name="Layer 1" aria-hidden="true"><path class="a" d="M0 0h5v5z"/></g>',
        'xml:space="preserve"',
    ),
    (
        "CSS for dark mode, a gradient by reference, an animation of opacity",
        "<style>@media (prefers-color-scheme: dark) { path { fill: #fff } }</style>"
        '<linearGradient id="g"/><path fill="url(#g)" d="M0 0h5v5z">'
        '<animate attributeName="opacity" from="1" to="0.5" dur="2s"/></path>',
        "",
    ),
    (
        "a symbol reused with <use> and xlink:href",
        '<symbol id="s"><rect width="2" height="2"/></symbol><use xlink:href="#s" x="3"/>',
        'xmlns:xlink="http://www.w3.org/1999/xlink"',
    ),
]


@pytest.mark.parametrize(
    ("body", "namespaces"), [p[1:] for p in PASSES], ids=[p[0] for p in PASSES]
)
def test_what_drawing_programs_write_passes(body: str, namespaces: str) -> None:
    assert findings(body, namespaces) == []


REFUSED = [
    (
        "an XHTML script",
        '<h:script xmlns:h="http://www.w3.org/1999/xhtml">alert(1)</h:script>',
        "it has a <script> from another vocabulary than SVG (http://www.w3.org/1999/xhtml)",
    ),
    (
        "an XHTML iframe in a foreign namespace prefix",
        '<x:iframe xmlns:x="http://www.w3.org/1999/xhtml" src="https://x.example/"/>',
        "it has a <iframe> from another vocabulary than SVG",
    ),
    (
        "MathML",
        '<math xmlns="http://www.w3.org/1998/Math/MathML"><mi>x</mi></math>',
        "it has a <math> from another vocabulary than SVG",
    ),
    ("an SVG element not on the list", '<discard begin="1s"/>', "it has a <discard>, which is not"),
    ("a made-up element", "<handler>alert(1)</handler>", "it has a <handler>, which is not"),
    (
        "an attribute not on the list",
        '<a formaction="x"><rect width="1" height="1"/></a>',
        "it has the attribute formaction=…, which is not among the SVG attributes",
    ),
    (
        "xml:base, which moves every reference",
        '<g xml:base="https://x.example/"><rect width="1" height="1"/></g>',
        "it has the attribute base=…, which is not among the SVG attributes",
    ),
    (
        "an animation of an event handler",
        '<rect width="1" height="1"><set attributeName="onclick" to="alert(1)"/></rect>',
        "it has an animation (<set>) that changes 'onclick'",
    ),
    (
        "a web font",
        '<style>@font-face { font-family: X; src: url("https://x.example/f.woff") }</style>',
        "it has the CSS rule @font-face, which is not among the CSS rules",
    ),
    (
        "a CSS property not on the list",
        '<rect width="1" height="1" style="-moz-binding: url(#x)"/>',
        "it has the CSS property -moz-binding, which is not among the CSS properties",
    ),
    (
        "a cursor from another website",
        '<rect width="1" height="1" style="cursor: url(https://x.example/c.png), auto"/>',
        'it refers to another file or website ("https://x.example/c.png")',
    ),
    (
        "a reference inside @media",
        "<style>@media screen { rect { fill: url('https://x.example/p.svg#g') } }</style>",
        'it refers to another file or website ("https://x.example/p.svg#g")',
    ),
    (
        "a reference inside a nested CSS rule",
        "<style><![CDATA[g { & rect { fill: url(https://x.example/n.svg#g) } }]]></style>",
        'it refers to another file or website ("https://x.example/n.svg#g")',
    ),
    (
        "an @import written with an escape",
        '<style>@\\69mport "https://x.example/s.css";</style>',
        'it refers to another file or website ("https://x.example/s.css")',
    ),
    (
        "a picture loaded by cross-fade()",
        '<rect width="1" height="1" style="fill: cross-fade(\'https://x.example/a.png\')"/>',
        "it has CSS cross-fade(), which can load a picture from another website",
    ),
    (
        "a presentation attribute with a reference in a nested function",
        '<rect width="1" height="1" fill="var(--a, url(https://x.example/v.svg#g))"/>',
        'it refers to another file or website ("https://x.example/v.svg#g")',
    ),
]


@pytest.mark.parametrize(
    ("body", "expected"), [r[1:] for r in REFUSED], ids=[r[0] for r in REFUSED]
)
def test_anything_not_on_the_lists_is_refused_by_name(body: str, expected: str) -> None:
    found = findings(body)
    assert len(found) == 1, found
    assert found[0].startswith(expected), found[0]


def test_what_is_inside_a_refused_element_is_not_reported_again() -> None:
    found = findings(
        '<foreignObject><p onclick="x()"><img src="https://x.example/a.png"/></p></foreignObject>'
    )
    assert len(found) == 1
    assert found[0].startswith("it has a <foreignObject>")


def test_a_finding_is_placed_on_its_element_not_on_an_earlier_mention() -> None:
    text = (
        f'<svg {NS} viewBox="0 0 10 10">\n<title>onclick= in words</title>\n'
        '<rect width="1" height="1"\n      onclick="x()"/>\n</svg>'
    )
    _, found = parse_svg(text, "it")
    assert [(f.message.split(",")[0], f.line, f.column) for f in found] == [
        ("it has an event handler (onclick=…)", 4, 7)
    ]
