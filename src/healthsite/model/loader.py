"""Load and validate everything in `content/` into one `SiteContent`, reporting every problem.

The loader reads each file once (see `yaml_source`) and validates it against its model: clinic.yml
(`clinic.Clinic`), references.yml (`references.Reference`) and safety.yml
(`safety_entries.Safety`), then the pages of each kind in `registry.CONTENT_TYPES` (a folder with
one page per file, or one file; each kind's model is in `kinds/`). Then it checks what spans files,
the same way for every kind of page: citation keys that must exist in `references.yml`, safety
advice in `safety.yml` and people in `clinic.yml`. All problems are collected and raised together
as `ContentErrors`.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar, cast

from pydantic import BaseModel, ValidationError

from healthsite.model.clinic import Clinic, RecordsFormat
from healthsite.model.content_type import ContentPage, ContentType, GeneratedPage, P, PageContent
from healthsite.model.fields import KEY_PATTERN, SLUG_PATTERN
from healthsite.model.kinds.faq import FAQ, Faq
from healthsite.model.legal import (
    LEGAL_PAGES,
    RETENTION_EXAMPLE,
    legal_pages_among,
    states_served,
)
from healthsite.model.library import (
    DATA_FILES,
    LIBRARY_FILE,
    LibraryChoices,
    LibraryInfo,
    is_library_file,
    library_dir,
    library_page_ids,
    page_id,
    shown_as,
)
from healthsite.model.library_merge import MERGED_FILES, merge_with_library
from healthsite.model.person import Person
from healthsite.model.references import Reference
from healthsite.model.registry import CONTENT_TYPES
from healthsite.model.review import Review
from healthsite.model.safety_entries import AdviceKind, AdviceList, Caution, RedFlag, Safety
from healthsite.model.safety_tiers import normal_words
from healthsite.model.validation_messages import (
    did_you_mean,
    drop_missing_explained_by_typo,
    problem_from_error,
)
from healthsite.source.errors import ContentErrors, ContentProblem, Severity, display_path
from healthsite.source.markup import listed
from healthsite.source.project_files import check_folder
from healthsite.source.yaml_source import Location, MergedDocument, YamlDocument, load_yaml_file

M = TypeVar("M", bound=BaseModel)

CLINIC_FILE = "clinic.yml"
REFERENCES_FILE = "references.yml"
SAFETY_FILE = "safety.yml"


@dataclass
class SiteContent:
    clinic: Clinic
    references: dict[str, Reference]
    safety: Safety
    # The pages of each kind (`registry.CONTENT_TYPES`) by its name, in site order.
    pages: dict[str, list[ContentPage[Any]]]
    # The files the values above came from, for messages that point into them.
    clinic_doc: YamlDocument
    references_doc: YamlDocument
    safety_doc: YamlDocument
    # What loading found that does not stop it (a file the build does not read), for the check
    # to report with the rules' findings.
    load_warnings: list[ContentProblem] = field(default_factory=list)
    # The content library the pages came from (`healthsite.model.library`; None: no library), and
    # the site's choices about it (content/library.yml, with its document when it has one).
    library: LibraryInfo | None = None
    library_dir: Path | None = None
    library_choices: LibraryChoices = field(default_factory=LibraryChoices)
    library_doc: YamlDocument | None = None

    def people_by_id(self, ids: list[str]) -> list[Person]:
        """The people with these ids, in that order: the clinic's, and the library's editors
        (whom the library's pages name)."""
        editors = {person.id: person for person in self.library.editors} if self.library else {}
        found = [self.clinic.person(i) or editors.get(i) for i in ids]
        return [person for person in found if person is not None]

    def from_library(self, doc: YamlDocument) -> bool:
        """Whether `doc` comes from the library: one of its files, or a site's file merged
        into one (`library_merge`)."""
        return library_source(doc) is not None

    def of(self, kind: ContentType[P]) -> list[ContentPage[P]]:
        """The pages of one kind, in site order."""
        return self.pages.get(kind.name, [])

    def all_pages(self) -> Iterator[ContentPage[Any]]:
        """Every page made from content/, kind by kind in the registry's order."""
        for kind in CONTENT_TYPES:
            yield from self.of(kind)

    def generated_pages(self, legal_pages: frozenset[str]) -> list[GeneratedPage]:
        """Every page the build makes: the pages of content/ kind by kind (`all_pages`), then
        the legal pages among `legal_pages` (the ones the site publishes), in footer order."""
        return [*self.all_pages(), *legal_pages_among(legal_pages)]

    def page(self, kind: ContentType[P], slug: str) -> P:
        for page in self.of(kind):
            if page.slug == slug:
                return page.item
        known = ", ".join(p.slug for p in self.of(kind))
        raise KeyError(f"no {kind.label.one} '{slug}' (there are: {known})")

    @property
    def faq_page(self) -> ContentPage[Faq]:
        return self.of(FAQ)[0]

    @property
    def faq(self) -> Faq:
        return self.faq_page.item

    def cited_keys(self) -> list[str]:
        """Every citation key in the order readers meet them (the pages kind by kind, then
        safety.yml), without repeats."""
        return list(
            dict.fromkeys(
                key
                for cited in (
                    *(page.item.cited for page in self.all_pages()),
                    *(keys for _, keys in self.safety.citation_lists()),
                )
                for key in cited
            )
        )


def validate_document(doc: YamlDocument, model: type[M]) -> tuple[M | None, list[ContentProblem]]:
    try:
        return model.model_validate(doc.data), []
    except ValidationError as exc:
        errors = drop_missing_explained_by_typo(exc.errors(), model)
        return None, [problem_from_error(doc, model, e) for e in errors]


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
    """Reads files from the content folder, and those it does not have from the library (see
    `healthsite.model.library`), keeping every document and every problem."""

    def __init__(self, content_dir: Path, root: Path, library: Path | None) -> None:
        self.content_dir = content_dir
        self.root = root
        self.library = library
        self.excluded: set[str] = set()  # page ids the site turns off (content/library.yml)
        # Links out of the project, special files, folders named like files: see project_files.
        self.problems: list[ContentProblem] = check_folder(content_dir, root)
        self.unsafe = {problem.file for problem in self.problems}

    def library_file(self, name: str) -> Path | None:
        """The library's file `name` (a path inside content/), unless the site has its own or
        turns the page off."""
        if os.path.lexists(self.content_dir / name):
            return None
        return self._library_path(name)

    def _library_path(self, name: str) -> Path | None:
        """The library's file `name`, whether or not the site has its own (None when there is
        no library, no such file, or the site turns the page off)."""
        if self.library is None or page_id(name) in self.excluded:
            return None
        path = self.library / name
        return path if path.is_file() else None

    def read_source(self, name: str) -> YamlDocument | None:
        """The site's file `name` in content/, or else the library's; for the files merged
        entry by entry (`library_merge.MERGED_FILES`), the site's merged into the library's."""
        library_path = self._library_path(name)
        site_path = self.content_dir / name
        if os.path.lexists(site_path):
            site = self.read(site_path)
            if site is None or library_path is None or name not in MERGED_FILES:
                return site
            library = self._read_library(name, library_path)
            if library is None:
                return None
            merged = merge_with_library(name, library, site)
            self.problems += _merged_review_problems(merged, site)
            self.problems += _unknown_groups(name, library, site)
            return merged
        if library_path is None:
            return self.read(site_path)  # says the file is missing
        return self._read_library(name, library_path)

    def _read_library(self, name: str, path: Path) -> YamlDocument | None:
        assert self.library is not None
        doc, found = load_yaml_file(path, self.library, shown=shown_as(name))
        self.problems.extend(found)
        return None if found else doc

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
        self.problems.extend(found)
        return None if found else doc

    def _reported(self, shown: str) -> bool:
        """Whether the walk of the folder reported this file, or a folder it is in, already."""
        return any(shown == bad or shown.startswith(bad + "/") for bad in self.unsafe)

    def model(self, name: str, model: type[M]) -> tuple[M | None, YamlDocument | None]:
        doc = self.read_source(name)
        if doc is None:
            return None, None
        value, found = validate_document(doc, model)
        self.problems.extend(found)
        return value, doc

    def kind(self, kind: ContentType[P]) -> list[ContentPage[P]]:
        """The valid pages of one kind, in site order: its one file, or each file of its folder
        by `order`, then address."""
        if kind.one_file:
            path = self.content_dir / kind.source
            # An optional page is left out when its file is not there.
            present = os.path.lexists(path) or self.library_file(kind.source) is not None
            wanted = (kind.required and page_id(kind.source) not in self.excluded) or present
            files = [(kind.name, kind.source)] if wanted else []
        else:
            files = [
                *(
                    (slug, path.relative_to(self.content_dir).as_posix())
                    for slug, path in self._page_files(kind)
                ),
                *self._library_page_files(kind),
            ]
        pages = []
        for slug, name in files:
            doc = self.read_source(name)
            if doc is None:
                continue
            # Each kind's model is a pydantic model (see content_type.PageContent).
            value, found = validate_document(doc, cast("type[BaseModel]", kind.model))
            self.problems.extend(found)
            if value is not None:
                pages.append(ContentPage(kind, slug, cast("P", value), doc))
        folder = f"content/{kind.source}"
        if (
            kind.required
            and not kind.one_file
            and not pages
            and not any(p.file.startswith(folder) for p in self.problems)
        ):
            self.problems.append(
                ContentProblem(
                    folder,
                    0,
                    0,
                    "",
                    f"there are no {kind.label.many}",
                    f"add at least one file such as content/{kind.source}/{kind.index_example}",
                )
            )
        return sorted(pages, key=lambda page: (page.item.order, page.slug))

    def _library_page_files(self, kind: ContentType[P]) -> Iterator[tuple[str, str]]:
        """The library's pages of a folder kind that the site neither has nor turns off."""
        folder = self.library / kind.source if self.library is not None else None
        for path in sorted(folder.glob("*.yml")) if folder is not None else []:
            name = f"{kind.source}/{path.name}"
            if self.library_file(name) is not None:
                yield path.stem, name

    def _page_files(self, kind: ContentType[P]) -> Iterator[tuple[str, Path]]:
        folder = self.content_dir / kind.source
        for path in sorted(folder.iterdir()) if folder.is_dir() else []:
            shown = display_path(path, self.root)
            if path.name.startswith(".") or self._reported(shown) or path.is_dir():
                continue
            if path.suffix.lower() in {".yml", ".yaml"} and path.suffix != ".yml":
                self.problems.append(
                    ContentProblem(
                        shown,
                        0,
                        0,
                        "",
                        f"{kind.name} files must end in '.yml' (in small letters), so the build "
                        "does not read this one",
                        f"rename it to {path.stem}.yml",
                    )
                )
            elif path.suffix != ".yml":
                if not path.name.lower().startswith("readme"):
                    self.problems.append(
                        ContentProblem(
                            shown,
                            0,
                            0,
                            "",
                            f"the build does not read this file: only the .yml files in "
                            f"content/{kind.source}/ become {kind.label.many}",
                            f"if it is a page, rename it to {path.name.split('.')[0]}.yml; "
                            "otherwise move it out of content/",
                            severity=Severity.WARNING,
                        )
                    )
                continue
            elif path.stem == "index":
                self.problems.append(
                    ContentProblem(
                        shown,
                        0,
                        0,
                        "",
                        f"'index' is the address of the overview of all {kind.label.many} "
                        f"(docs/{kind.nav_index})",
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


def review_people(review: Review, at: Location = ("review",)) -> Iterator[tuple[Location, str]]:
    """Each person's id a review block names (`written_by`, then `reviewed_by`), with where."""
    for role in ("written_by", "reviewed_by"):
        for i, person_id in enumerate(getattr(review, role)):
            yield (*at, role, i), person_id


def page_people(item: PageContent) -> Iterator[tuple[Location, str]]:
    """Each person's id a page names: its review's, then its own lists (`person_lists`)."""
    yield from review_people(item.review)
    for where, ids in item.person_lists():
        for i, person_id in enumerate(ids):
            yield (*where, i), person_id


def legal_people(clinic: Clinic) -> Iterator[tuple[Location, str]]:
    """Each person's id the reviews of clinic.yml's legal blocks (privacy, accessibility) name."""
    for page in LEGAL_PAGES:
        block = page.block(clinic)
        if block is not None:
            yield from review_people(block.review, (page.key, "review"))


def person_references(content: SiteContent) -> Iterator[tuple[YamlDocument, Location, str]]:
    """Every place a file names a person of clinic.yml by id (not their own `id:`): the one
    list the loader checks and `healthsite rename-person` changes."""
    named = [
        (content.clinic_doc, legal_people(content.clinic)),
        (content.safety_doc, review_people(content.safety.review)),
        *((page.doc, page_people(page.item)) for page in content.all_pages()),
    ]
    for doc, found in named:
        for where, person_id in found:
            written_in, at = doc.origin(where)
            # The library's files name its editors, not the clinic's people.
            if not is_library_file(written_in.file):
                yield written_in, at, person_id


def _unknown_people(
    doc: YamlDocument,
    named: Iterator[tuple[Location, str]],
    clinic: Clinic,
    editors: Sequence[Person] | None = None,
    library_team: Sequence[Person] = (),
) -> list[ContentProblem]:
    """Each id in `named` that is not a person of clinic.yml (with `editors`, for a library
    file: not one of the library's editors; `library_team`, those editors, whom a clinic's own
    copy of a library page still names until the clinic makes its review its own)."""
    team = {person.id for person in library_team}
    people = list(editors) if editors is not None else clinic.people
    ids = [p.id for p in people]
    listed_in = shown_as(LIBRARY_FILE) if editors is not None else "clinic.yml"
    problems = []
    for where, person_id in named:
        if person_id in ids:
            continue
        if person_id in team and editors is None:
            problems.append(
                doc.problem(
                    where,
                    f"'{person_id}' is the healthsite library's team, and this is your clinic's "
                    "own copy of a library page: your clinic answers for what it says now",
                    "name the people of clinic.yml who wrote and reviewed your version, and set "
                    "the review dates: " + ", ".join(ids),
                )
            )
            continue
        problems.append(
            doc.problem(
                where,
                f"no person with the id '{person_id}' in {listed_in}",
                did_you_mean(person_id, ids) + "Use one of: " + ", ".join(ids),
            )
        )
    return problems


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


def _duplicate_page_problems(pages: Sequence[ContentPage[Any]]) -> list[ContentProblem]:
    """Two pages with the same title, menu name or description (a copied file not yet edited)
    would look like one page twice to readers and search engines."""
    problems = []
    for field_name in ("title", "nav_title", "description"):
        first: dict[str, YamlDocument] = {}
        for page in pages:
            doc = page.doc
            value = getattr(page.item, field_name, None)
            if value is None:
                continue
            if value in first:
                problems.append(
                    doc.problem(
                        (field_name,),
                        f"{first[value].file} has the same {field_name}",
                        f"give each {page.kind.label.one} its own {field_name}",
                    )
                )
            else:
                first[value] = doc
    return problems


def _advice_problems(doc: YamlDocument, advice: AdviceList, safety: Safety) -> list[ContentProblem]:
    """Each id of a page's list names an entry of safety.yml, of the kind the list takes."""
    ids = [entry.id for entry in safety.entries]
    problems = []
    for i, ref in enumerate(advice.refs):
        entry = safety.entry(ref.id)
        if entry is not None:
            if advice.only is not None and advice.only is not _kind_of(entry):
                problems.append(doc.problem((*advice.where, i), *_wrong_kind(entry, advice)))
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
                (*advice.where, i),
                f"'{ref.id}' is not an id in safety.yml",
                hint + "ids there: " + ", ".join(ids),
            )
        )
    return problems


def _kind_of(entry: RedFlag | Caution) -> AdviceKind:
    return AdviceKind.WARNING_SIGNS if isinstance(entry, RedFlag) else AdviceKind.CAUTIONS


def _wrong_kind(entry: RedFlag | Caution, advice: AdviceList) -> tuple[str, str]:
    """The message and hint for an entry of the other kind in a list that takes one kind."""
    if isinstance(entry, RedFlag) and entry.on_every_page:
        # Every page's box shows it already: nothing needs to move.
        return (
            f"'{entry.id}' is a warning sign (a red flag in content/safety.yml) that every "
            "page's 'When to see a doctor' box already shows",
            "delete it from this list; the page shows it in its box",
        )
    if advice.only is AdviceKind.CAUTIONS:
        what = "a warning sign (a red flag in content/safety.yml)"
    else:
        what = "a caution (in content/safety.yml), not a warning sign"
    return (
        f"'{entry.id}' is {what}; {advice.other_kind}",
        "a page lists cautions (who should be careful) under cautions, and the warning signs "
        "its 'When to see a doctor' box adds under warning_signs",
    )


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
    return problems + _topic_problems(safety, doc)


def _topic_problems(safety: Safety, doc: YamlDocument) -> list[ContentProblem]:
    """Each topic has its own id and words (a title's word names one topic), and each topic a
    red flag names exists."""
    problems = []
    ids: dict[str, int] = {}
    words: dict[str, str] = {}
    for i, topic in enumerate(safety.topics):
        if topic.id in ids:
            first = doc.position(("topics", ids[topic.id], "id"))
            problems.append(
                doc.problem(
                    ("topics", i, "id"),
                    f"the topic id '{topic.id}' is used twice in safety.yml (first on line "
                    f"{first.line})",
                    "give each topic its own id, or merge the two topics",
                )
            )
        ids.setdefault(topic.id, i)
        for w, word in enumerate(topic.words):
            owner = words.setdefault(normal_words(word), topic.id)
            if owner != topic.id:
                problems.append(
                    doc.problem(
                        ("topics", i, "words", w),
                        f"the word '{word}' is already listed for the topic '{owner}'",
                        "list each word for one topic only",
                    )
                )
    for i, flag in enumerate(safety.red_flags):
        for t, topic_id in enumerate(flag.topics):
            if topic_id in ids:
                continue
            hint = (
                did_you_mean(topic_id, ids) + "Use one of: " + ", ".join(ids)
                if ids
                else "add the topic under 'topics:' at the top of content/safety.yml (its id, "
                "name and words), or leave 'topics' out of this warning sign"
            )
            problems.append(
                doc.problem(
                    ("red_flags", i, "topics", t),
                    f"'{topic_id}' is not the id of a topic in safety.yml",
                    hint,
                )
            )
    return problems


def _page_cross_file_problems(
    page: ContentPage[Any],
    references: dict[str, Reference] | None,
    clinic: Clinic | None,
    safety: Safety | None,
    editors: Sequence[Person],
) -> list[ContentProblem]:
    """Citations, safety advice and people of one page that must exist in other files (each
    checked only once that file is valid)."""
    problems: list[ContentProblem] = []
    if references is not None:
        for where, keys in page.item.citation_lists():
            problems += _unknown_citations(page.doc, keys, references, where)
    if safety is not None:
        for advice in page.item.advice_lists():
            problems += _advice_problems(page.doc, advice, safety)
    if clinic is not None:
        named = editors if is_library_file(page.doc.file_at(("review",))) else None
        problems += _unknown_people(page.doc, page_people(page.item), clinic, named, editors)
    return problems


def _person_location_problems(clinic: Clinic, doc: YamlDocument) -> list[ContentProblem]:
    """Each location a person works at is one of the clinic's (by its id)."""
    ids = [place.id for _, place in clinic.location_list]
    problems = []
    for i, person in enumerate(clinic.people):
        for j, location in enumerate(person.locations):
            if location in ids:
                continue
            hint = (
                "Leave 'locations' out: the clinic has one location, so everyone works there"
                if clinic.locations is None
                else did_you_mean(location, ids)
                + "Use the id of one of your locations: "
                + ", ".join(ids)
            )
            problems.append(
                doc.problem(
                    ("people", i, "locations", j),
                    f"'{location}' is not the id of a location in clinic.yml",
                    hint,
                )
            )
    return problems


def _legal_problems(clinic: Clinic, doc: YamlDocument) -> list[ContentProblem]:
    """What the legal pages need from clinic.yml beyond its schema: reviewers who exist, the
    company that receives online bookings, and how long records are kept where no state law
    says (`healthsite.model.legal.STATE_LAW`)."""
    problems = _unknown_people(doc, legal_people(clinic), clinic)
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
    if clinic.books_online and privacy.booking_provider is None:
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
    unset = [state.name for state in states_served(clinic) if not state.minimum_retention]
    if privacy.kept_for is None and unset:
        problems.append(
            doc.problem(
                ("privacy",),
                "the privacy policy must say how long you keep client records, and no law in "
                f"{listed(unset)} sets a period the page could state for you",
                f"add under 'privacy:' a line such as 'kept_for: {RETENTION_EXAMPLE}' (check "
                "the period with your professional association or insurer)",
                key=True,
            )
        )
    return problems


def _location_problems(clinic: Clinic, doc: YamlDocument) -> list[ContentProblem]:
    """Each location's id names it in the page's markup and its structured data (#location-<id>),
    and readers tell locations apart by name, so neither may repeat."""
    problems = []
    for field_name in ("id", "name"):
        first: dict[str, Location] = {}
        for at, location in clinic.location_list:
            value = getattr(location, field_name)
            if value in first:
                line = doc.position((*first[value], field_name)).line
                problems.append(
                    doc.problem(
                        (*at, field_name),
                        f"two locations have the {field_name} '{value}' (the first on line {line})",
                        f"give each location its own {field_name}",
                    )
                )
            else:
                first[value] = at
    return problems


def _misnamed_files(content_dir: Path, root: Path) -> list[ContentProblem]:
    """An error for each file or folder at the top of content/ that the build would read but for
    the case of its name or a '.yaml' ending (`FAQ.yml`, `clinic.yaml`, `Benefits/`): it would
    otherwise be ignored without a word."""
    files = {CLINIC_FILE, REFERENCES_FILE, SAFETY_FILE}
    files |= {kind.source for kind in CONTENT_TYPES if kind.one_file}
    folders = {kind.source for kind in CONTENT_TYPES if not kind.one_file}
    problems = []
    for path in sorted(content_dir.iterdir()) if content_dir.is_dir() else []:
        wanted = path.name.lower()
        if wanted.endswith(".yaml"):
            wanted = wanted.removesuffix(".yaml") + ".yml"
        known = folders if path.is_dir() else files
        if wanted in known and path.name != wanted:
            problems.append(
                ContentProblem(
                    display_path(path, root),
                    0,
                    0,
                    "",
                    f"the build reads content/{wanted}, not '{path.name}', so this "
                    f"{'folder' if path.is_dir() else 'file'} is not read",
                    f"rename it to {wanted}",
                )
            )
    return problems


def load_content(
    content_dir: Path, root: Path | None = None, *, library: Path | bool | None = True
) -> SiteContent:
    """Load and validate `content_dir`, with the pages it does not have from `library` (True:
    `library.library_dir()`; None or False: none); raise `ContentErrors` listing every
    problem."""
    library_folder = library_dir() if library is True else (library or None)
    collect = _Collector(content_dir, root if root is not None else content_dir.parent, None)
    collect.problems += _misnamed_files(content_dir, collect.root)
    info, choices, choices_doc = _library_setup(collect, library_folder)
    collect.library = library_folder if info is not None else None
    library_editors = info.editors if info is not None else []
    clinic, clinic_doc = collect.model(CLINIC_FILE, Clinic)
    ref_doc = collect.read_source(REFERENCES_FILE)
    references: dict[str, Reference] | None = None
    if ref_doc is not None:
        references, found = validate_references(ref_doc)
        collect.problems.extend(found)
        references = None if found else references
    safety, safety_doc = collect.model(SAFETY_FILE, Safety)
    pages = {kind.name: collect.kind(kind) for kind in CONTENT_TYPES}
    if safety is not None and safety_doc is not None:
        collect.problems += _safety_problems(safety, safety_doc)
        if references is not None:
            for location, keys in safety.citation_lists():
                collect.problems += _unknown_citations(safety_doc, keys, references, location)
        if clinic is not None:  # its review names people, like every page's
            in_library = is_library_file(safety_doc.file_at(("review",)))
            named = library_editors if in_library else None
            collect.problems += _unknown_people(
                safety_doc, review_people(safety.review), clinic, named, library_editors
            )
    if clinic is not None and clinic_doc is not None:
        collect.problems += _legal_problems(clinic, clinic_doc)
        collect.problems += _person_location_problems(clinic, clinic_doc)
        collect.problems += _location_problems(clinic, clinic_doc)
    for kind in CONTENT_TYPES:
        collect.problems += _duplicate_page_problems(pages[kind.name])
        for page in pages[kind.name]:
            collect.problems += kind.own_problems(page)
            collect.problems += _page_cross_file_problems(
                page, references, clinic, safety, library_editors
            )
    missing = any(
        kind.one_file and kind.required and not pages[kind.name] for kind in CONTENT_TYPES
    )
    errors = [p for p in collect.problems if p.severity is Severity.ERROR]
    if (
        errors
        or missing
        or clinic is None
        or clinic_doc is None
        or references is None
        or ref_doc is None
        or safety is None
        or safety_doc is None
    ):
        raise ContentErrors(collect.problems)
    return SiteContent(
        clinic=clinic,
        references=references,
        safety=safety,
        pages=pages,
        clinic_doc=clinic_doc,
        references_doc=ref_doc,
        safety_doc=safety_doc,
        load_warnings=[p for p in collect.problems if p.severity is Severity.WARNING],
        library=info,
        library_dir=collect.library,
        library_choices=choices,
        library_doc=choices_doc,
    )


def _library_setup(
    collect: _Collector, folder: Path | None
) -> tuple[LibraryInfo | None, LibraryChoices, YamlDocument | None]:
    """The library's description, and the site's choices about it (content/library.yml, when
    it has one), with what it turns off checked against the library's pages."""
    info: LibraryInfo | None = None
    if folder is not None:
        doc, found = load_yaml_file(folder / LIBRARY_FILE, folder, shown=shown_as(LIBRARY_FILE))
        collect.problems.extend(found)
        if not found:
            info, invalid = validate_document(doc, LibraryInfo)
            collect.problems.extend(invalid)
    choices, choices_doc = LibraryChoices(), None
    if os.path.lexists(collect.content_dir / LIBRARY_FILE):
        value, choices_doc = collect.model(LIBRARY_FILE, LibraryChoices)
        choices = value or choices
    if choices_doc is not None and folder is not None and info is not None:
        refused = _exclude_problems(choices, choices_doc, folder)
        collect.problems += refused
        # Only what can be turned off is (a message says what to do about the rest).
        pages = set(library_page_ids(folder)) - DATA_FILES
        collect.excluded = {wanted for wanted in choices.exclude if wanted in pages}
    return info, choices, choices_doc


def _exclude_problems(
    choices: LibraryChoices, doc: YamlDocument, folder: Path
) -> list[ContentProblem]:
    """Each id of `exclude` must be a page of the library that a site may turn off."""
    pages = [i for i in library_page_ids(folder) if i not in DATA_FILES]
    problems = []
    for i, wanted in enumerate(choices.exclude):
        if wanted in DATA_FILES:
            problems.append(
                doc.problem(
                    ("exclude", i),
                    f"'{wanted}' is the library's {wanted} data, which every page uses, not a "
                    "page that can be turned off",
                    f"remove '{wanted}' from exclude; to change it, put your own "
                    f"content/{wanted}.yml in its place",
                )
            )
        elif wanted not in pages:
            problems.append(
                doc.problem(
                    ("exclude", i),
                    f"'{wanted}' is not a page of the healthsite library",
                    did_you_mean(wanted, pages) + "Use a page id such as benefits/immunity "
                    "(the library's pages: " + ", ".join(pages) + ")",
                )
            )
    return problems


def _merged_review_problems(merged: YamlDocument, site: YamlDocument) -> list[ContentProblem]:
    """A site's file merged into a library page that has a review: the page then holds the
    clinic's own entries, so its review block must be the clinic's (the library's would say
    the library's team wrote and checked what the clinic wrote)."""
    reviewed = isinstance(merged.data, dict) and "review" in merged.data
    if not reviewed or not is_library_file(merged.file_at(("review",))):
        return []
    return [
        site.problem(
            (),
            "this file changes or adds entries of the library's page, so the page needs a "
            "review block of your own: who at the clinic wrote and reviewed your entries",
            "add 'review:' with last_reviewed, next_review_due, written_by and reviewed_by "
            "(content/README.md, section 6)",
        )
    ]


def _unknown_groups(name: str, library: YamlDocument, site: YamlDocument) -> list[ContentProblem]:
    """A group of a site's faq.yml with an id the library's questions do not have, and no title:
    most likely a library group's id mistyped (a new group of one's own has a title)."""
    if name != "faq.yml" or not isinstance(site.data, dict) or not isinstance(library.data, dict):
        return []
    theirs = [g.get("id") for g in library.data.get("groups") or [] if isinstance(g, dict)]
    known = [str(group_id) for group_id in theirs if group_id]
    problems = []
    for j, group in enumerate(site.data.get("groups") or []):
        if not isinstance(group, dict) or "title" in group or group.get("id") in known:
            continue
        group_id = str(group.get("id", ""))
        problems.append(
            site.problem(
                ("groups", j, "id"),
                f"'{group_id}' is not a group of the library's questions, and a new group of "
                "your own needs a title",
                did_you_mean(group_id, known)
                + "to add questions to a library group, use its id (the groups: "
                + ", ".join(known)
                + "); for a group of your own, add 'title:'",
            )
        )
    return problems


def library_source(doc: YamlDocument) -> YamlDocument | None:
    """The library's file a document comes from: itself, the library's file a site's file was
    merged into, or None for a site's own file."""
    if isinstance(doc, MergedDocument):
        return doc.library
    return doc if is_library_file(doc.file) else None
