"""The parts of a hand-written page shown only while the site is the example: a block
`{% if clinic.example %} … {% endif %}` (the example's clinic page shows drawings of its rooms
this way). Once clinic.yml no longer says `example: true`, the page check reads the page without
them, as the macros render it, so a picture only they show counts as not shown.

The page is read with Jinja's own lexer; the lines of such a block (up to its `{% else %}`, if
it has one) are blanked, keeping every other line where it was, so messages keep their lines.
A page Jinja cannot read is left as it is (the build reports it)."""

from __future__ import annotations

from jinja2 import Environment, TemplateSyntaxError

_LEXER = Environment(autoescape=True)  # only its lexer is used
_EXAMPLE_TEST = ["if", "clinic", ".", "example"]


def without_example_blocks(source: str) -> str:
    """`source` with the lines of each `{% if clinic.example %}` block blanked."""
    if "example" not in source:
        return source
    try:
        statements = _statements(source)
    except TemplateSyntaxError:
        return source
    dropped: list[tuple[int, int]] = []
    # Each open `if`: the line of an example block still being dropped, else None.
    open_ifs: list[int | None] = []
    for line, words in statements:
        keyword = words[0] if words else ""
        if keyword == "if":
            open_ifs.append(line if words == _EXAMPLE_TEST else None)
        elif keyword in {"elif", "else", "endif"} and open_ifs:
            start = open_ifs[-1]
            if start is not None:
                dropped.append((start, line))
                open_ifs[-1] = None
            if keyword == "endif":
                open_ifs.pop()
    if not dropped:
        return source
    lines = source.split("\n")
    for start, end in dropped:
        for index in range(start - 1, min(end, len(lines))):
            lines[index] = ""
    return "\n".join(lines)


def _statements(source: str) -> list[tuple[int, list[str]]]:
    """Each `{% … %}` statement: its line and its words (names and operators)."""
    statements: list[tuple[int, list[str]]] = []
    current: list[str] | None = None
    for line, kind, value in _LEXER.lex(source):
        if kind == "block_begin":
            current = []
            statements.append((line, current))
        elif kind == "block_end":
            current = None
        elif current is not None and kind in {"name", "operator"}:
            current.append(value)
    return statements
