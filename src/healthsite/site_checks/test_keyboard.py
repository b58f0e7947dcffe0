"""Keyboard use: a skip link to the content, a visible focus indicator on every tab stop (the
whole page's on the first page of each shape, the content's on every other page), and <details>
answers that open with Enter and with Space."""

from __future__ import annotations

from typing import Any, cast

import pytest
from playwright.sync_api import Page

from .harness import SETTLE_JS, OpenPage, SitePage, expect_none, wait_for_animations

pytestmark = pytest.mark.browser

MAX_TAB_STOPS = 400

_ACTIVE = """() => {
    const el = document.activeElement;
    if (!el || el === document.body) return null;
    return {
        tag: el.tagName.toLowerCase(),
        href: el.getAttribute('href'),
        text: (el.textContent || '').trim().replace(/\\s+/g, ' ').slice(0, 60),
        cls: el.className && typeof el.className === 'string' ? el.className : '',
    };
}"""


def _is_skip_link(element: dict[str, Any] | None) -> bool:
    """Whether the focused element (as `_ACTIVE` describes it) is a skip link: an in-page link
    with "skip" in its text or class."""
    return (
        element is not None
        and element["tag"] == "a"
        and str(element["href"] or "").startswith("#")
        and "skip" in (element["text"] + " " + element["cls"]).lower()
    )


def test_skip_link_reaches_main_content(site_page: SitePage, open_page: OpenPage) -> None:
    """The first Tab from the top lands on a visible "skip" link; Enter on it scrolls its target,
    inside <main>, into view below the sticky header, and the next Tab goes on from there."""
    page, _ = open_page(site_page)
    page.keyboard.press("Tab")
    wait_for_animations(page)
    first = page.evaluate(_ACTIVE)
    if not _is_skip_link(first):
        pytest.fail(
            f"{site_page}: the first Tab stop is {first!r}, not a skip link "
            '(<a href="#..."> with "skip" in its text)',
            pytrace=False,
        )
    problems: list[str] = []
    shown = page.evaluate(
        """() => {
            const el = document.activeElement, r = el.getBoundingClientRect();
            const style = getComputedStyle(el);
            return r.width > 0 && r.height > 0 && r.bottom > 0 && r.top < innerHeight
                && r.right > 0 && r.left < innerWidth && style.visibility !== 'hidden'
                && parseFloat(style.opacity) > 0.5;
        }"""
    )
    if not shown:
        problems.append(f"the skip link {first['href']!r} is not visible when focused")
    page.keyboard.press("Enter")
    page.wait_for_timeout(100)
    wait_for_animations(page)
    outcome = cast(
        dict[str, Any],
        page.evaluate(
            """href => {
                const id = decodeURIComponent(href.slice(1));
                const target = document.getElementById(id);
                if (!target) return {missing: true};
                const r = target.getBoundingClientRect();
                const header = document.querySelector('header');
                const headerBottom = header && ['sticky', 'fixed'].includes(
                    getComputedStyle(header).position) ? header.getBoundingClientRect().bottom : 0;
                return {
                    hash: location.hash,
                    inMain: !!target.closest('main, [role=main]'),
                    top: r.top, bottom: r.bottom, headerBottom: headerBottom,
                    viewport: innerHeight,
                };
            }""",
            first["href"],
        ),
    )
    if outcome.get("missing"):
        expect_none(
            f"{site_page}:", [*problems, f"the skip link's target {first['href']} is missing"]
        )
    if outcome["hash"] != first["href"]:
        problems.append(f"Enter on the skip link left the address at {outcome['hash']!r}")
    if not outcome["inMain"]:
        problems.append(f"the skip link's target {first['href']} is not inside <main>")
    if not (outcome["headerBottom"] - 1 <= outcome["top"] < outcome["viewport"]):
        problems.append(
            f"after the skip, the target {first['href']} is at y={outcome['top']:.0f}, not in "
            f"view below the header (header ends at y={outcome['headerBottom']:.0f})"
        )
    page.keyboard.press("Tab")
    after = page.evaluate(
        """href => {
            const target = document.getElementById(decodeURIComponent(href.slice(1)));
            const el = document.activeElement;
            const follows = e => target.contains(e) ||
                !!(target.compareDocumentPosition(e) & Node.DOCUMENT_POSITION_FOLLOWING);
            if (el && el !== document.body && follows(el)) return 'ok';
            // Nothing to focus after the target: Tab leaves the page or wraps to its start.
            const tabbable = [...document.querySelectorAll(
                'a[href], button, input, select, textarea, summary, [tabindex]')].filter(e =>
                e.tabIndex >= 0 && !e.disabled && e.checkVisibility({visibilityProperty: true}));
            if (!tabbable.some(follows)) return 'ok';
            return el && el !== document.body ? el.outerHTML.slice(0, 120) : 'nothing';
        }""",
        first["href"],
    )
    if after != "ok":
        problems.append(
            f"the Tab after the skip did not continue from its target {first['href']}: "
            f"focus went to {after}"
        )
    expect_none(f"{site_page}: skip link problems:", problems)


# Computed styles that can show focus; colour alone is not enough (and changes for other reasons,
# e.g. Material marks the table of contents entry of the section in view).
_FOCUS_STYLE = """
const PROPS = ['outline-style', 'outline-width', 'outline-color', 'outline-offset', 'box-shadow',
    'border-top-color', 'border-bottom-color', 'border-left-color', 'border-right-color',
    'border-top-width', 'border-bottom-width', 'background-color', 'text-decoration-line',
    'text-decoration-thickness'];
// The element, its labels, and a label right after it (a visually hidden input's focus ring is
// often drawn on the label next to it: `input:focus-visible + label`).
const partsOf = el => {
    const parts = [el, ...(el.labels ? [...el.labels] : [])];
    const next = el.nextElementSibling;
    if (next && next.tagName === 'LABEL' && !parts.includes(next)) parts.push(next);
    return parts;
};
const snapshot = el => {
    const parts = partsOf(el);
    const out = [];
    for (const part of parts) for (const pseudo of [null, '::before', '::after']) {
        const style = getComputedStyle(part, pseudo);
        out.push(PROPS.map(p => style.getPropertyValue(p)).join('|'));
    }
    return out.join('#');
};
const outlineShown = el => partsOf(el).some(part => {
    const s = getComputedStyle(part);
    return s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0
        && !/rgba\\(.*, 0\\)$/.test(s.outlineColor) && s.outlineColor !== 'transparent';
});
const visibleBox = el => partsOf(el).some(part => {
    const r = part.getBoundingClientRect();
    const s = getComputedStyle(part);
    return r.width > 0 && r.height > 0 && s.visibility !== 'hidden' && part.checkVisibility(
        {opacityProperty: true, visibilityProperty: true});
});
const describe = el => {
    let path = el.tagName.toLowerCase();
    if (el.id) path += '#' + el.id;
    else if (typeof el.className === 'string' && el.className.trim())
        path += '.' + el.className.trim().split(/\\s+/).join('.');
    const text = (el.textContent || el.getAttribute('aria-label') || '').trim()
        .replace(/\\s+/g, ' ').slice(0, 40);
    return text ? `${path} "${text}"` : path;
};
"""


def _record_unfocused_styles(page: Page) -> None:
    page.evaluate(
        "() => {"
        + _FOCUS_STYLE
        + """
        window.__hsUnfocused = new Map(); window.__hsStops = new Map();
        for (const el of document.querySelectorAll('*')) window.__hsUnfocused.set(el, snapshot(el));
        window.__hsSnapshot = snapshot; window.__hsOutline = outlineShown;
        window.__hsVisible = visibleBox; window.__hsDescribe = describe;
    }"""
    )


def _tab_through(page: Page, *, content_only: bool) -> list[str]:
    """Press Tab until focus leaves the document or comes back to a stop already seen (or, with
    `content_only`, leaves <main>); the problems of each stop: invisible while focused, or with
    no focus indicator (outline, shadow, border, background or underline differs from its
    unfocused look, or an outline is drawn). Call `_record_unfocused_styles` first."""
    problems: list[str] = []
    seen: set[int] = set()
    for _ in range(MAX_TAB_STOPS):
        page.keyboard.press("Tab")
        state = cast(
            dict[str, Any] | None,
            page.evaluate(
                "async () => {"
                + SETTLE_JS
                + """
                    const el = document.activeElement;
                    if (!el || el === document.body) return null;
                    if (!window.__hsStops.has(el))
                        window.__hsStops.set(el, window.__hsStops.size + 1);
                    const before = window.__hsUnfocused.get(el);
                    return {
                        key: window.__hsStops.get(el), name: window.__hsDescribe(el),
                        visible: window.__hsVisible(el),
                        changed: before === undefined || before !== window.__hsSnapshot(el),
                        outline: window.__hsOutline(el),
                        inMain: !!el.closest('main, [role=main]'),
                    };
                }"""
            ),
        )
        if state is None:  # focus left the document: the cycle is complete
            break
        if state["key"] in seen or (content_only and not state["inMain"]):
            break
        seen.add(state["key"])
        if not state["visible"]:
            problems.append(f"{state['name']}: takes focus while invisible")
        elif not (state["changed"] or state["outline"]):
            problems.append(f"{state['name']}: no visible focus indicator")
    else:
        problems.append(f"more than {MAX_TAB_STOPS} tab stops: stopped counting")
    if not seen and not content_only:
        problems.append("Tab never focused anything")
    return problems


def test_focus_is_visible_in_the_content(other_page: SitePage, open_page: OpenPage) -> None:
    """On every page but the first of each shape, the page's own content: from the skip link's
    target to the end of <main>, every element that takes focus is visible and shows a focus
    indicator. The chrome around it (skip link, header, menu, table of contents, footer) is the
    same on every page of a shape, and is tabbed through, with the content, on the first page of
    each shape (`test_focus_is_visible_through_the_whole_page`). A page whose first Tab stop is
    not a skip link (which `test_skip_link_reaches_main_content` reports) is tabbed through
    whole."""
    page, _ = open_page(other_page)
    _record_unfocused_styles(page)
    page.keyboard.press("Tab")
    first = page.evaluate(_ACTIVE)
    skip = _is_skip_link(first)
    if skip:
        page.keyboard.press("Enter")
        wait_for_animations(page)
    else:  # start again from the top and tab through it all
        page.reload(wait_until="load")
        page.wait_for_load_state("networkidle")
        _record_unfocused_styles(page)
    problems = _tab_through(page, content_only=skip)
    expect_none(f"{other_page}: focus problems in the content:", problems)


def test_focus_is_visible_through_the_whole_page(shape_page: SitePage, open_page: OpenPage) -> None:
    """Once per page shape (`SitePage.shape`): Tab through the whole page, skip link, header,
    menu, table of contents, content and footer: every element that takes focus is visible and
    shows a focus indicator."""
    page, _ = open_page(shape_page)
    _record_unfocused_styles(page)
    problems = _tab_through(page, content_only=False)
    expect_none(f"{shape_page} ({shape_page.shape}): focus problems:", problems)


def _details_to_try(page: Page) -> list[int]:
    """The <details> tried with the keyboard: of each kind (its class), the first two and the
    last. Every <details> of a kind is the same template (the FAQ's 38 answers are one), so
    trying them all costs seconds a page and finds nothing more; a <details> of a kind of its
    own (one a page writes by hand) is always tried."""
    kinds = cast(
        list[str],
        page.locator("details > summary").evaluate_all(
            "ss => ss.map(s => s.parentElement.className || '')"
        ),
    )
    chosen: set[int] = set()
    for kind in set(kinds):
        indexes = [i for i, k in enumerate(kinds) if k == kind]
        chosen.update([*indexes[:2], indexes[-1]])
    return sorted(chosen)


def test_details_open_with_enter_and_space(details_page: SitePage, open_page: OpenPage) -> None:
    """Each kind of <details> toggles from its <summary> with Enter and with Space, and its
    content is then visible (`_details_to_try`)."""
    page, _ = open_page(details_page)
    summaries = page.locator("details > summary")
    problems: list[str] = []
    for index in _details_to_try(page):
        summary = summaries.nth(index)
        name = cast(
            str,
            summary.evaluate(
                "s => (s.parentElement.id ? '#' + s.parentElement.id + ' ' : '') + "
                "JSON.stringify(s.textContent.trim().slice(0, 60))"
            ),
        )
        if not summary.is_visible():
            continue  # inside a closed <details> or a hidden part (e.g. search results)
        is_open = "s => s.parentElement.open"
        for key in ("Enter", "Space"):
            summary.evaluate("s => { s.parentElement.open = false; }")
            summary.focus()
            page.keyboard.press(key)
            if not summary.evaluate(is_open):
                problems.append(f"details {name}: {key} on the summary does not open it")
                continue
            wait_for_animations(page)
            content_shown = summary.evaluate(
                """s => [...s.parentElement.children].filter(c => c !== s).some(c => {
                    const r = c.getBoundingClientRect();
                    return r.width > 0 && r.height > 0 && c.checkVisibility(
                        {opacityProperty: true, visibilityProperty: true});
                })"""
            )
            if not content_shown:
                problems.append(f"details {name}: opened with {key} but shows no content")
            page.keyboard.press(key)
            if summary.evaluate(is_open):
                problems.append(f"details {name}: {key} again does not close it")
    expect_none(f"{details_page}: keyboard problems with <details>:", problems)
