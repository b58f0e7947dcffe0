"""The kinds of page made from `content/`, one module each, named for the kind: its model (the
page's fields and what it answers as `PageContent`) and its registry entry (`ContentType`, with
the checks of one page the schema cannot say, `own_problems`).

- `benefit`: benefit pages, `content/benefits/<slug>.yml`, each claim citing research;
- `guide`: guide pages, `content/guides/<slug>.yml`, headed sections citing their sources;
- `faq`: the questions and answers, `content/faq.yml`, in groups;
- `services`: the price list, `content/services.yml`;
- `team`: the team page, `content/team.yml`, showing clinic.yml's people.

A new kind is a module here, a template in `partials/health/`, and its entry registered with
`healthsite.model.registry.CONTENT_TYPES` (see that module).
"""
