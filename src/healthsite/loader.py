"""Load and validate everything in `content/` into one `SiteContent`, reporting every problem.

The loader reads each file once (see `yaml_source`), validates it against `models`, then checks
what spans files: citation keys that must exist in `references.yml` and people who must exist in
`clinic.yml`. All problems are collected and raised together as `ContentErrors`.
"""

from __future__ import annotations

import difflib
import re
import types
import typing
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, TypeAdapter, ValidationError
from pydantic_core import ErrorDetails

from healthsite.errors import ContentErrors, ContentProblem, Severity, display_path
from healthsite.models import (
    KEY_PATTERN,
    SLUG_PATTERN,
    Benefit,
    Clinic,
    Faq,
    Reference,
    Review,
)
from healthsite.yaml_source import Location, YamlDocument, load_yaml_file

M = TypeVar("M", bound=BaseModel)

CLINIC_FILE = "clinic.yml"
FAQ_FILE = "faq.yml"
REFERENCES_FILE = "references.yml"
BENEFITS_DIR = "benefits"


@dataclass(frozen=True)
class Sourced:
    """Something read from `content/`, with the document it came from for locating problems."""

    doc: YamlDocument


@dataclass(frozen=True)
class BenefitPage(Sourced):
    slug: str
    benefit: Benefit


@dataclass
class SiteContent:
    clinic: Clinic
    benefits: list[BenefitPage]
    faq: Faq
    references: dict[str, Reference]
    documents: dict[str, YamlDocument] = field(default_factory=dict)
    warnings: list[ContentProblem] = field(default_factory=list)

    def benefit(self, slug: str) -> Benefit:
        for page in self.benefits:
            if page.slug == slug:
                return page.benefit
        known = ", ".join(p.slug for p in self.benefits)
        raise KeyError(f"no benefit page '{slug}' (there are: {known})")

    def cited_keys(self) -> list[str]:
        """Every citation key in the order readers meet them, without repeats."""
        seen: dict[str, None] = {}
        for page in self.benefits:
            for claim in page.benefit.research:
                seen.update(dict.fromkeys(claim.citations))
        for group in self.faq.groups:
            for question in group.questions:
                seen.update(dict.fromkeys(question.citations))
        return list(seen)


# --- turning pydantic errors into messages for people ---------------------------------------


def _model_at(model: type[BaseModel], location: Location) -> type[BaseModel] | None:
    """The model class that validates the mapping at `location` (for 'did you mean')."""
    current: Any = model
    for part in location:
        if isinstance(part, int):
            continue
        if not (isinstance(current, type) and issubclass(current, BaseModel)):
            return None
        info = current.model_fields.get(part)
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
    if isinstance(annotation, types.UnionType):  # pragma: no cover - handled by get_args
        return None
    return None


def _field_names(model: type[BaseModel]) -> list[str]:
    return list(model.model_fields)


def _suggest(word: str, options: Iterable[str]) -> str:
    matches = difflib.get_close_matches(word, list(options), n=1, cutoff=0.6)
    return matches[0] if matches else ""


def _clean_message(msg: str) -> str:
    return re.sub(r"^(Value error|Assertion failed), ", "", msg)


def _problem_from_error(
    doc: YamlDocument, model: type[BaseModel] | None, error: ErrorDetails, prefix: Location
) -> ContentProblem:
    location: Location = (*prefix, *error["loc"])
    kind = error["type"]
    if kind == "extra_forbidden":
        key = str(location[-1])
        parent = _model_at(model, tuple(error["loc"][:-1])) if model else None
        allowed = _field_names(parent) if parent else []
        guess = _suggest(key, allowed)
        hint = f"did you mean '{guess}'?" if guess else ""
        if allowed:
            hint = (hint + " " if hint else "") + "Fields allowed here: " + ", ".join(allowed)
        return doc.problem(location, f"unknown field '{key}'", hint, key=True)
    if kind == "missing":
        name = str(location[-1])
        return doc.problem(
            location,
            f"the required field '{name}' is missing",
            f"add a line '{name}: …' to this block",
        )
    if kind in {"model_type", "dict_type"} and isinstance(error.get("input"), list):
        return doc.problem(
            location,
            "expected a block of 'field: value' lines here, but found a list ('- ' items)",
            "remove the '- ' in front of the fields",
        )
    if kind in {"model_type", "dict_type"}:
        return doc.problem(
            location,
            "expected a block of 'field: value' lines here",
            "indent the fields under this line with spaces",
        )
    if kind == "list_type":
        return doc.problem(
            location,
            "expected a list here, with each item on its own line starting with '- '",
            "write it as:\n      - first item\n      - second item",
        )
    if kind in {"enum", "literal_error"}:
        expected = str(error.get("ctx", {}).get("expected", ""))
        options = re.findall(r"'([^']*)'", expected)
        guess = _suggest(str(error.get("input")), options)
        hint = f"did you mean '{guess}'? " if guess else ""
        return doc.problem(
            location,
            f"'{error.get('input')}' is not one of the allowed values",
            hint + "Write one of: " + ", ".join(options),
        )
    if error.get("input") is None and kind.endswith("_type"):
        return doc.problem(
            location,
            "this field has no value",
            "write a value after the ':'; a value that starts with '#' (such as a colour) "
            "must be in double quotes, for example \"#1f6f5c\"",
        )
    if kind == "string_type":
        value = error.get("input")
        if isinstance(value, bool):
            return doc.problem(
                location,
                f"YAML read this as yes/no ({str(value).lower()}) but text is expected",
                "put the text in double quotes, for example: \"true\"",
            )
        if isinstance(value, int | float):
            return doc.problem(
                location,
                f"YAML read this as the number {value} but text is expected",
                f"put it in double quotes: \"{value}\"",
            )
        return doc.problem(location, "expected text here", "write the text after the ':'")
    if kind == "string_pattern_mismatch":
        pattern = str(error.get("ctx", {}).get("pattern", ""))
        if pattern == KEY_PATTERN:
            return doc.problem(
                location,
                f"'{error.get('input')}' is not a valid key",
                "use lower-case letters, digits, '-' or '_', starting with a letter",
            )
        if pattern == SLUG_PATTERN:
            return doc.problem(
                location,
                f"'{error.get('input')}' is not a valid page address",
                "use lower-case letters, digits and single hyphens, for example 'before-you-come'",
            )
    if kind in {"date_from_datetime_parsing", "date_parsing", "date_type"}:
        return doc.problem(
            location,
            f"'{error.get('input')}' is not a date",
            "write the date as YYYY-MM-DD, for example 2026-11-25",
        )
    if kind == "string_too_long":
        limit = error.get("ctx", {}).get("max_length")
        return doc.problem(
            location,
            f"this text is too long (at most {limit} characters)",
            "shorten it; keep the detail for the body of the page",
        )
    if kind == "string_too_short":
        limit = error.get("ctx", {}).get("min_length")
        if limit == 1:
            return doc.problem(location, "this field is empty", "write a value after the ':'")
        return doc.problem(
            location,
            f"this text is too short (at least {limit} characters)",
            "write a full sentence",
        )
    if kind == "too_short":
        return doc.problem(
            location, "this list is empty", "add at least one item on a line starting with '- '"
        )
    return doc.problem(location, _clean_message(error["msg"]))


def validate_document(
    doc: YamlDocument, model: type[M], prefix: Location = ()
) -> tuple[M | None, list[ContentProblem]]:
    try:
        return model.model_validate(doc.data), []
    except ValidationError as exc:
        errors = _drop_missing_explained_by_typo(exc.errors(), model)
        return None, [_problem_from_error(doc, model, e, prefix) for e in errors]


def _drop_missing_explained_by_typo(
    errors: list[ErrorDetails], model: type[BaseModel]
) -> list[ErrorDetails]:
    """'sumary:' gives both "unknown field 'sumary'" and "'summary' is missing"; the first,
    with its "did you mean 'summary'?", says all there is to say, so drop the second."""
    guessed: set[tuple[str | int, ...]] = set()
    for error in errors:
        if error["type"] == "extra_forbidden":
            parent = _model_at(model, tuple(error["loc"][:-1]))
            guess = _suggest(str(error["loc"][-1]), _field_names(parent) if parent else [])
            if guess:
                guessed.add((*error["loc"][:-1], guess))
    return [e for e in errors if not (e["type"] == "missing" and tuple(e["loc"]) in guessed)]


_REFERENCES = TypeAdapter(dict[str, Reference])


def _validate_references(doc: YamlDocument) -> tuple[dict[str, Reference], list[ContentProblem]]:
    if not isinstance(doc.data, dict):
        return {}, [
            doc.problem(
                (),
                "references.yml should be a set of 'key:' blocks, one per reference",
                "start each reference with its key, for example 'moyer2004:'",
            )
        ]
    problems: list[ContentProblem] = []
    references: dict[str, Reference] = {}
    for key, value in doc.data.items():
        if not re.fullmatch(KEY_PATTERN, key):
            problems.append(
                doc.problem(
                    (key,),
                    f"'{key}' is not a valid reference key",
                    "use lower-case letters and digits, for example 'moyer2004'",
                    key=True,
                )
            )
            continue
        try:
            references[key] = Reference.model_validate(value)
        except ValidationError as exc:
            problems.extend(_problem_from_error(doc, Reference, e, (key,)) for e in exc.errors())
    _ = _REFERENCES  # the adapter documents the shape; validation is per key for locations
    return references, problems


# --- loading the whole folder ---------------------------------------------------------------


def _read(path: Path, root: Path) -> tuple[YamlDocument, list[ContentProblem]]:
    return load_yaml_file(path, display_path(path, root))


def _benefit_files(content_dir: Path, root: Path) -> Iterator[tuple[str, Path, list[ContentProblem]]]:
    folder = content_dir / BENEFITS_DIR
    for path in sorted(folder.iterdir()) if folder.is_dir() else []:
        shown = display_path(path, root)
        if path.name.startswith(".") or path.is_dir():
            continue
        if path.suffix == ".yaml":
            yield "", path, [
                ContentProblem(
                    shown, 0, 0, "", "benefit files must end in '.yml'", f"rename it to {path.stem}.yml"
                )
            ]
            continue
        if path.suffix != ".yml":
            continue
        slug = path.stem
        if not re.fullmatch(SLUG_PATTERN, slug):
            better = re.sub(r"[^a-z0-9]+", "-", slug.lower()).strip("-") or "topic"
            yield "", path, [
                ContentProblem(
                    shown,
                    0,
                    0,
                    "",
                    f"'{path.name}' cannot be a page address: use lower-case letters, digits "
                    "and single hyphens",
                    f"rename it to {better}.yml",
                )
            ]
            continue
        yield slug, path, []


def _check_people(doc: YamlDocument, review: Review, clinic: Clinic, prefix: Location) -> list[ContentProblem]:
    problems = []
    ids = [p.id for p in clinic.people]
    for role in ("written_by", "reviewed_by"):
        for i, person_id in enumerate(getattr(review, role)):
            if clinic.person(person_id) is None:
                guess = _suggest(person_id, ids)
                hint = f"did you mean '{guess}'? " if guess else ""
                problems.append(
                    doc.problem(
                        (*prefix, "review", role, i),
                        f"no person with the id '{person_id}' in clinic.yml",
                        hint + "Use one of: " + ", ".join(ids),
                    )
                )
    return problems


def _check_citations(
    doc: YamlDocument, keys: list[str], references: dict[str, Reference], location: Location
) -> list[ContentProblem]:
    problems = []
    for i, key in enumerate(keys):
        if key not in references:
            guess = _suggest(key, references)
            hint = f"did you mean '{guess}'? " if guess else ""
            problems.append(
                doc.problem(
                    (*location, i),
                    f"the citation '{key}' is not in references.yml",
                    hint + "Add the reference to content/references.yml or fix the key",
                )
            )
    return problems


def load_content(content_dir: Path, root: Path | None = None) -> SiteContent:
    """Load and validate `content_dir`; raise `ContentErrors` listing every problem."""
    root = root if root is not None else content_dir.parent
    problems: list[ContentProblem] = []
    documents: dict[str, YamlDocument] = {}

    def read(name: str) -> YamlDocument | None:
        path = content_dir / name
        if not path.is_file():
            problems.append(
                ContentProblem(
                    display_path(path, root),
                    0,
                    0,
                    "",
                    "this file is missing",
                    f"create content/{name} (see content/README.md for its fields)",
                )
            )
            return None
        doc, found = _read(path, root)
        documents[doc.file] = doc
        problems.extend(found)
        return None if found else doc

    clinic_doc = read(CLINIC_FILE)
    clinic, found = validate_document(clinic_doc, Clinic) if clinic_doc else (None, [])
    problems.extend(found)

    faq_doc = read(FAQ_FILE)
    faq, found = validate_document(faq_doc, Faq) if faq_doc else (None, [])
    problems.extend(found)

    ref_doc = read(REFERENCES_FILE)
    references, found = _validate_references(ref_doc) if ref_doc else ({}, [])
    problems.extend(found)

    benefits: list[BenefitPage] = []
    for slug, path, found in _benefit_files(content_dir, root):
        problems.extend(found)
        if found:
            continue
        doc, found = _read(path, root)
        documents[doc.file] = doc
        problems.extend(found)
        if found:
            continue
        benefit, found = validate_document(doc, Benefit)
        problems.extend(found)
        if benefit is not None:
            benefits.append(BenefitPage(doc=doc, slug=slug, benefit=benefit))
    if not benefits and not any(p.file.startswith(f"content/{BENEFITS_DIR}") for p in problems):
        problems.append(
            ContentProblem(
                f"content/{BENEFITS_DIR}",
                0,
                0,
                "",
                "there are no benefit pages",
                "add at least one file such as content/benefits/stress.yml",
            )
        )
    benefits.sort(key=lambda page: (page.benefit.order, page.slug))

    # Cross-file checks need the files they join to be valid first.
    if ref_doc is not None and not any(p.file == ref_doc.file for p in problems):
        for page in benefits:
            for i, claim in enumerate(page.benefit.research):
                problems.extend(
                    _check_citations(page.doc, claim.citations, references, ("research", i, "citations"))
                )
        if faq is not None and faq_doc is not None:
            for g, group in enumerate(faq.groups):
                for q, question in enumerate(group.questions):
                    problems.extend(
                        _check_citations(
                            faq_doc,
                            question.citations,
                            references,
                            ("groups", g, "questions", q, "citations"),
                        )
                    )
    if clinic is not None:
        for page in benefits:
            problems.extend(_check_people(page.doc, page.benefit.review, clinic, ()))
        if faq is not None and faq_doc is not None:
            problems.extend(_check_people(faq_doc, faq.review, clinic, ()))

    errors = [p for p in problems if p.severity is Severity.ERROR]
    if errors or clinic is None or faq is None:
        raise ContentErrors(problems)
    content = SiteContent(
        clinic=clinic,
        benefits=benefits,
        faq=faq,
        references=references,
        documents=documents,
        warnings=[p for p in problems if p.severity is Severity.WARNING],
    )
    return content
