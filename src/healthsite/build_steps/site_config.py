"""mkdocs.yml read as plain data, without MkDocs, and written back for another builder (what
the checks need of it, the adapter reads into `rules.project_check.Project`).

A tag this reader does not run (`!ENV`, `!relative`, `!!python/name:…`, which MkDocs' own
loader resolves) is kept as a `Tagged` value and written back as it was, so a copy of the file
keeps it for the builder that reads the copy. Nothing is constructed from a tag, so reading the
file runs no code. What is read here has already been checked by `healthsite check`, which reads
the same file through MkDocs (duplicate keys: `rules.config_file`).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from healthsite.source.errors import display_path

CONFIG_FILE = "mkdocs.yml"
PLUGIN = "healthsite"


class SiteConfigError(ValueError):
    """mkdocs.yml cannot be read; the message names the file and what to do."""


@dataclass(frozen=True)
class Tagged:
    """A value written with a tag (`!ENV [SITE_URL]`), kept to be written back unchanged."""

    tag: str
    value: Any


class _Reader(yaml.SafeLoader):
    pass


class _Writer(yaml.SafeDumper):
    pass


def _keep_tag(loader: _Reader, suffix: str, node: yaml.Node, *, prefix: str) -> Tagged:
    value: Any
    if isinstance(node, yaml.ScalarNode):
        value = loader.construct_scalar(node)
    elif isinstance(node, yaml.SequenceNode):
        value = loader.construct_sequence(node, deep=True)
    else:
        value = loader.construct_mapping(node, deep=True)  # type: ignore[arg-type]
    return Tagged(prefix + suffix, value)


def _write_tag(writer: _Writer, data: Tagged) -> yaml.Node:
    if isinstance(data.value, list):
        return writer.represent_sequence(data.tag, data.value)
    if isinstance(data.value, dict):
        return writer.represent_mapping(data.tag, data.value)
    return writer.represent_scalar(data.tag, str(data.value))


for _prefix in ("!", "tag:yaml.org,2002:python/"):
    _Reader.add_multi_constructor(
        _prefix,
        lambda loader, suffix, node, prefix=_prefix: _keep_tag(loader, suffix, node, prefix=prefix),
    )
_Writer.add_representer(Tagged, _write_tag)


def plugin_name(entry: Any) -> str:
    """The name of one entry of `plugins:` (`- search` or `- healthsite: {…}`)."""
    if isinstance(entry, Mapping):
        return str(next(iter(entry), ""))
    return str(entry)


@dataclass(frozen=True)
class SiteConfig:
    """mkdocs.yml as data: `settings` is the whole file, each value as written."""

    path: Path
    settings: dict[str, Any]

    @property
    def theme(self) -> dict[str, Any]:
        theme = self.settings.get("theme")
        if isinstance(theme, str):
            return {"name": theme}
        return dict(theme) if isinstance(theme, Mapping) else {}

    @property
    def plugin_names(self) -> list[str]:
        return [plugin_name(entry) for entry in self.settings.get("plugins") or []]

    def plugin_options(self, name: str) -> dict[str, Any]:
        """The options mkdocs.yml gives the plugin `name` ({} when it lists it without)."""
        for entry in self.settings.get("plugins") or []:
            if plugin_name(entry) == name:
                options = entry[name] if isinstance(entry, Mapping) else None
                return dict(options) if isinstance(options, Mapping) else {}
        raise SiteConfigError(
            f"{display_path(self.path, self.path.parent)} does not list the '{name}' plugin"
        )

    @property
    def healthsite(self) -> dict[str, Any]:
        """The healthsite plugin's options as written (its defaults are the plugin's)."""
        return self.plugin_options(PLUGIN)


def read_site_config(path: Path) -> SiteConfig:
    """mkdocs.yml at `path` as data. Raises SiteConfigError when it cannot be read."""
    shown = display_path(path, path.parent)
    try:
        settings = yaml.load(path.read_text(encoding="utf-8"), Loader=_Reader)  # noqa: S506 - a SafeLoader
    except (OSError, UnicodeDecodeError) as exc:
        raise SiteConfigError(f"cannot read {shown} ({exc})") from None
    except yaml.YAMLError as exc:
        raise SiteConfigError(
            f"{shown} is not valid YAML ({exc}); run `healthsite check`, which says where"
        ) from None
    if not isinstance(settings, dict):
        raise SiteConfigError(
            f"{shown} holds no settings (it must be a mapping of names to values)"
        )
    return SiteConfig(path, settings)


def site_config_text(settings: Mapping[str, Any]) -> str:
    """`settings` as the text of an mkdocs.yml, tagged values written back with their tags."""
    return yaml.dump(dict(settings), Dumper=_Writer, allow_unicode=True, sort_keys=False)
