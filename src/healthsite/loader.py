"""Load and validate everything in `content/` into one `SiteContent`, reporting every problem.

The loader reads each file once (see `yaml_source`), validates it against `models` (the folders of
one-page-per-file content, `benefits/` and `guides/`, through one shared walk), then checks
what spans files: citation keys that must exist in `references.yml` and people who must exist in
`clinic.yml`. All problems are collected and raised together as `ContentErrors`.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Generic, TypeVar

from pydantic import BaseModel, ValidationError

from healthsite.errors import ContentErrors, ContentProblem, Severity, display_path
from healthsite.legal import LEGAL_PAGES, RETENTION_EXAMPLE, STATE_LAW
from healthsite.models import (
    KEY_PATTERN,
    SLUG_PATTERN,
    AdviceRef,
    Benefit,
    Caution,
    Clinic,
    Faq,
    Guide,
    RecordsFormat,
    RedFlag,
    Reference,
    Review,
    Safety,
    reserved_faq_id,
)
from healthsite.project_files import check_folder
from healthsite.safety import normal_words
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
SAFETY_FILE = "safety.yml"
BENEFITS_DIR = "benefits"
GUIDES_DIR = "guides"
# Folders of one-page-per-file content; a file in one is never clinic.yml or faq.yml itself.


@dataclass(frozen=True)
class BenefitPage:
    """One benefit file: its page address (the file name), its content and where it came from."""

    slug: str
    benefit: Benefit
    doc: YamlDocument


@dataclass(frozen=True)
class GuidePage:
    """One guide file: its page address (the file name), its content and where it came from."""

    slug: str
    guide: Guide
    doc: YamlDocument


@dataclass(frozen=True)
class PageFolder(Generic[M]):
    """A folder of content where each file is one page: what the shared file walk needs to
    know to name its files' problems in that folder's words."""

    folder: str
    model: type[M]
    noun: str  # "benefit", as in "benefit files must end in '.yml'"
    index_example: str  # another file name to suggest instead of index.yml
    required: bool  # whether the site needs at least one such page


BENEFIT_FOLDER = PageFolder(BENEFITS_DIR, Benefit, "benefit", "general-health.yml", required=True)
GUIDE_FOLDER = PageFolder(GUIDES_DIR, Guide, "guide", "first-visit.yml", required=False)


@dataclass
class SiteContent:
    clinic: Clinic
    benefits: list[BenefitPage]
    faq: Faq
    references: dict[str, Reference]
    safety: Safety
    guides: list[GuidePage] = field(default_factory=list)
    # Every file read, by its path inside the content folder ("clinic.yml", "benefits/x.yml").
    documents: dict[str, YamlDocument] = field(default_factory=dict)
    warnings: list[ContentProblem] = field(default_factory=list)

    def benefit(self, slug: str) -> Benefit:
        for page in self.benefits:
            if page.slug == slug:
                return page.benefit
        known = ", ".join(p.slug for p in self.benefits)
        raise KeyError(f"no benefit page '{slug}' (there are: {known})")

    def guide(self, slug: str) -> Guide:
        for page in self.guides:
            if page.slug == slug:
                return page.guide
        known = ", ".join(p.slug for p in self.guides)
        raise KeyError(f"no guide page '{slug}' (there are: {known})")

    def cited_keys(self) -> list[str]:
        """Every citation key in the order readers meet them (benefit pages, guide pages, the
        FAQ, safety.yml), without repeats."""
        return list(
            dict.fromkeys(
                key
                for cited in (
                    *(page.benefit.cited for page in self.benefits),
                    *(guide.guide.cited for guide in self.guides),
                    self.faq.cited,
                    *(entry.citations for entry in self.safety.entries),
                )
                for key in cited
            )
        )


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
        self.documents[path.relative_to(self.content_dir).as_posix()] = doc
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

    def pages(self, kind: PageFolder[M]) -> list[tuple[str, M, YamlDocument]]:
        """Each valid file of a page folder as (slug, model, document), in file-name order."""
        pages = []
        for slug, path in self._page_files(kind):
            doc = self.read(path)
            if doc is None:
                continue
            value, found = validate_document(doc, kind.model)
            self.problems.extend(found)
            if value is not None:
                pages.append((slug, value, doc))
        folder = f"content/{kind.folder}"
        if (
            kind.required
            and not pages
            and not any(p.file.startswith(folder) for p in self.problems)
        ):
            self.problems.append(
                ContentProblem(
                    folder,
                    0,
                    0,
                    "",
                    f"there are no {kind.noun} pages",
                    f"add at least one file such as content/{kind.folder}/stress.yml",
                )
            )
        return pages

    def benefits(self) -> list[BenefitPage]:
        pages = [BenefitPage(slug, value, doc) for slug, value, doc in self.pages(BENEFIT_FOLDER)]
        return sorted(pages, key=lambda page: (page.benefit.order, page.slug))

    def guides(self) -> list[GuidePage]:
        pages = [GuidePage(slug, value, doc) for slug, value, doc in self.pages(GUIDE_FOLDER)]
        return sorted(pages, key=lambda page: (page.guide.order, page.slug))

    def _page_files(self, kind: PageFolder[M]) -> Iterator[tuple[str, Path]]:
        folder = self.content_dir / kind.folder
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
                        f"{kind.noun} files must end in '.yml'",
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
                        f"'index' is the address of the overview of all {kind.noun} pages "
                        f"(docs/{kind.folder}/index.md)",
                        f"give the file another name, such as {kind.index_example}",
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


def _unknown_people(
    doc: YamlDocument, review: Review, clinic: Clinic, at: Location = ("review",)
) -> list[ContentProblem]:
    ids = [p.id for p in clinic.people]
    return [
        doc.problem(
            (*at, role, i),
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
    seen: set[str] = set()
    places: list[tuple[str | None, Location]] = []
    for g, group in enumerate(faq.groups):
        places.append((group.id, ("groups", g, "id")))
        places += [
            (q.id, ("groups", g, "questions", i, "id")) for i, q in enumerate(group.questions)
        ]
    for item_id, location in places:
        if item_id is None:
            continue
        if item_id in seen or reserved_faq_id(item_id):
            why = "is used by the page itself" if reserved_faq_id(item_id) else "is used twice"
            problems.append(
                doc.problem(
                    location,
                    f"the id '{item_id}' {why}",
                    "give each group and question its own id",
                )
            )
        seen.add(item_id)
    return problems


def _duplicate_page_problems(
    pages: Sequence[tuple[Benefit | Guide, YamlDocument]], noun: str
) -> list[ContentProblem]:
    """Two pages with the same title, menu name or description (a copied file not yet edited)
    would look like one page twice to readers and search engines."""
    problems = []
    for field_name in ("title", "nav_title", "description"):
        first: dict[str, YamlDocument] = {}
        for page, doc in pages:
            value = getattr(page, field_name)
            if value is None:
                continue
            if value in first:
                problems.append(
                    doc.problem(
                        (field_name,),
                        f"{first[value].file} has the same {field_name}",
                        f"give each {noun} page its own {field_name}",
                    )
                )
            else:
                first[value] = doc
    return problems


def _unknown_advice(
    doc: YamlDocument, refs: list[AdviceRef], safety: Safety, location: Location
) -> list[ContentProblem]:
    ids = [entry.id for entry in safety.entries]
    problems = []
    for i, ref in enumerate(refs):
        if safety.entry(ref.id) is not None:
            continue
        if " " in ref.id:
            hint = (
                "write the id of an entry in content/safety.yml instead of your own words, so "
                "every page gives the same advice (add a new entry there if none fits); "
            )
        else:
            hint = did_you_mean(ref.id, ids) + "Add it to content/safety.yml or fix the id; "
        problems.append(
            doc.problem(
                (*location, i),
                f"'{ref.id}' is not an id in safety.yml",
                hint + "ids there: " + ", ".join(ids),
            )
        )
    return problems


def safety_entries(safety: Safety) -> list[tuple[Location, RedFlag | Caution]]:
    """Each entry of safety.yml with where it is written."""
    places: list[tuple[Location, RedFlag | Caution]] = [
        (("red_flags", i), entry) for i, entry in enumerate(safety.red_flags)
    ]
    places += [(("cautions", i), entry) for i, entry in enumerate(safety.cautions)]
    return places


def _safety_problems(safety: Safety, doc: YamlDocument) -> list[ContentProblem]:
    """Each id is referenced by pages and each word points at one entry, so neither may repeat."""
    problems = []
    ids: dict[str, Location] = {}
    words: dict[str, str] = {}
    for where, entry in safety_entries(safety):
        if entry.id in ids:
            first = doc.position(ids[entry.id])
            problems.append(
                doc.problem(
                    (*where, "id"),
                    f"the id '{entry.id}' is used twice in safety.yml (first on line {first.line})",
                    "give each entry its own id, or merge the two entries",
                )
            )
        else:
            ids[entry.id] = (*where, "id")
        for w, word in enumerate(entry.words):
            key = normal_words(word)
            owner = words.setdefault(key, entry.id)
            if owner != entry.id:
                problems.append(
                    doc.problem(
                        (*where, "words", w),
                        f"the word '{word}' is already listed for '{owner}'",
                        "list each word for one entry only, so a page that uses it can be told "
                        "which advice to reference",
                    )
                )
    return problems


def _safety_reference_problems(
    benefits: list[BenefitPage],
    faq: tuple[Faq, YamlDocument] | None,
    references: dict[str, Reference] | None,
    safety: tuple[Safety, YamlDocument],
) -> list[ContentProblem]:
    """Safety ids that pages reference must exist; safety.yml's citations must resolve."""
    problems: list[ContentProblem] = []
    for page in benefits:
        problems += _unknown_advice(page.doc, page.benefit.cautions, safety[0], ("cautions",))
    if faq is not None:
        for g, group in enumerate(faq[0].groups):
            for q, question in enumerate(group.questions):
                problems += _unknown_advice(
                    faq[1], question.safety, safety[0], ("groups", g, "questions", q, "safety")
                )
    if references is not None:
        for where, entry in safety_entries(safety[0]):
            problems += _unknown_citations(
                safety[1], entry.citations, references, (*where, "citations")
            )
    return problems


def _guide_cross_file_problems(
    guides: list[GuidePage],
    references: dict[str, Reference] | None,
    clinic: Clinic | None,
    safety: Safety | None,
) -> list[ContentProblem]:
    """Citations, people and safety advice of the guide pages that must exist in other files
    (checked only once those are valid)."""
    problems: list[ContentProblem] = []
    for guide in guides:
        for i, section in enumerate(guide.guide.sections):
            if references is not None:
                location: Location = ("sections", i, "citations")
                problems += _unknown_citations(guide.doc, section.citations, references, location)
            if safety is not None:
                location = ("sections", i, "safety")
                problems += _unknown_advice(guide.doc, section.safety, safety, location)
        if clinic is not None:
            problems += _unknown_people(guide.doc, guide.guide.review, clinic)
    return problems


def _cross_file_problems(
    benefits: list[BenefitPage],
    faq: tuple[Faq, YamlDocument] | None,
    references: dict[str, Reference] | None,
    clinic: Clinic | None,
    safety: tuple[Safety, YamlDocument] | None,
) -> list[ContentProblem]:
    """Citations, people and safety advice that must exist in other files (checked only once
    those are valid)."""
    problems: list[ContentProblem] = []
    if safety is not None:
        problems += _safety_reference_problems(benefits, faq, references, safety)
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


def _legal_problems(clinic: Clinic, doc: YamlDocument) -> list[ContentProblem]:
    """What the legal pages need from clinic.yml beyond its schema: reviewers who exist, the
    company that receives online bookings, and how long records are kept where no state law
    says (`healthsite.legal.STATE_LAW`)."""
    problems: list[ContentProblem] = []
    for page in LEGAL_PAGES:
        block = page.block(clinic)
        if block is not None:
            problems += _unknown_people(doc, block.review, clinic, (page.key, "review"))
    privacy = clinic.privacy
    if privacy is None:
        return problems
    if privacy.records_system and privacy.records is RecordsFormat.PAPER:
        problems.append(
            doc.problem(
                ("privacy", "records_system"),
                "records_system names software for electronic records, but 'records' is paper",
                "set records to electronic or both, or remove the records_system line",
            )
        )
    if privacy.overseas_countries and not privacy.discloses_overseas:
        problems.append(
            doc.problem(
                ("privacy", "overseas_countries"),
                "overseas_countries lists countries, but 'discloses_overseas' is false",
                "set discloses_overseas to true, or remove the overseas_countries line",
            )
        )
    if clinic.booking_url and privacy.booking_provider is None:
        problems.append(
            doc.problem(
                ("privacy",),
                "booking_url sends online bookings to another company, and the privacy policy "
                "must say who receives them, but 'privacy' has no 'booking_provider'",
                "add under 'privacy:' the lines 'booking_provider:' and, indented below it, "
                "'name: <the booking company>' and 'privacy_url: <its privacy policy>'",
                key=True,
            )
        )
    state = STATE_LAW[clinic.address.state]
    if privacy.kept_for is None and not state.minimum_retention:
        problems.append(
            doc.problem(
                ("privacy",),
                "the privacy policy must say how long you keep client records, and no law in "
                f"{state.name} sets a period the page could state for you",
                f"add under 'privacy:' a line such as 'kept_for: {RETENTION_EXAMPLE}' (check "
                "the period with your professional association or insurer)",
                key=True,
            )
        )
    return problems


def load_content(content_dir: Path, root: Path | None = None) -> SiteContent:
    """Load and validate `content_dir`; raise `ContentErrors` listing every problem."""
    collect = _Collector(content_dir, root if root is not None else content_dir.parent)
    clinic, clinic_doc = collect.model(CLINIC_FILE, Clinic)
    faq, faq_doc = collect.model(FAQ_FILE, Faq)
    ref_doc = collect.read(content_dir / REFERENCES_FILE)
    references: dict[str, Reference] | None = None
    if ref_doc is not None:
        references, found = validate_references(ref_doc)
        collect.problems.extend(found)
        references = None if found else references
    safety, safety_doc = collect.model(SAFETY_FILE, Safety)
    benefits = collect.benefits()
    guides = collect.guides()
    if faq is not None and faq_doc is not None:
        collect.problems += _faq_id_problems(faq, faq_doc)
    if safety is not None and safety_doc is not None:
        collect.problems += _safety_problems(safety, safety_doc)
    if clinic is not None and clinic_doc is not None:
        collect.problems += _legal_problems(clinic, clinic_doc)
    collect.problems += _duplicate_page_problems([(p.benefit, p.doc) for p in benefits], "benefit")
    collect.problems += _duplicate_page_problems([(p.guide, p.doc) for p in guides], "guide")
    collect.problems += _cross_file_problems(
        benefits,
        (faq, faq_doc) if faq and faq_doc else None,
        references,
        clinic,
        (safety, safety_doc) if safety and safety_doc else None,
    )
    collect.problems += _guide_cross_file_problems(
        guides, references, clinic, safety if safety_doc is not None else None
    )
    errors = [p for p in collect.problems if p.severity is Severity.ERROR]
    if errors or clinic is None or faq is None or references is None or safety is None:
        raise ContentErrors(collect.problems)
    return SiteContent(
        clinic=clinic,
        benefits=benefits,
        faq=faq,
        references=references,
        safety=safety,
        guides=guides,
        documents=collect.documents,
        warnings=[p for p in collect.problems if p.severity is Severity.WARNING],
    )
