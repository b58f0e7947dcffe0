"""Turn pydantic's validation errors into messages for people who edit YAML by hand.

Each error kind pydantic reports has a small function here that says, in plain words, what is
wrong and what to write instead, located at the exact line and column through the document's
position table.
"""

from __future__ import annotations

import difflib
import re
import typing
from collections.abc import Callable, Iterable
from typing import Any

from pydantic import BaseModel
from pydantic_core import ErrorDetails

from healthsite.model.clinic import HEX_COLOUR_PATTERN
from healthsite.model.fields import KEY_PATTERN, SLUG_PATTERN
from healthsite.source.errors import ContentProblem
from healthsite.source.yaml_source import Location, YamlDocument


def suggest(word: str, options: Iterable[str]) -> str:
    """The closest option to a misspelt `word`, or '' when none is close."""
    matches = difflib.get_close_matches(word, list(options), n=1, cutoff=0.6)
    return matches[0] if matches else ""


def did_you_mean(word: str, options: Iterable[str]) -> str:
    options = list(options)
    same_but_case = [o for o in options if o.lower() == word.lower()]
    guess = same_but_case[0] if same_but_case else suggest(word, options)
    return f"did you mean '{guess}'? " if guess else ""


def model_at(model: type[BaseModel] | None, location: Location) -> type[BaseModel] | None:
    """The model class that validates the mapping at `location` (to list its fields)."""
    current: Any = model
    for part in location:
        if isinstance(part, int):
            continue
        if not (isinstance(current, type) and issubclass(current, BaseModel)):
            return None
        fields = {info.alias or name: info for name, info in current.model_fields.items()}
        info = fields.get(part)
        if info is None:
            return None
        current = _inner_model(info.annotation)
    return current if isinstance(current, type) and issubclass(current, BaseModel) else None


def _inner_model(annotation: Any) -> Any:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in typing.get_args(annotation):
        found = _inner_model(arg)
        if found is not None:
            return found
    return None


def field_names(model: type[BaseModel] | None) -> list[str]:
    """The names a YAML file uses for `model`'s fields (a field's alias when it has one, such
    as a closure's 'from')."""
    if model is None:
        return []
    return [info.alias or name for name, info in model.model_fields.items()]


MAX_QUOTED = 40


def shorten(value: object) -> str:
    """`value` as text short enough to quote in a message (a pasted page, a 5,000-digit number)."""
    text = str(value)
    if len(text) <= MAX_QUOTED:
        return text
    return f"{text[: MAX_QUOTED - 1]}… ({len(text)} characters)"


class _Error:
    """One pydantic error with what the handlers need to describe it."""

    def __init__(
        self,
        doc: YamlDocument,
        model: type[BaseModel] | None,
        error: ErrorDetails,
        prefix: Location,
    ) -> None:
        self.doc = doc
        self.model = model
        self.error = error
        self.location: Location = (*prefix, *error["loc"])
        self.value = error.get("input")
        self.shown = shorten(self.value)  # the value as a message may quote it
        self.ctx: dict[str, Any] = dict(error.get("ctx") or {})

    def problem(self, message: str, hint: str = "", *, key: bool = False) -> ContentProblem:
        return self.doc.problem(self.location, message, hint, key=key)


def _unknown_field(e: _Error) -> ContentProblem:
    key = str(e.location[-1])
    allowed = field_names(model_at(e.model, tuple(e.error["loc"][:-1])))
    hint = did_you_mean(key, allowed)
    if allowed:
        hint += "Fields allowed here: " + ", ".join(allowed)
    return e.problem(f"unknown field '{key}'", hint.strip(), key=True)


def _missing(e: _Error) -> ContentProblem:
    name = str(e.location[-1])
    return e.problem(
        f"the required field '{name}' is missing", f"add a line '{name}: …' to this block"
    )


def _mapping_expected(e: _Error) -> ContentProblem:
    if isinstance(e.value, list):
        return e.problem(
            "expected a block of 'field: value' lines here, but found a list ('- ' items)",
            "remove the '- ' in front of the fields",
        )
    return e.problem(
        "expected a block of 'field: value' lines here",
        "indent the fields under this line with spaces",
    )


def _list_expected(e: _Error) -> ContentProblem:
    return e.problem(
        "expected a list here, with each item on its own line starting with '- '",
        "write it as:\n      - first item\n      - second item",
    )


def _choice(e: _Error) -> ContentProblem:
    options = re.findall(r"'([^']*)'", str(e.ctx.get("expected", "")))
    return e.problem(
        f"'{e.shown}' is not one of the allowed values",
        did_you_mean(str(e.value), options) + "Write one of: " + ", ".join(options),
    )


def _text_expected(e: _Error) -> ContentProblem:
    if isinstance(e.value, bool):
        return e.problem(
            f"YAML read this as yes/no ({str(e.value).lower()}) but text is expected",
            'put the text in double quotes, for example: "true"',
        )
    if isinstance(e.value, int | float):
        return e.problem(
            f"YAML read this as the number {e.value} but text is expected",
            f'put it in double quotes: "{e.value}"',
        )
    return e.problem("expected text here", "write the text after the ':'")


def _pattern(e: _Error) -> ContentProblem:
    pattern = str(e.ctx.get("pattern", ""))
    if pattern == SLUG_PATTERN:
        return e.problem(
            f"'{e.shown}' is not a valid page address",
            "use lower-case letters, digits and single hyphens, for example 'before-you-come'",
        )
    if pattern == KEY_PATTERN:
        return e.problem(
            f"'{e.shown}' is not a valid key",
            "use lower-case letters, digits, '-' or '_', starting with a letter",
        )
    if pattern == HEX_COLOUR_PATTERN:
        return e.problem(
            f"'{e.shown}' is not a colour",
            'write a colour as # and six hex digits, in double quotes, for example "#1f6f5c"',
        )
    return e.problem(f"'{e.shown}' is not in the expected form")


def _whole_number(e: _Error) -> ContentProblem:
    return e.problem(f"'{e.shown}' is not a whole number", "write digits only, for example 20")


def _too_large(e: _Error) -> ContentProblem:
    return e.problem(
        f"'{e.shown}' is too large (at most {e.ctx.get('le')})", "write a smaller number"
    )


def _too_small(e: _Error) -> ContentProblem:
    return e.problem(
        f"'{e.shown}' is too small (at least {e.ctx.get('ge')})", "write a larger number"
    )


def _not_positive(e: _Error) -> ContentProblem:
    return e.problem(f"'{e.shown}' must be more than {e.ctx.get('gt')}", "write a larger number")


def _amount(e: _Error) -> ContentProblem:
    return e.problem(
        f"'{e.shown}' is not an amount of dollars and cents",
        "write the price in dollars, with at most two digits of cents: 120 or 92.50",
    )


def _far_too_large(e: _Error) -> ContentProblem:
    return e.problem(
        f"'{e.shown}' is far too large to be a number here", "write a whole number such as 20"
    )


def _date(e: _Error) -> ContentProblem:
    return e.problem(
        f"'{e.shown}' is not a date", "write the date as YYYY-MM-DD, for example 2026-11-25"
    )


def _too_long(e: _Error) -> ContentProblem:
    return e.problem(
        f"this text is too long (at most {e.ctx.get('max_length')} characters)",
        "shorten it; keep the detail for the body of the page",
    )


def _too_short_text(e: _Error) -> ContentProblem:
    if e.ctx.get("min_length") == 1:
        return e.problem("this field is empty", "write a value after the ':'")
    return e.problem(
        f"this text is too short (at least {e.ctx.get('min_length')} characters)",
        "write a full sentence",
    )


def _empty_list(e: _Error) -> ContentProblem:
    return e.problem("this list is empty", "add at least one item on a line starting with '- '")


def _no_value(e: _Error) -> ContentProblem:
    return e.problem(
        "this field has no value",
        "write a value after the ':'; a value that starts with '#' (such as a colour) "
        'must be in double quotes, for example "#1f6f5c"',
    )


def _generic(e: _Error) -> ContentProblem:
    return e.problem(re.sub(r"^(Value error|Assertion failed), ", "", e.error["msg"]))


_HANDLERS: dict[str, Callable[[_Error], ContentProblem]] = {
    "extra_forbidden": _unknown_field,
    "missing": _missing,
    "model_type": _mapping_expected,
    "dict_type": _mapping_expected,
    "model_attributes_type": _mapping_expected,
    "list_type": _list_expected,
    "enum": _choice,
    "literal_error": _choice,
    "string_type": _text_expected,
    "string_pattern_mismatch": _pattern,
    "int_parsing": _whole_number,
    "int_from_float": _whole_number,
    "int_parsing_size": _far_too_large,
    "finite_number": _far_too_large,
    "less_than_equal": _too_large,
    "greater_than_equal": _too_small,
    "greater_than": _not_positive,
    "decimal_max_places": _amount,
    "decimal_parsing": _amount,
    "decimal_type": _amount,
    "date_from_datetime_parsing": _date,
    "date_parsing": _date,
    "date_type": _date,
    "string_too_long": _too_long,
    "string_too_short": _too_short_text,
    "too_short": _empty_list,
}


def problem_from_error(
    doc: YamlDocument, model: type[BaseModel] | None, error: ErrorDetails, prefix: Location = ()
) -> ContentProblem:
    """Describe one pydantic error for a person editing `doc`."""
    described = _Error(doc, model, error, prefix)
    if described.value is None and error["type"].endswith("_type"):
        return _no_value(described)
    return _HANDLERS.get(error["type"], _generic)(described)


def drop_missing_explained_by_typo(
    errors: list[ErrorDetails], model: type[BaseModel]
) -> list[ErrorDetails]:
    """'sumary:' gives both "unknown field 'sumary'" and "'summary' is missing"; the first,
    with its "did you mean 'summary'?", says all there is to say, so drop the second."""
    guessed: set[tuple[str | int, ...]] = set()
    for error in errors:
        if error["type"] == "extra_forbidden":
            parent = model_at(model, tuple(error["loc"][:-1]))
            guess = suggest(str(error["loc"][-1]), field_names(parent))
            if guess:
                guessed.add((*error["loc"][:-1], guess))
    return [e for e in errors if not (e["type"] == "missing" and tuple(e["loc"]) in guessed)]
