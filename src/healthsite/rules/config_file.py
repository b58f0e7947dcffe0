"""mkdocs.yml is held to the rule content files are (`yaml_source`): a key written twice in one
block is an error, where YAML keeps the last one without a word (a second `logo:` line, pasted
below the first, silently won). Read as YAML nodes only (nothing is constructed, so no tag runs
code), in one pass over the file."""

from __future__ import annotations

from pathlib import Path

import yaml

from healthsite.source.errors import ContentProblem, display_path

MAX_FINDINGS = 20


def check_config_file(path: Path, root: Path) -> list[ContentProblem]:
    """An error for each key written twice in the same block of `path` (mkdocs.yml)."""
    try:
        document = yaml.compose(path.read_text(encoding="utf-8"), Loader=yaml.SafeLoader)
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        return []  # MkDocs itself reports a file it cannot read
    shown = display_path(path, root)
    problems: list[ContentProblem] = []
    pending: list[yaml.Node] = [document] if document is not None else []
    seen_nodes: set[int] = set()
    while pending and len(problems) < MAX_FINDINGS:
        node = pending.pop()
        if id(node) in seen_nodes:  # an alias of a node already walked
            continue
        seen_nodes.add(id(node))
        if isinstance(node, yaml.MappingNode):
            first: dict[str, int] = {}
            for key, value in node.value:
                pending.append(value)
                if not isinstance(key, yaml.ScalarNode):
                    continue
                line = key.start_mark.line + 1
                if key.value in first:
                    problems.append(
                        ContentProblem(
                            shown,
                            line,
                            key.start_mark.column + 1,
                            key.value,
                            f"'{key.value}' is written twice in the same block (first on line "
                            f"{first[key.value]}); YAML would silently keep only the last one",
                            f"keep one '{key.value}:' and delete the other",
                        )
                    )
                else:
                    first[key.value] = line
        elif isinstance(node, yaml.SequenceNode):
            pending.extend(node.value)
    return sorted(problems, key=lambda p: p.line)
