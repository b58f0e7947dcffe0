"""Load and validate everything in `content/` into one `SiteContent`, reporting every problem.

The loader reads each file once (see `yaml_source`), validates it against `models`, then checks
what spans files: citation keys that must exist in `references.yml` and people who must exist in
`clinic.yml`. All problems are collected and raised together as `ContentErrors`.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

from pydantic import BaseModel, ValidationError

from healthsite.errors import ContentErrors, ContentProblem, Severity, display_path
from healthsite.models import (
    KEY_PATTERN,
    RESERVED_FAQ_IDS,
    SLUG_PATTERN,
    Benefit,
    Clinic,
    Faq,
    Reference,
    Review,
)
from healthsite.project_files import check_folder
from healthsite.validation_messages import (
    did_you_mean,
    drop_missing_explained_by_typo,
    problem_from_error,
)
from healthsite.yaml_source import Location, YamlDocument, load_yaml_file

M = TypeVar("M", bound=BaseModel)

CLINIC_FILE = "clinic.yml"
FAQ_FILE = "faq.yml"
REFERENCES_FILE = "references.yml"
BENEFITS_DIR = "benefits"


@dataclass(frozen=True)
class BenefitPage:
    """One benefit file: its page address (the file name), its content and where it came from."""

    slug: str
    benefit: Benefit
    doc: YamlDocument


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


def validate_document(
    doc: YamlDocument, model: type[M], prefix: Location = ()
) -> tuple[M | None, list[ContentProblem]]:
    try:
        return model.model_validate(doc.data), []
    except ValidationError as exc:
        errors = drop_missing_explained_by_typo(exc.errors(), model)
        return None, [problem_from_error(doc, model, e, prefix) for e in errors]


def validate_references(doc: YamlDocument) -> tuple[dict[str, Reference], list[ContentProblem]]:
    """references.yml maps keys to references; each is validated alone to locate its errors."""
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
            errors = drop_missing_explained_by_typo(exc.errors(), Reference)
            problems += [problem_from_error(doc, Reference, e, (key,)) for e in errors]
    return references, problems


class _Collector:
    """Reads files from the content folder, keeping every document and every problem."""

    def __init__(self, content_dir: Path, root: Path) -> None:
        self.content_dir = content_dir
        self.root = root
        # Links out of the project, special files, folders named like files: see project_files.
        self.problems: list[ContentProblem] = check_folder(content_dir, root)
        self.unsafe = {problem.file for problem in self.problems}
        self.documents: dict[str, YamlDocument] = {}

    def read(self, path: Path) -> YamlDocument | None:
        """The document at `path`, or None when it is missing or unreadable (problem noted)."""
        shown = display_path(path, self.root)
        if self._reported(shown):
            return None
        if not os.path.lexists(path):
            name = path.relative_to(self.content_dir).as_posix()
            self.problems.append(
                ContentProblem(
                    shown,
                    0,
                    0,
                    "",
                    "this file is missing",
                    f"create content/{name} (see content/README.md for its fields)",
                )
            )
            return None
        doc, found = load_yaml_file(path, self.root)
        self.documents[doc.file] = doc
        self.problems.extend(found)
        return None if found else doc

    def _reported(self, shown: str) -> bool:
        """Whether the walk of the folder reported this file, or a folder it is in, already."""
        return any(shown == bad or shown.startswith(bad + "/") for bad in self.unsafe)

    def model(self, name: str, model: type[M]) -> tuple[M | None, YamlDocument | None]:
        doc = self.read(self.content_dir / name)
        if doc is None:
            return None, None
        value, found = validate_document(doc, model)
        self.problems.extend(found)
        return value, doc

    def benefits(self) -> list[BenefitPage]:
        pages = []
        for slug, path in self._benefit_files():
            doc = self.read(path)
            if doc is None:
                continue
            benefit, found = validate_document(doc, Benefit)
            self.problems.extend(found)
            if benefit is not None:
                pages.append(BenefitPage(slug=slug, benefit=benefit, doc=doc))
        if not pages and not any(
            p.file.startswith(f"content/{BENEFITS_DIR}") for p in self.problems
        ):
            self.problems.append(
                ContentProblem(
                    f"content/{BENEFITS_DIR}",
                    0,
                    0,
                    "",
                    "there are no benefit pages",
                    "add at least one file such as content/benefits/stress.yml",
                )
            )
        return sorted(pages, key=lambda page: (page.benefit.order, page.slug))

    def _benefit_files(self) -> Iterator[tuple[str, Path]]:
        folder = self.content_dir / BENEFITS_DIR
        for path in sorted(folder.iterdir()) if folder.is_dir() else []:
            shown = display_path(path, self.root)
            if path.name.startswith(".") or self._reported(shown) or path.is_dir():
                continue
            if path.suffix == ".yaml":
                self.problems.append(
                    ContentProblem(
                        shown,
                        0,
                        0,
                        "",
                        "benefit files must end in '.yml'",
                        f"rename it to {path.stem}.yml",
                    )
                )
            elif path.suffix != ".yml":
                continue
            elif path.stem == "index":
                self.problems.append(
                    ContentProblem(
                        shown,
                        0,
                        0,
                        "",
                        "'index' is the address of the overview of all benefit pages "
                        "(docs/benefits/index.md)",
                        "give the file another name, such as general-health.yml",
                    )
                )
            elif not re.fullmatch(SLUG_PATTERN, path.stem):
                better = re.sub(r"[^a-z0-9]+", "-", path.stem.lower()).strip("-") or "topic"
                self.problems.append(
                    ContentProblem(
                        shown,
                        0,
                        0,
                        "",
                        f"'{path.name}' cannot be a page address: use lower-case letters, "
                        "digits and single hyphens",
                        f"rename it to {better}.yml",
                    )
                )
            else:
                yield path.stem, path


def _unknown_people(doc: YamlDocument, review: Review, clinic: Clinic) -> list[ContentProblem]:
    ids = [p.id for p in clinic.people]
    return [
        doc.problem(
            ("review", role, i),
            f"no person with the id '{person_id}' in clinic.yml",
            did_you_mean(person_id, ids) + "Use one of: " + ", ".join(ids),
        )
        for role in ("written_by", "reviewed_by")
        for i, person_id in enumerate(getattr(review, role))
        if clinic.person(person_id) is None
    ]


def _unknown_citations(
    doc: YamlDocument, keys: list[str], references: dict[str, Reference], location: Location
) -> list[ContentProblem]:
    return [
        doc.problem(
            (*location, i),
            f"the citation '{key}' is not in references.yml",
            did_you_mean(key, references)
            + "Add the reference to content/references.yml or fix the key",
        )
        for i, key in enumerate(keys)
        if key not in references
    ]


def _faq_id_problems(faq: Faq, doc: YamlDocument) -> list[ContentProblem]:
    """Each id is a link target (/faq/#id): two the same would send readers to the wrong one."""
    problems = []
    seen: set[str] = set(RESERVED_FAQ_IDS)
    places: list[tuple[str | None, Location]] = []
    for g, group in enumerate(faq.groups):
        places.append((group.id, ("groups", g, "id")))
        places += [
            (q.id, ("groups", g, "questions", i, "id")) for i, q in enumerate(group.questions)
        ]
    for item_id, location in places:
        if item_id is None:
            continue
        if item_id in seen:
            why = "is used by the page itself" if item_id in RESERVED_FAQ_IDS else "is used twice"
            problems.append(
                doc.problem(
                    location,
                    f"the id '{item_id}' {why}",
                    "give each group and question its own id",
                )
            )
        seen.add(item_id)
    return problems


def _duplicate_benefit_problems(benefits: list[BenefitPage]) -> list[ContentProblem]:
    """Two pages with the same title, menu name or description (a copied file not yet edited)
    would look like one page twice to readers and search engines."""
    problems = []
    for field_name in ("title", "nav_title", "description"):
        first: dict[str, BenefitPage] = {}
        for page in benefits:
            value = getattr(page.benefit, field_name)
            if value is None:
                continue
            if value in first:
                problems.append(
                    page.doc.problem(
                        (field_name,),
                        f"{first[value].doc.file} has the same {field_name}",
                        f"give each benefit page its own {field_name}",
                    )
                )
            else:
                first[value] = page
    return problems


def _cross_file_problems(
    benefits: list[BenefitPage],
    faq: tuple[Faq, YamlDocument] | None,
    references: dict[str, Reference] | None,
    clinic: Clinic | None,
) -> list[ContentProblem]:
    """Citations and people that must exist in other files (checked only once those are valid)."""
    problems: list[ContentProblem] = []
    if references is not None:
        for page in benefits:
            for i, claim in enumerate(page.benefit.research):
                location: Location = ("research", i, "citations")
                problems += _unknown_citations(page.doc, claim.citations, references, location)
        if faq is not None:
            for g, group in enumerate(faq[0].groups):
                for q, question in enumerate(group.questions):
                    location = ("groups", g, "questions", q, "citations")
                    problems += _unknown_citations(faq[1], question.citations, references, location)
    if clinic is not None:
        for page in benefits:
            problems += _unknown_people(page.doc, page.benefit.review, clinic)
        if faq is not None:
            problems += _unknown_people(faq[1], faq[0].review, clinic)
    return problems


def load_content(content_dir: Path, root: Path | None = None) -> SiteContent:
    """Load and validate `content_dir`; raise `ContentErrors` listing every problem."""
    collect = _Collector(content_dir, root if root is not None else content_dir.parent)
    clinic, _ = collect.model(CLINIC_FILE, Clinic)
    faq, faq_doc = collect.model(FAQ_FILE, Faq)
    ref_doc = collect.read(content_dir / REFERENCES_FILE)
    references: dict[str, Reference] | None = None
    if ref_doc is not None:
        references, found = validate_references(ref_doc)
        collect.problems.extend(found)
        references = None if found else references
    benefits = collect.benefits()
    if faq is not None and faq_doc is not None:
        collect.problems += _faq_id_problems(faq, faq_doc)
    collect.problems += _duplicate_benefit_problems(benefits)
    collect.problems += _cross_file_problems(
        benefits, (faq, faq_doc) if faq and faq_doc else None, references, clinic
    )
    errors = [p for p in collect.problems if p.severity is Severity.ERROR]
    if errors or clinic is None or faq is None or references is None:
        raise ContentErrors(collect.problems)
    return SiteContent(
        clinic=clinic,
        benefits=benefits,
        faq=faq,
        references=references,
        documents=collect.documents,
        warnings=[p for p in collect.problems if p.severity is Severity.WARNING],
    )
