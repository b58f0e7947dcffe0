"""The legal pages (a privacy policy and an accessibility statement) and the Australian law they
explain: one place for each fact, so the pages, their structured data and the checks agree.

What the pages say about the clinic's own practice comes from clinic.yml (`clinic.Privacy`,
`clinic.Accessibility`); what they say about the law comes from here. Each fact below was looked
up at the regulator, the statute or the vendor's own documentation; the notes beside them say
where. A clinic still reviews both pages with its adviser: the pages say they were prepared from
a template and when the clinic reviewed them.
"""

from __future__ import annotations

from dataclasses import dataclass

from healthsite.model.clinic import Accessibility, Clinic, OtherCompany, Privacy
from healthsite.model.clinic_locations import AustralianState


@dataclass(frozen=True)
class LegalPage:
    """One generated legal page: where it lives, what it is called, and the clinic.yml block
    (and plugin option) that holds its facts."""

    key: str  # the clinic.yml block and the page kind, "privacy" or "accessibility"
    title: str
    description: str  # 50 to 160 characters, for search engines and share previews
    template: str  # in the theme's partials/health/ (healthsite.render.theme_files)
    option: str  # the healthsite plugin option that turns the page off

    @property
    def source_path(self) -> str:
        """The page's path among MkDocs' files ("privacy.md"), as a content page's, which gives
        its address (`healthsite.model.page_addresses`)."""
        return f"{self.key}.md"

    def block(self, clinic: Clinic) -> Privacy | Accessibility | None:
        """The page's block in clinic.yml (None when the clinic has not written it)."""
        block: Privacy | Accessibility | None = getattr(clinic, self.key)
        return block


PRIVACY = LegalPage(
    key="privacy",
    title="Privacy policy",
    description=(
        "How this clinic collects, keeps and protects your personal and health information, "
        "and how to see it, correct it or complain."
    ),
    template="privacy-page.md",
    option="privacy_page",
)
ACCESSIBILITY = LegalPage(
    key="accessibility",
    title="Accessibility statement",
    description=(
        "How this website is made and tested to be usable by everyone, and how to tell us "
        "about a problem."
    ),
    template="accessibility-page.md",
    option="accessibility_page",
)
# In the order of the footer links. With the pages of `healthsite.model.registry.CONTENT_TYPES`,
# every page the build makes (`SiteContent.generated_pages`).
LEGAL_PAGES: tuple[LegalPage, ...] = (PRIVACY, ACCESSIBILITY)
ALL_LEGAL_PAGES = frozenset(page.key for page in LEGAL_PAGES)


def legal_pages_among(keys: frozenset[str]) -> list[LegalPage]:
    """The legal pages among `keys` (the ones a site publishes), in the order of the footer."""
    return [page for page in LEGAL_PAGES if page.key in keys]


@dataclass(frozen=True)
class Body:
    """A complaints body: its name, the page to start from, and what it deals with (finishing
    the sentence "... deals with complaints about ...")."""

    name: str
    url: str
    handles: str


@dataclass(frozen=True)
class StateLaw:
    name: str
    # A state law that also protects health information held by private health services.
    health_records_act: str | None
    # Whether that law sets a minimum time to keep records (see MINIMUM_RETENTION).
    minimum_retention: bool
    complaints: tuple[Body, ...]


# OAIC, "Privacy in your state": in NSW, Victoria and the ACT private health services must comply
# with both the Privacy Act and the state or territory law; elsewhere only the Privacy Act
# applies to them. Each body's remit was read on its own website.
STATE_LAW: dict[AustralianState, StateLaw] = {
    AustralianState.NSW: StateLaw(
        name="New South Wales",
        health_records_act="Health Records and Information Privacy Act 2002 (NSW)",
        minimum_retention=True,
        complaints=(
            Body(
                "the NSW Privacy Commissioner (Information and Privacy Commission NSW)",
                "https://www.ipc.nsw.gov.au/",
                "how a private health service handles your health information",
            ),
            Body(
                "the Health Care Complaints Commission",
                "https://www.hccc.nsw.gov.au/",
                "health services, including massage therapists",
            ),
        ),
    ),
    AustralianState.VIC: StateLaw(
        name="Victoria",
        health_records_act="Health Records Act 2001 (Vic)",
        minimum_retention=True,
        complaints=(
            Body(
                "the Health Complaints Commissioner",
                "https://hcc.vic.gov.au/",
                "health services, including massage therapists, and the handling of health "
                "information",
            ),
        ),
    ),
    AustralianState.ACT: StateLaw(
        name="the Australian Capital Territory",
        health_records_act="Health Records (Privacy and Access) Act 1997 (ACT)",
        minimum_retention=True,
        complaints=(
            Body(
                "the ACT Human Rights Commission",
                "https://hrc.act.gov.au/health/",
                "health services and health records in the ACT",
            ),
        ),
    ),
    AustralianState.QLD: StateLaw(
        name="Queensland",
        health_records_act=None,
        minimum_retention=False,
        complaints=(
            Body(
                "the Office of the Health Ombudsman",
                "https://www.oho.qld.gov.au/",
                "health services, including unregistered health practitioners",
            ),
        ),
    ),
    AustralianState.WA: StateLaw(
        name="Western Australia",
        health_records_act=None,
        minimum_retention=False,
        complaints=(
            Body(
                "the Health and Disability Services Complaints Office",
                "https://hadsco.wa.gov.au/",
                "health services in Western Australia",
            ),
        ),
    ),
    AustralianState.SA: StateLaw(
        name="South Australia",
        health_records_act=None,
        minimum_retention=False,
        complaints=(
            Body(
                "the Health and Community Services Complaints Commissioner",
                "https://www.hcscc.sa.gov.au/",
                "health services, including unregistered practitioners such as massage therapists",
            ),
        ),
    ),
    AustralianState.TAS: StateLaw(
        name="Tasmania",
        health_records_act=None,
        minimum_retention=False,
        complaints=(
            Body(
                "the Health Complaints Commissioner Tasmania",
                "https://www.healthcomplaints.tas.gov.au/",
                "health services in Tasmania, including massage",
            ),
        ),
    ),
    AustralianState.NT: StateLaw(
        name="the Northern Territory",
        health_records_act=None,
        minimum_retention=False,
        complaints=(
            Body(
                "the Health and Community Services Complaints Commission",
                "https://hcscc.nt.gov.au/",
                "health services, including massage therapists",
            ),
        ),
    ),
}


def states_served(clinic: Clinic) -> list[StateLaw]:
    """The law of each state or territory the clinic has a location in, once each, in the order
    of the locations: the privacy policy names every one (a clinic in Victoria and New South
    Wales is bound by both states' health records laws)."""
    states = dict.fromkeys(place.address.state for _, place in clinic.location_list)
    return [STATE_LAW[state] for state in states]


# The minimum time the NSW, Victorian and ACT laws set for private health services to keep
# records: 7 years after the last service (ACT: the last entry) for an adult; for someone under
# 18, until they turn 25. Shown when a clinic in those places does not write its own `kept_for`.
MINIMUM_RETENTION = (
    "at least 7 years after your last visit. If you were under 18 at the time, we keep them at "
    "least until you turn 25"
)
# What the loader suggests to a clinic elsewhere, where no state law sets a period.
RETENTION_EXAMPLE = (
    "at least 7 years after your last visit, or until you turn 25 if you were under 18"
)

# OAIC: a complaint goes to the organisation first; "if they don't respond to your complaint
# within 30 days or you're not happy with their response, you can lodge a complaint with us",
# in writing, free. Phone number as printed on OAIC correspondence.
OAIC = Body(
    "the Office of the Australian Information Commissioner (OAIC)",
    "https://www.oaic.gov.au/privacy/privacy-complaints",
    "how organisations handle personal information",
)
OAIC_PHONE = "1300 363 992"
# APP 12 and 13: a reply "within a reasonable period"; the OAIC says generally 30 days. The NSW
# and Victorian health records laws allow private providers at most 45 days for access, so a
# 30-day promise meets all three.
REPLY_DAYS = 30

# The Disability Discrimination Act 1992 (Cth) covers the provision of goods and services; the
# Australian Human Rights Commission takes complaints under it, free and in writing.
AHRC = Body(
    "the Australian Human Rights Commission",
    "https://humanrights.gov.au/complaints",
    "disability discrimination, under the Disability Discrimination Act 1992 (Cth)",
)
AHRC_PHONE = "1300 656 419"
WCAG = "the Web Content Accessibility Guidelines (WCAG) 2.2, level AA"

# Where this project deploys (a site's README, "Deploy"). GitHub's "About GitHub
# Pages", section "Data collection": "When a GitHub Pages site is visited, the visitor's IP
# address is logged and stored for security purposes, regardless of whether the visitor has
# signed into GitHub or not."
GITHUB_PAGES = OtherCompany(
    name="GitHub Pages",
    privacy_url=(
        "https://docs.github.com/en/site-policy/privacy-policies/github-general-privacy-statement"
    ),
)
GITHUB_PAGES_DATA_COLLECTION = (
    "https://docs.github.com/en/pages/getting-started-with-github-pages/about-github-pages"
    "#data-collection"
)

# What the site keeps in the reader's browser: Material for MkDocs (9.8.1) writes the colour
# scheme under "<site path>.__palette" in localStorage on every page load, and nothing else with
# this project's configuration; no page sets a cookie. The privacy page says so, and the site
# checks (healthsite.site_checks) fail if a page stores anything else.
BROWSER_STORAGE_KEYS = ("__palette",)


@dataclass(frozen=True)
class WebsiteFacts:
    """What the privacy policy says about the site's own search, from mkdocs.yml: whether there
    is a search box, and whether Material's `search.highlight` feature puts the searched words
    into the address of the result a reader opens (`?h=...`, read from Material's source), where
    the web host receives them."""

    search: bool = True
    search_terms_in_address: bool = True


def default_collects(clinic: Clinic) -> list[str]:
    """What a massage clinic usually collects at appointments, worded for this clinic's
    clinic.yml (health fund details only with a HICAPS terminal). A clinic replaces the list
    with `privacy.collects`."""
    items = [
        "your name, date of birth and contact details",
        "your health history, the medicines you take and the reason for your visit",
        "the notes your therapist writes at each treatment",
    ]
    if clinic.health_funds.hicaps:
        items.append("your health fund details, when you claim on the spot with HICAPS")
    items.append("a record of what you paid")
    return items


def website_host(clinic: Clinic) -> OtherCompany:
    """Who hosts the website: GitHub Pages unless clinic.yml names another host."""
    host = clinic.privacy.website_host if clinic.privacy else None
    if host is None or " ".join(host.name.lower().split()) == "github pages":
        return GITHUB_PAGES
    return host
