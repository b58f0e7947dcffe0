"""healthsite: build trustworthy health-information websites for massage clinics from YAML.

The package is layered; each layer imports only the layers below it (import-linter enforces it:
`[tool.importlinter]` in pyproject.toml):

- `commands`: what a person runs (`healthsite check`, `build`, `new`, `sign-off`, ...);
- `adapters.mkdocs`: the MkDocs plugin, macros and preview, the only code that knows MkDocs;
- `build_steps`: the core's work as steps before and after a site builder that runs no plugin of
  ours (a plain project written for it; the finished HTML's policy and last touches);
- `rules`: the health-content and project rules every check runs;
- `render`: content to page sources, HTML fragments, structured data, images and share images;
- `model`: the content's schema, the registry of page kinds, the loader and the library;
- `source`: reading the project's files with positions, problems and their messages.

Data that ships with the engine sits beside them: `theme/`, `library/`, `fonts/`, `scaffold/`.
"""

from pathlib import Path

# The installed package's folder, where the data folders above are.
PACKAGE_DIR = Path(__file__).resolve().parent
