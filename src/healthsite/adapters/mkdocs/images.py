"""The image pipeline's MkDocs side: each image a page shows through Markdown becomes a
<picture> of resized copies (`healthsite.render.markdown_images`, `image_pipeline`,
`image_markup`), the copies are published, and an original nothing else names is not.

An image the pipeline refuses is an error at the line of the page that shows it; one still
large after resizing, or an original published with where a phone photo was taken saved in
it, is a warning.
"""

from __future__ import annotations

import functools
import posixpath
from pathlib import Path

# Before any `mkdocs` import: under ProperDocs this makes `mkdocs.*` load ProperDocs.
import healthsite.adapters.mkdocs.builder  # noqa: F401  # isort: skip

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from healthsite.adapters.mkdocs.build_log import content_log
from healthsite.adapters.mkdocs.config import IMAGE_CACHE
from healthsite.render.content_pages import Renderer
from healthsite.render.image_markup import picture, picture_html
from healthsite.render.image_pipeline import (
    BUDGET_BYTES,
    ImageError,
    ImageSettings,
    ResponsiveImage,
    metadata_kinds,
    process_image,
)
from healthsite.render.markdown_images import ImagePage, ImagesExtension, ImageUse, line_of
from healthsite.source.errors import ContentProblem, Severity, display_path, format_problems
from healthsite.source.markup import listed

# Processed images by (file, modification time, size, settings): `mkdocs serve` keeps the
# plugin between rebuilds, so an unchanged image is not even hashed again.
ImageMemo = dict[tuple[str, int, int, ImageSettings], ResponsiveImage]


class PageImages:
    """The images one build's pages show, made through the image pipeline as MkDocs converts
    each page (`extension`, which the plugin adds to the Markdown extensions), then published
    (`publish`)."""

    def __init__(
        self, renderer: Renderer, memo: ImageMemo, *, settings: ImageSettings, serving: bool
    ) -> None:
        self.renderer = renderer
        self.memo = memo
        self.settings = settings
        self.serving = serving
        self.extension = ImagesExtension()
        # What this build's pages show (by file inside docs/) and refer to otherwise.
        self.used: dict[str, ResponsiveImage] = {}
        self.references: set[str] = set()
        self.problems: list[ContentProblem] = []

    def start_page(self, page: Page, config: MkDocsConfig) -> None:
        """Tell the image extension which page MkDocs converts next (see markdown_images)."""
        self.extension.page = ImagePage(
            page.file.src_uri,
            page.url,
            functools.partial(self._picture, page=page, config=config),
            self.references,
        )

    def end_page(self) -> None:
        self.extension.page = None

    def photos(self) -> dict[str, str]:
        """The published file of each image the pages show, by its path in docs/ (the team's
        photos: their structured data names them)."""
        return {src: image.fallback[-1].src_uri for src, image in self.used.items()}

    def _process(self, path: Path, config: MkDocsConfig) -> ResponsiveImage:
        """The processed image at `path`, from memory, the cache, or made now."""
        stat = path.stat()
        memo_key = (str(path), stat.st_mtime_ns, stat.st_size, self.settings)
        if memo_key not in self.memo:
            root = Path(config.config_file_path).parent
            self.memo[memo_key] = process_image(
                path, cache_dir=root / IMAGE_CACHE, settings=self.settings
            )
        return self.memo[memo_key]

    def _image_problem(
        self,
        use: ImageUse,
        message: str,
        hint: str,
        severity: Severity,
        *,
        page: Page,
        config: MkDocsConfig,
    ) -> ContentProblem:
        """A problem with an image, placed on the line of the page that shows it."""
        root = Path(config.config_file_path).parent
        source = Path(page.file.abs_src_path or Path(config.docs_dir) / page.file.src_uri)
        try:
            line, column = line_of(source.read_text(encoding="utf-8"), use.written)
        except (OSError, UnicodeDecodeError):
            line, column = 0, 0
        return ContentProblem(
            display_path(source, root), line, column, "", message, hint, severity=severity
        )

    def _picture(self, use: ImageUse, *, page: Page, config: MkDocsConfig) -> str | None:
        """The <picture> for one image of `page`; None leaves the image as written (MkDocs
        then reports a missing file; a refused one is reported here)."""
        path = Path(config.docs_dir) / use.src_uri
        if not path.is_file():
            return None
        try:
            image = self._process(path, config)
        except ImageError as exc:
            self.problems.append(
                self._image_problem(
                    use,
                    exc.describe(use.written),
                    exc.hint,
                    Severity.ERROR,
                    page=page,
                    config=config,
                )
            )
            return None
        if use.src_uri not in self.used:
            self.used[use.src_uri] = image
            self._warn_over_budget(image, use, page=page, config=config)
        values = picture(
            image, page_url=page.url, alt=use.alt, eager=use.eager, attributes=use.attributes
        )
        return str(picture_html(self.renderer.env, values))

    def _warn_over_budget(
        self, image: ResponsiveImage, use: ImageUse, *, page: Page, config: MkDocsConfig
    ) -> None:
        largest = image.largest_download
        budget = BUDGET_BYTES
        if largest.size <= budget:
            return
        kind = largest.media_type.removeprefix("image/").upper()
        problem = self._image_problem(
            use,
            f'the image "{use.written}" is still {largest.size // 1024} KB at '
            f"{largest.width} pixels wide ({kind}), over the budget of {budget // 1024} KB "
            "for one image: readers on a phone wait for it",
            "crop it to what matters, or use a calmer photo: fine detail and the grain of "
            "low light make large files",
            Severity.WARNING,
            page=page,
            config=config,
        )
        content_log.warning(problem.format())

    def publish(self, files: Files, config: MkDocsConfig) -> None:
        """Publish every variant of the images pages show, and stop publishing an original
        nothing else refers to (it may be large, and carry where a phone photo was taken).
        An image the pipeline refused stops the build (while serving, it is logged)."""
        if self.problems:
            problems = self.problems
            if not self.serving:
                raise PluginError("The content has problems:\n" + format_problems(problems))
            content_log.error("The content has problems:\n%s", format_problems(problems))
        if not self.used:
            return
        for image in self.used.values():
            for variant in image.files:
                if files.get_file_from_path(variant.src_uri) is None:
                    files.append(
                        File.generated(config, variant.src_uri, abs_src_path=str(variant.path))
                    )
        named_elsewhere = _text_that_may_name_images(files, config)
        for src_uri in self.used:
            original = files.get_file_from_path(src_uri)
            if original is None:
                continue
            if src_uri in self.references or posixpath.basename(src_uri) in named_elsewhere:
                _warn_kept_original(Path(config.docs_dir) / src_uri, config)
            else:
                files.remove(original)


def _text_that_may_name_images(files: Files, config: MkDocsConfig) -> str:
    """Stylesheets, scripts, theme templates and settings: an image named in any of them is
    published as it is (a CSS background, a logo)."""
    texts = [str(config.theme.get("logo") or ""), str(config.theme.get("favicon") or "")]
    docs_dir = Path(config.docs_dir).resolve()
    for file in files:
        # The clinic's own files and the generated ones (the bundled stylesheet); the theme's
        # hundreds of scripts and stylesheets never name a clinic's picture.
        own = file.generated_by is not None or (
            file.abs_src_path is not None and docs_dir in Path(file.abs_src_path).resolve().parents
        )
        if own and file.src_uri.endswith((".css", ".js", ".html", ".webmanifest")):
            try:
                texts.append(file.content_string)
            except (OSError, UnicodeDecodeError):
                continue
    custom_dir = config.theme.custom_dir
    if custom_dir:
        for template in sorted(Path(custom_dir).rglob("*.html")):
            texts.append(template.read_text(encoding="utf-8", errors="replace"))
    return "\n".join(texts)


def _warn_kept_original(path: Path, config: MkDocsConfig) -> None:
    kinds = metadata_kinds(path)
    if not kinds:
        return
    root = Path(config.config_file_path).parent
    problem = ContentProblem(
        display_path(path, root),
        0,
        0,
        "",
        f"this image is published as it is, with the {listed(kinds)} saved in it, "
        "because a link, HTML, a stylesheet or the theme refers to the file itself",
        "show it only with Markdown, ![what it shows](path), which publishes copies "
        "without that data; or save it again without it",
        severity=Severity.WARNING,
    )
    content_log.warning(problem.format())
