"""Hand-written pages as clinic staff meet the check: one row per mistake, the exact message.

Each row writes one page into a docs/ folder in tmp_path (with two small images beside it) and
pins every problem the check reports: file, line, column, what is wrong and what to do. The
Markdown extensions are set here, as mkdocs.yml would set them, so no row depends on the
repository's own mkdocs.yml or pages.
"""

from __future__ import annotations

import importlib
import struct
import zlib
from pathlib import Path

import pytest

from healthsite.model.page_addresses import DIRECTORY_ADDRESSES, PageAddresses
from healthsite.render.image_pipeline import BUDGET_BYTES, MAX_FILE_BYTES
from healthsite.rules.hand_written import (
    MAX_PROBLEMS_PER_PAGE,
    MarkdownSetup,
    check_hand_written_pages,
)
from healthsite.source.errors import format_problems

SETUP = MarkdownSetup(
    extensions=["attr_list", "admonition", "md_in_html", "toc", "tables", "pymdownx.details"],
    configs={"toc": {"permalink": False}},
)
# The body of each page starts on line 8.
HEAD = "---\ntitle: Prices\ndescription: What a session costs.\n---\n\n# Prices\n\n"
POLICY = "the site's Content-Security-Policy"
STYLE_HINT = (
    "    How to fix: give the element a class instead ({ .my-class } after the Markdown, or "
    'class="my-class" in HTML) and put the style in a stylesheet of your own, such as '
    "docs/assets/stylesheets/extra.css, listed under the healthsite plugin's 'stylesheets' in "
    "mkdocs.yml"
)
SCRIPT_HINT = (
    "    How to fix: remove it; a script the site needs goes in a file in "
    "docs/assets/javascripts/, listed under extra_javascript in mkdocs.yml"
)
NO_ALT = "has no alt text, so people who cannot see it do not know what it shows"
RAW_ALT_HINT = (
    '    How to fix: add alt="what it shows"; if it is only decoration, write alt="" '
    'role="presentation"'
)

# Everything a clinic may write: none of it is reported.
CLEAN = """\
## Sessions

| Session | Price |
|:--|--:|
| 30 minutes | $70 |

!!! note "Health funds"
    Your fund may pay part of the price.

??? question "Can I pay later?"
    Yes, within a week.

<div class="hs-prices" markdown>
Prices include **GST**.
</div>

A note in the clinic's colours.
{ .hs-note }

![A quiet treatment room](assets/images/room.png)

![](assets/images/leaf.png){ .decorative }

<img src="../assets/images/room.png" alt="The same room">

<img src="../assets/images/leaf.png" alt="" role="presentation">

![A dot](data:image/gif;base64,R0lGODlhAQABAAAAACw=)

<img src="{{ config.extra.photo }}" alt="A photo the macros fill in">

Code that shows markup is text: `<p style="color: red" onclick="x()">`

    <script>alert("hi")</script>

<script src="../assets/javascripts/prices.js"></script>
<script type="application/ld+json">{"@type": "Thing"}</script>

[Book online](https://example.org/book), [call us](tel:0255501234).

{{ booking_button() }}
"""

CASES: list[tuple[str, str, str, list[str]]] = [
    ("everything a clinic may write", "prices.md", CLEAN, []),
    (
        "an inline style written with attr_list",
        "prices.md",
        'Sale now on.\n{: style="color: red" }\n',
        [
            'docs/prices.md:9:4: error: the style attribute on <p> (style="color: red") is '
            f"blocked by {POLICY}, so the browser ignores it\n{STYLE_HINT}",
        ],
    ),
    (
        "an inline style and an event handler in HTML, on the same line",
        "prices.md",
        'Intro.\n\n<p style="font-weight: bold" onclick="pay()">Pay here</p>\n',
        [
            'docs/prices.md:10:4: error: the style attribute on <p> (style="font-weight: '
            f'bold") is blocked by {POLICY}, so the browser ignores it\n{STYLE_HINT}',
            f"docs/prices.md:10:30: error: the onclick attribute on <p> is a script, which "
            f"{POLICY} blocks\n{SCRIPT_HINT}",
        ],
    ),
    (
        "a style block",
        "prices.md",
        "<style>\np { color: red; }\n</style>\n",
        [
            f"docs/prices.md:8:1: error: a <style> block is blocked by {POLICY}, so its rules "
            "do nothing\n"
            "    How to fix: give the elements classes and put the style in a stylesheet of "
            "your own, such as docs/assets/stylesheets/extra.css, listed under the healthsite "
            "plugin's 'stylesheets' in mkdocs.yml",
        ],
    ),
    (
        "an inline script",
        "prices.md",
        "Text.\n\n<script>\nalert('hi');\n</script>\n",
        [
            f"docs/prices.md:10:1: error: an inline <script> is blocked by {POLICY} and never "
            f"runs\n{SCRIPT_HINT}",
        ],
    ),
    (
        "a script from another website",
        "prices.md",
        '<script src="https://widgets.example.com/book.js"></script>\n',
        [
            'docs/prices.md:8:9: error: the <script> from "https://widgets.example.com/'
            f'book.js" is blocked by {POLICY}: it comes from another website, which would '
            "learn who reads the page\n"
            "    How to fix: remove it; for a booking form or a map, link to the other website "
            "instead, for example [Book online](https://…)",
        ],
    ),
    (
        "a javascript: link in Markdown",
        "prices.md",
        "Text.\n\n[Pay now](javascript:pay())\n",
        [
            'docs/prices.md:10:11: error: the address "javascript:pay()" on <a> runs a '
            f"script, which {POLICY} blocks\n"
            "    How to fix: link to a page or an address (https:, mailto: or tel:) instead",
        ],
    ),
    (
        "a video from another website in a frame, and a plugin object",
        "prices.md",
        '<iframe src="https://www.youtube.com/embed/abc"></iframe>\n\n'
        '<object data="map.swf"></object>\n',
        [
            'docs/prices.md:8:1: error: an <iframe> that shows "https://www.youtube.com/embed/'
            f'abc" is blocked by {POLICY}, so readers see an empty box; it would also tell '
            "another website who reads the page\n"
            "    How to fix: link to it instead, for example [Watch the video](https://…)",
            'docs/prices.md:10:1: error: an <object> that shows "map.swf" is blocked by '
            f"{POLICY}, so readers see an empty box; it would also tell another website who "
            "reads the page\n"
            "    How to fix: link to it instead, for example [Watch the video](https://…)",
        ],
    ),
    (
        "a video file from another website",
        "prices.md",
        '<video controls src="https://cdn.example.com/tour.mp4"></video>\n',
        [
            'docs/prices.md:8:17: error: the <video> loads "https://cdn.example.com/tour.mp4" '
            f"from another website, which {POLICY} blocks (and which would learn who reads "
            "the page)\n"
            "    How to fix: save the file in docs/assets/ and use its path, or link to it "
            "instead",
        ],
    ),
    (
        "an image without alt text in Markdown; the same image with alt text first",
        "prices.md",
        "![A quiet room](assets/images/room.png)\n\nText.\n\n![](assets/images/room.png)\n",
        [
            f'docs/prices.md:12:3: error: the image "assets/images/room.png" {NO_ALT}\n'
            "    How to fix: describe what it shows in the square brackets, for example "
            "![A quiet treatment room with a massage table](assets/images/room.png); if it is "
            "only decoration, mark it so: ![](assets/images/room.png){ .decorative }",
        ],
    ),
    (
        "an image without an alt attribute in HTML, even if marked as decoration",
        "prices.md",
        '<img src="../assets/images/leaf.png" role="presentation">\n',
        [
            f'docs/prices.md:8:6: error: the image "../assets/images/leaf.png" {NO_ALT}\n'
            f"{RAW_ALT_HINT}",
        ],
    ),
    (
        "an image marked as decoration that has alt text",
        "prices.md",
        "![A green leaf](assets/images/leaf.png){ .decorative }\n",
        [
            'docs/prices.md:8:15: error: the image "assets/images/leaf.png" is marked as '
            'decoration but has alt text ("A green leaf")\n'
            "    How to fix: remove the alt text if the image is only decoration, or remove "
            "the decoration mark if it shows something readers need",
        ],
    ),
    (
        "an image file that is not there",
        "prices.md",
        "![A quiet room](assets/images/rooom.png)\n",
        [
            'docs/prices.md:8:15: error: the image "assets/images/rooom.png" is not in docs/ '
            "(looked for docs/assets/images/rooom.png)\n"
            "    How to fix: put the image in docs/assets/images/ and write its path from this "
            "page, for example assets/images/rooom.png; check the spelling, capital letters "
            "count",
        ],
    ),
    (
        "an image path relative to docs/ from a page in a folder",
        "clinic/team.md",
        "![Our team](assets/images/room.png)\n",
        [
            'docs/clinic/team.md:8:11: error: the image "assets/images/room.png" is not in '
            "docs/ (looked for docs/clinic/assets/images/room.png)\n"
            "    How to fix: put the image in docs/assets/images/ and write its path from this "
            "page, for example ../assets/images/room.png; check the spelling, capital letters "
            "count",
        ],
    ),
    (
        "an image path in HTML written relative to the file, not the page's address",
        "prices.md",
        '<img src="assets/images/room.png" alt="A quiet room">\n',
        [
            'docs/prices.md:8:6: error: the image "assets/images/room.png" is not in docs/ '
            "(looked for docs/prices/assets/images/room.png)\n"
            "    How to fix: in HTML a path is relative to the page's address (prices/), not "
            "its file: write ../assets/images/room.png, or use Markdown: "
            "![…](assets/images/room.png)",
        ],
    ),
    (
        "an image path that starts with /",
        "prices.md",
        "![A quiet room](/assets/images/room.png)\n",
        [
            'docs/prices.md:8:15: error: the image path "/assets/images/room.png" starts '
            'with "/", which breaks when the site is not at the top of its web address\n'
            "    How to fix: write the path relative to this page, for example "
            "assets/images/room.png",
        ],
    ),
    (
        "an image from another website",
        "prices.md",
        "![A quiet room](https://images.example.com/photos/room.jpg)\n",
        [
            'docs/prices.md:8:15: error: the image "https://images.example.com/photos/'
            "room.jpg\" comes from another website: the site's Content-Security-Policy "
            "blocks it, and loading it would tell that website who reads the page\n"
            "    How to fix: save the image (if you may use it) in docs/assets/images/ and "
            "use its path, for example ![…](assets/images/room.jpg)",
        ],
    ),
    (
        "an image with no path",
        "prices.md",
        '<img alt="A quiet room">\n',
        [
            "docs/prices.md:8:1: error: an image has no file path\n"
            "    How to fix: write the path of a file in docs/assets/images/, for example "
            "../assets/images/room.jpg",
        ],
    ),
    (
        "a large image written in HTML (published as it is)",
        "prices.md",
        '<img src="../assets/images/big.png" alt="A quiet room">\n',
        [
            'docs/prices.md:8:6: warning: the image "../assets/images/big.png" is 252 KB, slow '
            "to load on a phone\n"
            "    How to fix: write it in Markdown, ![what it shows](path), and the site makes "
            "smaller copies of a JPEG, PNG or WebP; or save it under 250 KB",
        ],
    ),
    (
        "a large photo in Markdown (the build resizes it)",
        "prices.md",
        "![A room](assets/images/big-photo.png)\n",
        [],
    ),
    (
        "a large SVG in Markdown (published as it is)",
        "prices.md",
        "![A map of the rooms](assets/images/big.svg)\n",
        [
            'docs/prices.md:8:21: warning: the image "assets/images/big.svg" is 252 KB, slow '
            "to load on a phone\n"
            "    How to fix: save it smaller, under 250 KB: an SVG with fewer details, a GIF "
            "with fewer frames, or a photo as a JPEG, which the site resizes itself",
        ],
    ),
    (
        "a photo with too many pixels",
        "prices.md",
        "![A quiet room](assets/images/huge.png)\n",
        [
            'docs/prices.md:8:15: error: the image "assets/images/huge.png" is 6000 x 4000 '
            "pixels (24 megapixels), over the limit of 20 megapixels\n"
            "    How to fix: save it smaller first: 2,000 to 3,000 pixels wide is plenty (the "
            "site makes the smaller sizes itself)",
        ],
    ),
    (
        "a photo file over the size limit",
        "prices.md",
        "![A quiet room](assets/images/heavy.jpg)\n",
        [
            'docs/prices.md:8:15: error: the image "assets/images/heavy.jpg" is 15.1 MB, over '
            "the limit of 15 MB\n"
            "    How to fix: save it smaller first: a photo 2,000 to 3,000 pixels wide, as a "
            "JPEG at quality 80 to 90, is plenty (the site makes the smaller sizes itself)",
        ],
    ),
    (
        "a file that is not an image",
        "prices.md",
        "![Our price list](assets/images/notes.png)\n",
        [
            'docs/prices.md:8:17: error: the image "assets/images/notes.png" cannot be read as '
            "a JPEG, PNG, WebP or GIF image (it is another kind of file, or damaged)\n"
            "    How to fix: save it again as a JPEG (photos) or PNG (drawings), then use that "
            "file",
        ],
    ),
    (
        "an iPhone photo in HEIC",
        "prices.md",
        "![A quiet room](assets/images/room.heic)\n",
        [
            'docs/prices.md:8:15: error: the image "assets/images/room.heic" is a .heic file, '
            "which web browsers cannot show\n"
            "    How to fix: save or export it as a JPEG (photos) or PNG (drawings), then use "
            "that file; on an iPhone, Settings, Camera, Formats, Most Compatible saves photos "
            "as JPEG",
        ],
    ),
    (
        "an SVG drawing with no size",
        "prices.md",
        "![](assets/images/shapeless.svg){ .decorative }\n",
        [
            'docs/prices.md:8:3: error: the image "assets/images/shapeless.svg" has no size (no '
            "width and height in pixels, and no viewBox)\n"
            '    How to fix: add a viewBox to its <svg> tag, such as viewBox="0 0 400 300", so '
            "the page can keep its space",
        ],
    ),
]


def png(width: int, height: int) -> bytes:
    """A grey PNG of any size: only its header is real (the check reads no further)."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
        )

    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b"\0" * (width + 1)))
    )


def write_docs(tmp_path: Path, src_uri: str, body: str) -> Path:
    docs = tmp_path / "docs"
    images = docs / "assets" / "images"
    images.mkdir(parents=True)
    (images / "room.png").write_bytes(png(1, 1))
    (images / "leaf.png").write_bytes(png(1, 1))
    # Over the budget: bytes after the end of the picture, which readers would download too.
    (images / "big.png").write_bytes(png(1, 1) + b"\0" * (BUDGET_BYTES + 2048))
    (images / "big-photo.png").write_bytes(png(1, 1) + b"\0" * BUDGET_BYTES)
    (images / "big.svg").write_text(
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 4 3"><!--'
        + "x" * (BUDGET_BYTES + 2048)
        + "--></svg>"
    )
    (images / "huge.png").write_bytes(png(6000, 4000))
    with (images / "heavy.jpg").open("wb") as heavy:  # sparse: takes no room on the disk
        heavy.truncate(MAX_FILE_BYTES + 100_000)
    (images / "notes.png").write_text("30 minutes $70")
    (images / "room.heic").write_bytes(b"\0\0\0\x18ftypheic")
    (images / "shapeless.svg").write_text('<svg xmlns="http://www.w3.org/2000/svg"></svg>')
    page = docs / src_uri
    page.parent.mkdir(parents=True, exist_ok=True)
    page.write_text(HEAD + body, encoding="utf-8")
    return docs


def shown(
    tmp_path: Path,
    docs: Path,
    setup: MarkdownSetup = SETUP,
    addresses: PageAddresses = DIRECTORY_ADDRESSES,
) -> list[str]:
    found = check_hand_written_pages(docs, tmp_path, setup, addresses=addresses)
    return [p.format() for p in sorted(found)]


@pytest.mark.parametrize(
    ("src_uri", "body", "expected"), [case[1:] for case in CASES], ids=[c[0] for c in CASES]
)
def test_each_mistake_in_a_hand_written_page_says_what_to_do(
    tmp_path: Path, src_uri: str, body: str, expected: list[str]
) -> None:
    assert shown(tmp_path, write_docs(tmp_path, src_uri, body)) == expected


def test_without_directory_urls_html_paths_are_relative_to_the_file(tmp_path: Path) -> None:
    # docs/prices.md is then published as prices.html, beside the images folder.
    docs = write_docs(tmp_path, "prices.md", '<img src="assets/images/room.png" alt="A room">\n')
    assert shown(tmp_path, docs, addresses=PageAddresses(directory_urls=False)) == []
    assert len(shown(tmp_path, docs)) == 1


def test_markup_an_extension_writes_is_reported_without_a_line(tmp_path: Path) -> None:
    # Pygments with noclasses colours code with inline styles, which the page never contains.
    docs = write_docs(tmp_path, "prices.md", "```python\nprice = 70  # dollars\n```\n")
    setup = MarkdownSetup(
        ["pymdownx.highlight", "pymdownx.superfences"],
        {"pymdownx.highlight": {"noclasses": True}},
    )
    problems = shown(tmp_path, docs, setup)
    assert len(problems) >= 2  # the code block and its coloured words
    assert len(set(problems)) == len(problems)
    for problem in problems:
        message, hint = problem.split("\n")
        assert message.startswith("docs/prices.md: error: the style attribute on <")
        assert message.endswith(
            "is blocked by the site's Content-Security-Policy, so the browser ignores it (the "
            "page does not contain it: a Markdown extension writes it)"
        )
        assert hint == (
            "    How to fix: find the extension under markdown_extensions in mkdocs.yml and "
            "turn off the option that writes it (such as pymdownx.highlight's noclasses), or "
            "remove the extension"
        )


def test_a_mermaid_diagram_is_reported(tmp_path: Path) -> None:
    # Material's recommended set-up for diagrams, which loads the drawing library from unpkg.
    # (mkdocs.yml names the format function with !!python/name:pymdownx.superfences...)
    fence_code_format = importlib.import_module("pymdownx.superfences").fence_code_format
    fence = {"name": "mermaid", "class": "mermaid", "format": fence_code_format}
    setup = MarkdownSetup(
        ["pymdownx.superfences"], {"pymdownx.superfences": {"custom_fences": [fence]}}
    )
    docs = write_docs(tmp_path, "prices.md", "Text.\n\n```mermaid\ngraph LR\n  A --> B\n```\n")
    assert shown(tmp_path, docs, setup) == [
        "docs/prices.md:10:1: error: a Mermaid diagram is drawn by a script Material loads from "
        f"unpkg.com, which {POLICY} blocks, so readers see the diagram's source text\n"
        "    How to fix: draw the diagram as an image (SVG or PNG) in docs/assets/images/ and "
        "show it with ![what it shows](path)",
    ]


def test_a_page_with_very_many_problems_lists_the_first_ones(tmp_path: Path) -> None:
    count = MAX_PROBLEMS_PER_PAGE + 7
    body = "".join(f'<p style="margin: {n}px">{n}</p>\n\n' for n in range(count))
    problems = shown(tmp_path, write_docs(tmp_path, "prices.md", body))
    assert problems[0] == (
        f"docs/prices.md: error: 7 more problems on this page are not listed (only the first "
        f"{MAX_PROBLEMS_PER_PAGE} are)\n"
        "    How to fix: fix the problems listed, then run the check again to see the rest"
    )
    # Each listed problem is on its own line of the page, in order.
    lines = [int(p.split(":")[1]) for p in problems[1:]]
    assert lines == list(range(8, 8 + 2 * MAX_PROBLEMS_PER_PAGE, 2))


def test_a_page_that_is_not_utf8_is_reported(tmp_path: Path) -> None:
    docs = write_docs(tmp_path, "prices.md", "")
    (docs / "prices.md").write_bytes(b"# Prices\n\ncaf\xe9\n")
    assert shown(tmp_path, docs) == [
        "docs/prices.md:3:4: error: the file is not valid UTF-8 (byte 0xe9 here, often a curly "
        "quote or dash pasted from Word in another encoding)\n"
        "    How to fix: save the file with the encoding 'UTF-8', then check this character",
    ]


def test_the_summary_counts_errors_and_warnings(tmp_path: Path) -> None:
    docs = write_docs(
        tmp_path,
        "prices.md",
        "![](assets/images/room.png)\n\n"
        '<img src="../assets/images/big.png" alt="" role="presentation">\n\n'
        "<p style='x: y'>Hi</p>\n",
    )
    assert format_problems(
        check_hand_written_pages(docs, tmp_path, SETUP, addresses=DIRECTORY_ADDRESSES)
    ).endswith("Content check: 2 errors, 1 warning.")


@pytest.mark.parametrize(
    ("body", "line", "char", "closer"),
    [
        ("# Prices\n\nSee " + "[" * 300 + "\n", 10, "[", "]"),
        ("# Prices\n\nIntro.\n\n" + "[a](" * 300 + "\n", 12, "(", ")"),
        ("# Prices\n\n" + "<a " * 300 + "\n", 10, "<", ">"),
    ],
    ids=["runs of [", "link targets never closed", "tags never closed"],
)
def test_a_paragraph_markdown_would_take_minutes_to_read_is_refused_before_rendering(
    tmp_path: Path, body: str, line: int, char: str, closer: str
) -> None:
    docs = write_docs(tmp_path, "prices.md", body)
    assert shown(tmp_path, docs) == [
        f"docs/prices.md:{line}:1: error: this paragraph has more than 200 '{char}' that are "
        f"never closed with '{closer}'; Markdown would take minutes to read it, so the page is "
        "not built\n"
        f"    How to fix: close each '{char}' with '{closer}', or write a backslash before a "
        f"'{char}' that is meant as text",
    ]


def test_brackets_in_code_escaped_or_closed_are_not_counted(tmp_path: Path) -> None:
    body = (
        "# Notes\n\n```\n" + "[" * 300 + "\n```\n\n" + "\\[" * 300 + "\n\n" + "[a](b) " * 300 + "\n"
    )
    docs = write_docs(tmp_path, "notes.md", body)
    assert [p for p in shown(tmp_path, docs) if "never closed" in p] == []
