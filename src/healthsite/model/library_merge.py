"""A site's own `faq.yml`, `safety.yml` or `references.yml` merged into the library's file of the
same name, entry by entry, rather than replacing it (`healthsite.model.library`):

- `faq.yml`: a question with the id of a library question replaces that question; a group with
  the id of a library group adds its new questions to it (and its `title`, if given, replaces
  the group's); any other group or question is added after the library's;
- `safety.yml`: a warning sign (`red_flags`) or caution with the id of a library one replaces
  it; others are added;
- `references.yml`: a reference with the key of a library one replaces it; others are added;
- any other top-level field the site's file gives (`title`, `intro`, `review`, ...) replaces the
  library's.

So a clinic changes one answer, or adds its own questions, and keeps every other entry current
with the library. The merged data is one `MergedDocument`: each entry is located, and reported,
in the file it came from.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from healthsite.source.yaml_source import Location, MergedDocument, YamlDocument


@dataclass(frozen=True)
class ListRule:
    """How a list of entries merges: by the value of `id_field`; an entry of the same id is
    merged field by field when `fields` is given (with these rules for its own lists), and
    replaced whole otherwise."""

    id_field: str = "id"
    fields: dict[str, ListRule] | None = None


# Each mergeable file, with the rules of its lists (a mapping file merges by key).
MERGED_FILES: dict[str, dict[str, ListRule]] = {
    "faq.yml": {"groups": ListRule(fields={"questions": ListRule()})},
    "safety.yml": {"red_flags": ListRule(), "cautions": ListRule()},
    "references.yml": {},
}


@dataclass
class _Merge:
    library: YamlDocument
    site: YamlDocument
    routes: dict[Location, tuple[YamlDocument, Location]] = field(default_factory=dict)

    def take(self, doc: YamlDocument, at: Location, to: Location, value: Any) -> Any:
        self.routes[to] = (doc, at)
        return value

    def mapping(
        self,
        ours: dict[str, Any],
        theirs: dict[str, Any],
        at: tuple[Location, Location, Location],
        rules: dict[str, ListRule],
    ) -> dict[str, Any]:
        """`theirs` (the library's, at at[0]) with `ours` (the site's, at at[1]) merged in, at
        at[2] in the result."""
        library_at, site_at, to = at
        merged: dict[str, Any] = {}
        for key, value in theirs.items():
            if key not in ours:
                merged[key] = self.take(self.library, (*library_at, key), (*to, key), value)
            elif key in rules and isinstance(value, list) and isinstance(ours[key], list):
                places = ((*library_at, key), (*site_at, key), (*to, key))
                merged[key] = self.entries(ours[key], value, places, rules[key])
            else:
                merged[key] = self.take(self.site, (*site_at, key), (*to, key), ours[key])
        for key, value in ours.items():
            if key not in theirs:
                merged[key] = self.take(self.site, (*site_at, key), (*to, key), value)
        return merged

    def entries(
        self,
        ours: list[Any],
        theirs: list[Any],
        at: tuple[Location, Location, Location],
        rule: ListRule,
    ) -> list[Any]:
        library_at, site_at, to = at
        mine = {
            entry[rule.id_field]: (j, entry)
            for j, entry in enumerate(ours)
            if isinstance(entry, dict) and isinstance(entry.get(rule.id_field), str)
        }
        merged: list[Any] = []
        used: set[int] = set()
        for i, entry in enumerate(theirs):
            place = (*to, len(merged))
            entry_id = entry.get(rule.id_field) if isinstance(entry, dict) else None
            if entry_id not in mine:
                merged.append(self.take(self.library, (*library_at, i), place, entry))
                continue
            j, own = mine[entry_id]
            used.add(j)
            if rule.fields is None:
                merged.append(self.take(self.site, (*site_at, j), place, own))
            else:
                self.routes[place] = (self.library, (*library_at, i))
                places = ((*library_at, i), (*site_at, j), place)
                merged.append(self.mapping(own, entry, places, rule.fields))
        for j, own in enumerate(ours):
            if j not in used:
                merged.append(self.take(self.site, (*site_at, j), (*to, len(merged)), own))
        return merged


def merge_with_library(name: str, library: YamlDocument, site: YamlDocument) -> YamlDocument:
    """The site's file `name` merged into the library's (see the module docstring); the site's
    file as it is when either is not a mapping (its validation then says what is wrong)."""
    if not isinstance(library.data, dict) or not isinstance(site.data, dict):
        return site
    merge = _Merge(library, site)
    data = merge.mapping(site.data, library.data, ((), (), ()), MERGED_FILES[name])
    return MergedDocument(
        file=site.file,
        data=data,
        text=library.text,
        base=site,
        routes=merge.routes,
        library=library,
    )
