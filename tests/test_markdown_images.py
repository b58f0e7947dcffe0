"""The Markdown extension that hands a page's images to the pipeline
(healthsite.render.markdown_images),
with a stand-in builder that records what it is asked for."""

from __future__ import annotations

from markdown import Markdown

from healthsite.render.markdown_images import ImagePage, ImagesExtension, ImageUse, line_of


class Builder:
    """Answers every image with a marker, except files named "leave-*"."""

    def __init__(self) -> None:
        self.uses: list[ImageUse] = []

    def picture(self, use: ImageUse) -> str | None:
        self.uses.append(use)
        if use.src_uri.rsplit("/", 1)[-1].startswith("leave-"):
            return None
        return f'<picture data-for="{use.src_uri}"></picture>'


def convert(
    text: str, src_uri: str = "clinic/rooms.md", url: str = "clinic/rooms/"
) -> tuple[str, Builder, ImagePage]:
    builder = Builder()
    extension = ImagesExtension()
    page = ImagePage(src_uri, url, builder.picture)
    extension.page = page
    md = Markdown(extensions=["attr_list", "md_in_html", extension])
    return md.convert(text), builder, page


def test_each_local_image_is_replaced_by_the_builders_markup() -> None:
    html, builder, _ = convert(
        "# Rooms\n\n![The room](../assets/images/room.jpg)\n\n"
        "Text after it.\n\n![](../assets/images/leaf.png){ .decorative }\n"
    )
    assert html == (
        '<h1>Rooms</h1>\n<p><picture data-for="assets/images/room.jpg"></picture></p>\n'
        '<p>Text after it.</p>\n<p><picture data-for="assets/images/leaf.png"></picture></p>'
    )
    assert builder.uses == [
        ImageUse("assets/images/room.jpg", "../assets/images/room.jpg", "The room", {}, True),
        ImageUse(
            "assets/images/leaf.png",
            "../assets/images/leaf.png",
            "",
            {"class": "decorative"},
            False,
        ),
    ]


def test_only_the_first_image_near_the_top_loads_at_once() -> None:
    paragraphs = "".join(f"Paragraph {n}.\n\n" for n in range(3))
    _, builder, _ = convert(f"# Rooms\n\n{paragraphs}![A](a.jpg)\n\n![B](b.jpg)\n")
    assert [use.eager for use in builder.uses] == [False, False]
    _, builder, _ = convert("# Rooms\n\nOne paragraph.\n\n![A](a.jpg) ![B](b.jpg)\n")
    assert [use.eager for use in builder.uses] == [True, False]


def test_text_around_the_image_and_a_link_around_it_stay() -> None:
    html, _, _ = convert("Before ![A](a.jpg) after.\n\n[![B](b.png)](../prices.md)\n")
    assert html == (
        '<p>Before <picture data-for="clinic/a.jpg"></picture> after.</p>\n'
        '<p><a href="../prices.md"><picture data-for="clinic/b.png"></picture></a></p>'
    )


def test_other_images_are_left_as_written() -> None:
    text = (
        "![Remote](https://example.org/a.jpg)\n\n![Data](data:image/gif;base64,R0lGOD==)\n\n"
        "![Absolute](/assets/a.jpg)\n\n![Outside](../../../a.jpg)\n\n"
        "![A document](notes.pdf)\n\n![Refused](leave-me.jpg)\n"
    )
    html, builder, _ = convert(text)
    assert "<picture" not in html
    assert html.count("<img") == 6
    assert [use.src_uri for use in builder.uses] == ["clinic/leave-me.jpg"]


def test_links_and_raw_html_references_are_noted() -> None:
    text = (
        "[Full size](../assets/images/room.jpg) and [elsewhere](https://example.org/x.jpg)\n\n"
        '<img src="../../assets/images/raw.png" alt="Raw">\n\n'
        '<p><a href="../../assets/docs/price-list.pdf">Prices</a></p>\n\n'
        '<picture><source srcset="../../a/one.webp 1x, ../../a/two.webp 2x">'
        '<img src="../../a/one.jpg" alt="x"></picture>\n'
    )
    _, _, page = convert(text)
    # Markdown paths are relative to the page's file, raw HTML to its address (clinic/rooms/).
    # Only image files count (not the price list).
    assert page.references == {
        "assets/images/room.jpg",
        "assets/images/raw.png",
        "a/one.webp",
        "a/two.webp",
        "a/one.jpg",
    }


def test_alt_text_and_title_are_plain_text() -> None:
    _, builder, _ = convert(
        r'![Tom &amp; Jerry & co \*stars\* <b>](a.jpg "A &quot;quoted&quot; title")'
    )
    (use,) = builder.uses
    assert use.alt == "Tom & Jerry & co *stars* <b>"
    assert use.attributes == {"title": 'A "quoted" title'}


def test_without_a_page_nothing_changes() -> None:
    extension = ImagesExtension()
    md = Markdown(extensions=[extension])
    assert md.convert("![A](a.jpg)") == '<p><img alt="A" src="a.jpg" /></p>'


def test_line_of_finds_where_the_path_is_written() -> None:
    text = "---\ntitle: x\n---\n\n# Rooms\n\nroom.jpg is below.\n\n![The room](room.jpg)\n"
    assert line_of(text, "room.jpg") == (9, 13)
    assert line_of("See room.jpg", "room.jpg") == (1, 5)
    assert line_of("nothing", "room.jpg") == (0, 0)
