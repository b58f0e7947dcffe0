"""What clinic staff see when they get content wrong: one row per mistake, the exact message.

Each row edits one file of a known-good content folder (tests/fixtures/content) and pins the
whole message: file, line, column, field, what is wrong and how to fix it.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml

from healthsite.commands.cli import main as healthsite
from healthsite.model.clinic import Clinic
from healthsite.model.kinds.benefit import BENEFITS
from healthsite.model.kinds.guide import GUIDES
from healthsite.model.loader import load_content
from healthsite.source.errors import ContentErrors

from .conftest import FIXTURE_CONTENT, copy_project

STRESS = (FIXTURE_CONTENT / "benefits" / "stress.yml").read_text(encoding="utf-8")
CLINIC = (FIXTURE_CONTENT / "clinic.yml").read_text(encoding="utf-8")
FAQ = (FIXTURE_CONTENT / "faq.yml").read_text(encoding="utf-8")
REFS = (FIXTURE_CONTENT / "references.yml").read_text(encoding="utf-8")
BOOKING_PROVIDER = (
    "  booking_provider:\n    name: Example Bookings\n"
    "    privacy_url: https://bookings.example.com/privacy\n"
)


def edited(text: str, old: str, new: str) -> str:
    assert old in text, f"fixture no longer contains {old!r}"
    return text.replace(old, new, 1)


def content_folder(tmp_path: Path, file: str, text: str | bytes) -> Path:
    shutil.copytree(FIXTURE_CONTENT, tmp_path / "content")
    target = tmp_path / "content" / file
    if isinstance(text, bytes):
        target.write_bytes(text)
    else:
        target.write_text(text, encoding="utf-8")
    return tmp_path / "content"


def problems_for(tmp_path: Path, file: str, text: str | bytes) -> str:
    with pytest.raises(ContentErrors) as caught:
        load_content(content_folder(tmp_path, file, text), tmp_path)
    return caught.value.format()


CASES: list[tuple[str, str, str | bytes, str]] = [
    (
        "misspelt field gets a did-you-mean and no second 'missing' error",
        "benefits/stress.yml",
        edited(STRESS, "summary:", "sumary:"),
        "content/benefits/stress.yml:5:1: error in 'sumary': unknown field 'sumary'\n"
        "    How to fix: did you mean 'summary'? Fields allowed here: title, nav_title, order, "
        "description, summary, research, session, cautions, warning_signs, review",
    ),
    (
        "missing required field",
        "benefits/stress.yml",
        edited(STRESS, "session: |-", "sessions: |-"),
        "content/benefits/stress.yml:17:1: error in 'sessions': unknown field 'sessions'\n"
        "    How to fix: did you mean 'session'? Fields allowed here: title, nav_title, order, "
        "description, summary, research, session, cautions, warning_signs, review",
    ),
    (
        "misspelt choice",
        "benefits/stress.yml",
        edited(
            STRESS,
            "strength: moderate\n    strength_note: many",
            "strength: moderat\n    strength_note: many",
        ),
        "content/benefits/stress.yml:10:15: error in 'research[0].strength': 'moderat' is not one "
        "of the allowed values\n"
        "    How to fix: did you mean 'moderate'? Write one of: very low, low, moderate, high",
    ),
    (
        "duplicate key is an error, not silently the last value",
        "benefits/stress.yml",
        edited(STRESS, "order: 10\n", "order: 10\norder: 11\n"),
        "content/benefits/stress.yml:4:1: error in 'order': 'order' is written twice in the same "
        "block (first on line 3); YAML would silently keep only one\n"
        "    How to fix: keep one 'order:' and delete or rename the other",
    ),
    (
        "vague time",
        "clinic.yml",
        edited(CLINIC, 'opens: "09:00"\n    closes: "18:00"', 'opens: 9am\n    closes: "18:00"'),
        "content/clinic.yml:20:12: error in 'opening_hours[0].opens': write the time as HH:MM on "
        'a 24-hour clock, for example "17:30"',
    ),
    (
        "closing before opening",
        "clinic.yml",
        edited(CLINIC, 'closes: "18:00"', 'closes: "08:00"'),
        "content/clinic.yml:19:5: error in 'opening_hours[0]': 'closes' must be later than "
        "'opens' on a 24-hour clock",
    ),
    (
        "tab indentation",
        "benefits/stress.yml",
        edited(STRESS, "  - pregnancy", "\t- pregnancy"),
        "content/benefits/stress.yml:24:1: error: a tab is used for indentation; YAML allows only "
        "spaces\n    How to fix: replace the tab at the start of this line with spaces",
    ),
    (
        "empty file",
        "benefits/stress.yml",
        "",
        "content/benefits/stress.yml:1:1: error: the file is empty\n"
        "    How to fix: fill in the fields (see content/README.md), or delete the file",
    ),
    (
        "a list where a mapping is expected",
        "benefits/stress.yml",
        "- title: x\n- order: 1\n",
        "content/benefits/stress.yml:1:1: error: expected a block of 'field: value' lines here, "
        "but found a list ('- ' items)\n    How to fix: remove the '- ' in front of the fields",
    ),
    (
        "not UTF-8 (Windows-1252 curly quote)",
        "benefits/stress.yml",
        edited(STRESS, "Gentle, slow strokes", "Gentle \u201cslow\u201d strokes").encode("cp1252"),
        "content/benefits/stress.yml:20:12: error: the file is not valid UTF-8 (byte 0x93 here, "
        "often a curly quote or dash pasted from Word in another encoding)\n"
        "    How to fix: save the file with the encoding 'UTF-8', then check this character",
    ),
    (
        "UTF-16 file",
        "benefits/stress.yml",
        STRESS.encode("utf-16"),
        "content/benefits/stress.yml:1:1: error: the file is saved as UTF-16, not UTF-8\n"
        "    How to fix: save it again with the encoding 'UTF-8'",
    ),
    (
        "unknown citation key",
        "benefits/stress.yml",
        edited(STRESS, "citations: [moyer2004]", "citations: [moyer2040]"),
        "content/benefits/stress.yml:12:17: error in 'research[0].citations[0]': the citation "
        "'moyer2040' is not in references.yml\n"
        "    How to fix: did you mean 'moyer2004'? Add the reference to content/references.yml or "
        "fix the key",
    ),
    (
        "unknown reviewer",
        "benefits/stress.yml",
        edited(STRESS, "reviewed_by: [sam]", "reviewed_by: [samm]"),
        "content/benefits/stress.yml:29:17: error in 'review.reviewed_by[0]': no person with the "
        "id 'samm' in clinic.yml\n    How to fix: did you mean 'sam'? Use one of: alex, sam",
    ),
    (
        "malformed DOI",
        "references.yml",
        edited(REFS, "doi: 10.1037/0033-2909.130.1.3", "doi: 1037/0033"),
        "content/references.yml:8:8: error in 'moyer2004.doi': a DOI looks like "
        "10.1037/0033-2909.130.1.3",
    ),
    (
        "reference without DOI, PMID or URL",
        "references.yml",
        edited(REFS, "  doi: 10.1037/0033-2909.130.1.3\n", ""),
        "content/references.yml:2:3: error in 'moyer2004': a reference needs a 'doi', a 'pmid' "
        "or (for a guideline) a 'url'",
    ),
    (
        "http booking link",
        "clinic.yml",
        edited(
            CLINIC,
            "booking_url: https://bookings.example.com/book",
            "booking_url: http://bookings.example.com/book",
        ),
        "content/clinic.yml:17:14: error in 'booking_url': the address must start with 'https:', "
        "for example https://…",
    ),
    (
        "javascript: booking link",
        "clinic.yml",
        edited(
            CLINIC,
            "booking_url: https://bookings.example.com/book",
            "booking_url: javascript:alert(1)",
        ),
        "content/clinic.yml:17:14: error in 'booking_url': the address must start with 'https:', "
        "for example https://…",
    ),
    (
        "theme colour that neither white nor dark text can be read on",
        "clinic.yml",
        edited(CLINIC, 'primary_colour: "#1f6f5c"', 'primary_colour: "#777777"'),
        "content/clinic.yml:43:19: error in 'theme.primary_colour': neither white text (4.48:1) "
        "nor dark text (3.60:1) is easy to read on #777777 (text needs a contrast of at least "
        '4.5:1); the nearest shade that works is "#767676"',
    ),
    (
        "unquoted colour is read as a comment",
        "clinic.yml",
        edited(CLINIC, 'primary_colour: "#1f6f5c"', "primary_colour: #1f6f5c"),
        "content/clinic.yml:43:18: error in 'theme.primary_colour': this field has no value\n"
        "    How to fix: write a value after the ':'; a value that starts with '#' (such as a "
        'colour) must be in double quotes, for example "#1f6f5c"',
    ),
    (
        "HTML in a title",
        "benefits/stress.yml",
        edited(
            STRESS, "title: Massage for stress and worry", "title: Stress <script>alert(1)</script>"
        ),
        "content/benefits/stress.yml:1:8: error in 'title': '<' and '>' are not allowed here "
        "(HTML cannot be used in titles or descriptions)",
    ),
    (
        "unquoted colon in a value",
        "benefits/stress.yml",
        edited(STRESS, "title: Massage for stress and worry", "title: Massage: stress and worry"),
        "content/benefits/stress.yml:1:15: error: a ': ' (colon and space) inside a value "
        "confuses YAML\n"
        '    How to fix: put the whole value in double quotes, for example: title: "Massage: what '
        'to expect"; or, if this line is a new field, line it up with the fields above it',
    ),
    (
        "a quote that is never closed is found where it opens",
        "benefits/stress.yml",
        edited(
            STRESS, "title: Massage for stress and worry", 'title: "Massage for stress and worry'
        ),
        "content/benefits/stress.yml:1:8: error: this quote is opened but never closed\n"
        "    How to fix: add the closing quote at the end of the value",
    ),
    (
        "no space after the colon",
        "benefits/stress.yml",
        edited(STRESS, "order: 10", "order:10"),
        "content/benefits/stress.yml:3:1: error: YAML expected 'field: value' here\n"
        "    How to fix: put ': ' (a colon and a space) between the field name and its value",
    ),
    (
        "a number where text is expected",
        "faq.yml",
        edited(FAQ, "question: How long is a session?", "question: 60"),
        "content/faq.yml:12:19: error in 'groups[0].questions[1].question': YAML read this as the "
        'number 60 but text is expected\n    How to fix: put it in double quotes: "60"',
    ),
    (
        "a date in another format",
        "benefits/stress.yml",
        edited(STRESS, "last_reviewed: 2026-11-20", "last_reviewed: 20/11/2026"),
        "content/benefits/stress.yml:26:18: error in 'review.last_reviewed': '20/11/2026' is not "
        "a date\n    How to fix: write the date as YYYY-MM-DD, for example 2026-11-25",
    ),
    (
        "state written out",
        "clinic.yml",
        edited(CLINIC, "state: NSW", "state: New South Wales"),
        "content/clinic.yml:15:10: error in 'address.state': 'New South Wales' is not one of the "
        "allowed values\n    How to fix: Write one of: NSW, VIC, QLD, WA, SA, TAS, ACT, NT",
    ),
    (
        "state in lower case",
        "clinic.yml",
        edited(CLINIC, "state: NSW", "state: Nsw"),
        "content/clinic.yml:15:10: error in 'address.state': 'Nsw' is not one of the allowed "
        "values\n    How to fix: did you mean 'NSW'? Write one of: NSW, VIC, QLD, WA, SA, TAS, "
        "ACT, NT",
    ),
    (
        "a word where a number is expected",
        "benefits/stress.yml",
        edited(STRESS, "order: 10", "order: ten"),
        "content/benefits/stress.yml:3:8: error in 'order': 'ten' is not a whole number\n"
        "    How to fix: write digits only, for example 20",
    ),
    (
        "a colour without its #",
        "clinic.yml",
        edited(CLINIC, 'primary_colour: "#1f6f5c"', 'primary_colour: "1f6f5c"'),
        "content/clinic.yml:43:19: error in 'theme.primary_colour': '1f6f5c' is not a colour\n"
        "    How to fix: write a colour as # and six hex digits, in double quotes, for example "
        '"#1f6f5c"',
    ),
    (
        "anchors and aliases are refused (no alias bombs)",
        "faq.yml",
        "a: &a [x, x]\nb: &b [*a, *a]\n",
        "content/faq.yml:1:4: error: anchors and aliases (& and *) are not allowed in content "
        "files\n    How to fix: write the text out in full instead of using & and *; a value "
        "that starts with '*' or '&' (such as *bold* text) must be in double quotes",
    ),
    (
        "unquoted Markdown emphasis looks like an alias",
        "faq.yml",
        edited(FAQ, "answer: Most sessions last 30 to 60 minutes.", "answer: *Usually* an hour."),
        "content/faq.yml:13:25: error: a value that starts with '*' or '&' confuses YAML\n"
        '    How to fix: put the whole value in double quotes, for example: answer: "*Usually* '
        'an hour."',
    ),
    (
        "a quote in a web address (it would break out of an HTML attribute)",
        "clinic.yml",
        edited(CLINIC, "site_url: https://example.org/", "site_url: 'https://example.org/\"><x'"),
        "content/clinic.yml:9:11: error in 'site_url': the address contains characters a web "
        'address cannot hold: " < >',
    ),
    (
        "the same question id twice",
        "faq.yml",
        edited(FAQ, "id: how-long", "id: what-to-wear"),
        "content/faq.yml:11:13: error in 'groups[0].questions[1].id': the id 'what-to-wear' is "
        "used twice\n    How to fix: give each group and question its own id",
    ),
    (
        "a question id the page uses for its own heading",
        "faq.yml",
        edited(FAQ, "id: how-long", "id: sources"),
        "content/faq.yml:11:13: error in 'groups[0].questions[1].id': the id 'sources' is used "
        "by the page itself\n    How to fix: give each group and question its own id",
    ),
    (
        "a question id the page uses as a source's anchor",
        "faq.yml",
        edited(FAQ, "id: how-long", "id: ref-moyer2004"),
        "content/faq.yml:11:13: error in 'groups[0].questions[1].id': the id 'ref-moyer2004' is "
        "used by the page itself\n    How to fix: give each group and question its own id",
    ),
    (
        "a misspelt reference field gives one error, not two",
        "references.yml",
        edited(REFS, "  authors: Moyer CA", "  autors: Moyer CA"),
        "content/references.yml:2:3: error in 'moyer2004.autors': unknown field 'autors'\n"
        "    How to fix: did you mean 'authors'? Fields allowed here: authors, year, title, "
        "source, details, kind, doi, pmid, url",
    ),
    (
        "question anchor that is not a page address",
        "faq.yml",
        edited(FAQ, "id: what-to-wear", "id: What To Wear"),
        "content/faq.yml:8:13: error in 'groups[0].questions[0].id': 'What To Wear' is not a "
        "valid page address\n    How to fix: use lower-case letters, digits and single hyphens, "
        "for example 'before-you-come'",
    ),
    (
        "text where a list is expected",
        "benefits/stress.yml",
        edited(
            STRESS,
            "cautions:\n  - blood-thinners\n  - pregnancy",
            "cautions: pregnancy",
        ),
        "content/benefits/stress.yml:22:11: error in 'cautions': expected a list here, with each "
        "item on its own line starting with '- '\n"
        "    How to fix: write it as:\n      - first item\n      - second item",
    ),
    (
        "empty citation list",
        "benefits/stress.yml",
        edited(STRESS, "citations: [moyer2004]", "citations: []"),
        "content/benefits/stress.yml:12:16: error in 'research[0].citations': this list is empty\n"
        "    How to fix: add at least one item on a line starting with '- '",
    ),
    (
        "description too long for search results",
        "benefits/stress.yml",
        edited(STRESS, "description: What", "description: " + "Very long. " * 20 + "What"),
        "content/benefits/stress.yml:4:14: error in 'description': this text is too long (at "
        "most 160 characters)\n"
        "    How to fix: shorten it; keep the detail for the body of the page",
    ),
    (
        "health_funds written as one paragraph, as before it was a block",
        "clinic.yml",
        edited(
            CLINIC,
            "health_funds:\n  # true if you have a HICAPS terminal (clients claim with their fund "
            "card on the spot)\n  hicaps: true\n  note: >-",
            "health_funds: >-",
        ),
        "content/clinic.yml:25:15: error in 'health_funds': health_funds is a block of fields "
        "now: write 'hicaps: true' (or false) on the next line, indented, and move this text "
        "to 'note:' (see content/README.md)",
    ),
    (
        "how records are kept, misspelt",
        "clinic.yml",
        edited(CLINIC, "records: electronic", "records: electronc"),
        "content/clinic.yml:48:12: error in 'privacy.records': 'electronc' is not one of the "
        "allowed values\n"
        "    How to fix: did you mean 'electronic'? Write one of: paper, electronic, both",
    ),
    (
        "a misspelt privacy field gets a did-you-mean and no 'missing' error",
        "clinic.yml",
        edited(CLINIC, "discloses_overseas: false", "discloses_oversea: false"),
        "content/clinic.yml:53:3: error in 'privacy.discloses_oversea': unknown field "
        "'discloses_oversea'\n"
        "    How to fix: did you mean 'discloses_overseas'? Fields allowed here: contact, email, "
        "phone, records, records_system, kept_for, collects, booking_provider, website_host, "
        "discloses_overseas, overseas_countries, review",
    ),
    (
        "online bookings with no booking company named for the privacy policy",
        "clinic.yml",
        edited(CLINIC, BOOKING_PROVIDER, ""),
        "content/clinic.yml:46:1: error in 'privacy': booking_url sends online bookings to "
        "another company, and the privacy policy must say who receives them, but 'privacy' has "
        "no 'booking_provider'\n"
        "    How to fix: add under 'privacy:' the lines 'booking_provider:' and, indented below "
        "it, 'name: <the booking company>' and 'privacy_url: <its privacy policy>'",
    ),
    (
        "no retention period in a state whose law sets none",
        "clinic.yml",
        edited(CLINIC, "state: NSW", "state: QLD"),
        "content/clinic.yml:46:1: error in 'privacy': the privacy policy must say how long you "
        "keep client records, and no law in Queensland sets a period the page could state for "
        "you\n"
        "    How to fix: add under 'privacy:' a line such as 'kept_for: at least 7 years after "
        "your last visit, or until you turn 25 if you were under 18' (check the period with "
        "your professional association or insurer)",
    ),
    (
        "record software named for paper records",
        "clinic.yml",
        edited(CLINIC, "records: electronic", "records: paper"),
        "content/clinic.yml:49:19: error in 'privacy.records_system': records_system names "
        "software for electronic records, but 'records' is paper\n"
        "    How to fix: set records to electronic or both, or remove the records_system line",
    ),
    (
        "overseas countries listed while nothing goes overseas",
        "clinic.yml",
        edited(
            CLINIC,
            "discloses_overseas: false",
            "discloses_overseas: false\n  overseas_countries: [New Zealand]",
        ),
        "content/clinic.yml:54:23: error in 'privacy.overseas_countries': overseas_countries "
        "lists countries, but 'discloses_overseas' is false\n"
        "    How to fix: set discloses_overseas to true, or remove the overseas_countries line",
    ),
    (
        "a legal page reviewed by someone not in clinic.yml",
        "clinic.yml",
        edited(
            CLINIC,
            "    reviewed_by: [alex]\naccessibility",
            "    reviewed_by: [alexx]\naccessibility",
        ),
        "content/clinic.yml:58:19: error in 'privacy.review.reviewed_by[0]': no person with the "
        "id 'alexx' in clinic.yml\n"
        "    How to fix: did you mean 'alex'? Use one of: alex, sam",
    ),
    (
        "a booking company's privacy policy on http:",
        "clinic.yml",
        edited(CLINIC, "privacy_url: https://bookings", "privacy_url: http://bookings"),
        "content/clinic.yml:52:18: error in 'privacy.booking_provider.privacy_url': the address "
        "must start with 'https:', for example https://…",
    ),
    (
        "an accessibility block without its review",
        "clinic.yml",
        CLINIC[: CLINIC.index("accessibility:\n")] + "accessibility:\n  known_issues: []\n",
        "content/clinic.yml:60:3: error in 'accessibility.review': the required field 'review' "
        "is missing\n"
        "    How to fix: add a line 'review: …' to this block",
    ),
    (
        "a clinic fact an FAQ answer cannot show",
        "faq.yml",
        edited(FAQ, "answer: Wear", "clinic_facts: [parking]\n        answer: Wear"),
        "content/faq.yml:10:24: error in 'groups[0].questions[0].clinic_facts[0]': 'parking' is "
        "not one of the allowed values\n"
        "    How to fix: Write one of: hicaps, health_fund_providers, qualifications",
    ),
    # -- fields are what they say ---------------------------------------------------------------
    (
        "an email address that would copy messages to someone else",
        "clinic.yml",
        edited(CLINIC, "email: hello@example.org", "email: hello@example.org?bcc=spy@example.net"),
        "content/clinic.yml:11:8: error in 'email': this is not an email address: The part after "
        "the @-sign contains invalid characters: '=', '?', '@'. Write the address alone, for "
        "example info@example.com.au",
    ),
    (
        "a query hidden before the @ of an email address",
        "clinic.yml",
        edited(CLINIC, "email: hello@example.org", "email: hello?cc=spy@example.org"),
        "content/clinic.yml:11:8: error in 'email': an address with '=' or '?' before the @ would "
        "change the contact link; write the address alone, for example info@example.com.au",
    ),
    (
        "an email address with a display name",
        "clinic.yml",
        edited(CLINIC, "email: hello@example.org", 'email: "Clinic <hello@example.org>"'),
        "content/clinic.yml:11:8: error in 'email': this is not an email address: A display name "
        "and angle brackets around the email address are not permitted here. Write the address "
        "alone, for example info@example.com.au",
    ),
    (
        "an email address with no domain",
        "clinic.yml",
        edited(CLINIC, "email: hello@example.org", "email: hello@localhost"),
        "content/clinic.yml:11:8: error in 'email': this is not an email address: The part after "
        "the @-sign is not valid. It should have a period. Write the address alone, for example "
        "info@example.com.au",
    ),
    (
        "a 5,000-digit number",
        "benefits/stress.yml",
        edited(STRESS, "order: 10", "order: " + "9" * 5000),
        "content/benefits/stress.yml:3:8: error in 'order': '999999999999999999999999999999999999"
        "999… (5000 characters)' is far too large to be a number here\n"
        "    How to fix: write a whole number such as 20",
    ),
    (
        "a number above its bound",
        "benefits/stress.yml",
        edited(STRESS, "order: 10", "order: 5000"),
        "content/benefits/stress.yml:3:8: error in 'order': '5000' is too large (at most 999)\n"
        "    How to fix: write a smaller number",
    ),
    (
        "a number below its bound",
        "references.yml",
        edited(REFS, "year: 2004", "year: 1800"),
        "content/references.yml:3:9: error in 'moyer2004.year': '1800' is too small (at least "
        "1900)\n    How to fix: write a larger number",
    ),
    (
        "a PubMed ID of 5,000 digits",
        "references.yml",
        edited(REFS, "doi: 10.1037/0033-2909.130.1.3", "pmid: " + "1" * 5000),
        "content/references.yml:8:9: error in 'moyer2004.pmid': a PubMed ID (PMID) is a number "
        "such as 21147413",
    ),
    # -- characters nobody can see ---------------------------------------------------------------
    *[
        (
            f"a raw {name} in a value",
            "benefits/stress.yml",
            edited(STRESS, "  - pregnancy", f"  - preg{char}nancy"),
            f"content/benefits/stress.yml:24:9: error: this line holds {shown}, which YAML "
            "cannot read as text\n"
            "    How to fix: delete the invisible character at this column, or retype the line; "
            "text pasted from other programs often carries such characters",
        )
        for name, char, shown in [
            ("LINE SEPARATOR", "\u2028", "an invisible line break (LINE SEPARATOR, U+2028)"),
            (
                "PARAGRAPH SEPARATOR",
                "\u2029",
                "an invisible line break (PARAGRAPH SEPARATOR, U+2029)",
            ),
            ("NEL", "\x85", "an invisible line break (NEL, U+0085)"),
            ("bell", "\x07", "an invisible control character (U+0007)"),
            ("escape", "\x1b", "an invisible control character (U+001B)"),
            ("C1 control", "\x9b", "an invisible control character (U+009B)"),
            ("NUL", "\x00", "a NUL character (U+0000)"),
            ("non-character", "\uffff", "an invisible control character (U+FFFF)"),
        ]
    ],
    (
        "a byte order mark in the middle of the file",
        "benefits/stress.yml",
        edited(STRESS, "order: 10\n", "order: 10\n\ufeff"),
        "content/benefits/stress.yml:4:1: error: this line holds an invisible byte order mark "
        "(U+FEFF), often left by pasting two files together, which YAML cannot read as text\n"
        "    How to fix: delete the invisible character at this column, or retype the line; text "
        "pasted from other programs often carries such characters",
    ),
    (
        "a list that is never closed",
        "benefits/stress.yml",
        edited(STRESS, "citations: [moyer2004]", "citations: [moyer2004"),
        "content/benefits/stress.yml:12:16: error: a list that starts with '[' is not closed "
        "with ']' where YAML expected it\n    How to fix: close the list with ']'; put an item "
        "that holds ',', ':', '[' or ']' in double quotes",
    ),
    (
        "a ']' that closes nothing",
        "benefits/stress.yml",
        edited(STRESS, "citations: [moyer2004]", "citations: [moyer2004]]"),
        "content/benefits/stress.yml:12:27: error: this ']' closes a list that was never opened "
        "with '['\n    How to fix: delete the ']', or put the whole value in double quotes if it "
        "is part of the text",
    ),
    (
        "brackets nested past the limit",
        "benefits/stress.yml",
        edited(STRESS, "order: 10", "order: " + "[" * 60),
        "content/benefits/stress.yml:3:47: error: the content is nested more than 40 levels "
        "deep\n    How to fix: look for a '[' or '{' that is never closed, or indentation that "
        "keeps growing",
    ),
    (
        "a person in safety.yml's review who is not in clinic.yml",
        "safety.yml",
        edited(
            (FIXTURE_CONTENT / "safety.yml").read_text(encoding="utf-8"),
            "reviewed_by: [sam]",
            "reviewed_by: [samm]",
        ),
        "content/safety.yml:5:17: error in 'review.reviewed_by[0]': no person with the id "
        "'samm' in clinic.yml\n"
        "    How to fix: did you mean 'sam'? Use one of: alex, sam",
    ),
    (
        "a home-screen name too long",
        "clinic.yml",
        edited(CLINIC, "\nname: ", "\nshort_name: Wattle Lane Remedial\nname: "),
        "content/clinic.yml:5:13: error in 'short_name': this text is too long (at most 15 "
        "characters)\n"
        "    How to fix: shorten it; keep the detail for the body of the page",
    ),
    (
        "a port out of range in an address",
        "clinic.yml",
        edited(
            CLINIC,
            "booking_url: https://bookings.example.com/book",
            "booking_url: https://bookings.example.com:99999/book",
        ),
        "content/clinic.yml:17:14: error in 'booking_url': the number after the host name's ':' "
        "is not a port (a whole number from 1 to 65535); leave out ':' and the number unless "
        "the address needs them",
    ),
    (
        "port 0 in an address",
        "clinic.yml",
        edited(
            CLINIC,
            "booking_url: https://bookings.example.com/book",
            "booking_url: https://bookings.example.com:0/book",
        ),
        "content/clinic.yml:17:14: error in 'booking_url': the number after the host name's ':' "
        "is not a port (a whole number from 1 to 65535); leave out ':' and the number unless "
        "the address needs them",
    ),
    (
        "a site address with a query",
        "clinic.yml",
        edited(CLINIC, "site_url: https://example.org/", "site_url: https://example.org/?utm=1"),
        "content/clinic.yml:9:11: error in 'site_url': the site's address cannot have a '?' or "
        "'#' part: every page's address, the sitemap and the share images are made from it; "
        "write it as https://host/ or https://host/folder/",
    ),
    (
        "one day's hours twice, overlapping",
        "clinic.yml",
        edited(CLINIC, "Thursday, Friday]", "Thursday, Friday, Saturday]"),
        "content/clinic.yml:19:3: error in 'opening_hours': Saturday has two sets of hours that "
        "overlap (09:00 to 18:00 and 09:00 to 13:00); keep one, or make them follow each other "
        "(such as a lunch break)",
    ),
    (
        "a day twice in one list",
        "clinic.yml",
        edited(CLINIC, "days: [Saturday]", "days: [Saturday, Saturday]"),
        "content/clinic.yml:19:3: error in 'opening_hours': Saturday is listed twice in the "
        "same 'days:' list; write it once",
    ),
]


@pytest.mark.parametrize(
    ("file", "text", "expected"),
    [case[1:] for case in CASES],
    ids=[case[0] for case in CASES],
)
def test_content_mistake_gives_exact_message(
    tmp_path: Path, file: str, text: str | bytes, expected: str
) -> None:
    message = problems_for(tmp_path, file, text)
    *lines, summary = message.splitlines()
    assert "\n".join(lines) == expected
    assert summary == "Content check: 1 error."


def test_every_problem_of_a_run_is_reported_together(tmp_path: Path) -> None:
    folder = content_folder(tmp_path, "clinic.yml", edited(CLINIC, "state: NSW", "state: Nsw"))
    (folder / "benefits" / "stress.yml").write_text(edited(STRESS, "order: 10", "order: ten"))
    (folder / "faq.yml").write_text("")
    with pytest.raises(ContentErrors) as caught:
        load_content(folder, tmp_path)
    files = {p.file for p in caught.value.problems}
    assert files == {"content/clinic.yml", "content/benefits/stress.yml", "content/faq.yml"}
    assert caught.value.format().endswith("Content check: 3 errors.")


@pytest.mark.parametrize(
    ("name", "hint"),
    [
        ("Back Pain.yml", "rename it to back-pain.yml"),
        ("neck.yaml", "rename it to neck.yml"),
        ("neck.YML", "rename it to neck.yml"),
        ("neck.Yaml", "rename it to neck.yml"),
        ("index.yml", "give the file another name, such as general-health.yml"),
    ],
)
def test_benefit_file_name_must_be_a_page_address(tmp_path: Path, name: str, hint: str) -> None:
    folder = content_folder(tmp_path, "faq.yml", FAQ)
    (folder / "benefits" / name).write_text(STRESS)
    with pytest.raises(ContentErrors) as caught:
        load_content(folder, tmp_path)
    [problem] = caught.value.problems
    assert problem.file == f"content/benefits/{name}"
    assert problem.hint == hint


@pytest.mark.parametrize(
    ("name", "wanted"),
    [("FAQ.yml", "faq.yml"), ("references.yaml", "references.yml"), ("Benefits", "benefits")],
)
def test_a_file_the_build_reads_under_another_case_or_ending_is_an_error(
    tmp_path: Path, name: str, wanted: str
) -> None:
    folder = content_folder(tmp_path, "faq.yml", FAQ)
    if wanted == "benefits":
        (folder / name).mkdir()
    else:
        (folder / name).write_text((folder / wanted).read_text())
    with pytest.raises(ContentErrors) as caught:
        load_content(folder, tmp_path)
    [problem] = caught.value.problems
    assert problem.file == f"content/{name}"
    assert problem.message.startswith(f"the build reads content/{wanted}, not '{name}'")
    assert problem.hint == f"rename it to {wanted}"


def test_a_file_in_a_page_folder_the_build_does_not_read_is_a_warning(tmp_path: Path) -> None:
    folder = content_folder(tmp_path, "faq.yml", FAQ)
    (folder / "benefits" / "stress.yml.bak").write_text(STRESS)
    (folder / "benefits" / "README.md").write_text("Notes on the topics\n")
    content = load_content(folder, tmp_path)  # a warning does not stop the load
    assert [p.format() for p in content.load_warnings] == [
        "content/benefits/stress.yml.bak: warning: the build does not read this file: only "
        "the .yml files in content/benefits/ become benefit pages\n"
        "    How to fix: if it is a page, rename it to stress.yml; otherwise move it out of "
        "content/"
    ]


def test_oversized_file_is_refused_before_reading(tmp_path: Path) -> None:
    message = problems_for(tmp_path, "faq.yml", "a: " + "x" * 300_000)
    assert message.splitlines()[:2] == [
        "content/faq.yml: error: the file is 293 KiB; content files may be at most 256 KiB",
        "    How to fix: split it up or remove pasted material (images or documents do not belong "
        "in YAML)",
    ]


def test_a_copied_benefit_file_must_be_made_its_own(tmp_path: Path) -> None:
    folder = content_folder(tmp_path, "faq.yml", FAQ)
    (folder / "benefits" / "headaches.yml").write_text(STRESS.replace("order: 10", "order: 30"))
    message = problems_for_folder(folder, tmp_path)
    assert message.splitlines()[:2] == [
        "content/benefits/headaches.yml:1:8: error in 'title': content/benefits/stress.yml has "
        "the same title",
        "    How to fix: give each benefit page its own title",
    ]
    assert message.endswith("Content check: 3 errors.")  # title, nav_title and description


def problems_for_folder(folder: Path, root: Path) -> str:
    with pytest.raises(ContentErrors) as caught:
        load_content(folder, root)
    return caught.value.format()


def test_missing_file_says_which_and_how(tmp_path: Path) -> None:
    folder = content_folder(tmp_path, "faq.yml", FAQ)
    (folder / "references.yml").unlink()
    with pytest.raises(ContentErrors) as caught:
        load_content(folder, tmp_path)
    assert caught.value.format().splitlines()[:2] == [
        "content/references.yml: error: this file is missing",
        "    How to fix: create content/references.yml (see content/README.md for its fields)",
    ]


@pytest.mark.parametrize(
    "encode",
    [
        lambda text: text.replace("\n", "\r\n").encode(),
        lambda text: text.replace("\n", "\r").encode(),  # old Mac line endings
        lambda text: b"\xef\xbb\xbf" + text.encode(),  # a byte order mark at the start is fine
    ],
    ids=["CRLF", "CR", "BOM"],
)
def test_other_line_endings_and_a_leading_bom_are_read_normally(
    tmp_path: Path, encode: Callable[[str], bytes]
) -> None:
    folder = content_folder(
        tmp_path, "benefits/stress.yml", encode(edited(STRESS, "order: 10", "order: ten"))
    )
    problems = problems_for_folder(folder, tmp_path).splitlines()
    # Lines are counted the same however they end: the error is still on line 3.
    assert (
        problems[0]
        == "content/benefits/stress.yml:3:8: error in 'order': 'ten' is not a whole number"
    )


def test_valid_fixture_loads(tmp_path: Path) -> None:
    content = load_content(content_folder(tmp_path, "faq.yml", FAQ), tmp_path)
    assert [p.slug for p in content.of(BENEFITS)] == ["stress", "back-pain"]  # by 'order'
    assert [p.slug for p in content.of(GUIDES)] == ["paying"]
    # Benefit pages, guide pages, the FAQ, then safety advice: the order readers meet them.
    assert content.cited_keys() == [
        "moyer2004",
        "cherkin2011",
        "nice-ng59",
        "health-reforms2019",
        "healthdirect-back-pain",
    ]


def test_a_booking_page_on_the_site_itself_needs_no_booking_company(tmp_path: Path) -> None:
    """Only bookings taken by another company's page must be named in the privacy policy."""
    own = edited(
        edited(CLINIC, BOOKING_PROVIDER, ""),
        "booking_url: https://bookings.example.com/book",
        "booking_url: https://example.org/book/",
    )
    content = load_content(content_folder(tmp_path, "clinic.yml", own), tmp_path)
    assert not content.clinic.books_online
    elsewhere = edited(CLINIC, BOOKING_PROVIDER, "")
    with pytest.raises(ContentErrors) as caught:
        load_content(content_folder(tmp_path / "other", "clinic.yml", elsewhere), tmp_path)
    assert "'privacy' has no 'booking_provider'" in caught.value.format()


def test_a_booking_page_on_the_same_host_but_another_site_is_another_company() -> None:
    """One reading of "the site's own address" (models.path_in_site) for the booking-link
    check and the privacy policy: a page outside the site's path is someone else's."""
    clinic = yaml.safe_load(CLINIC)
    clinic.update(
        site_url="https://clinic.github.io/wattle/",
        booking_url="https://clinic.github.io/bookings/",
    )
    assert Clinic.model_validate(clinic).books_online
    clinic["booking_url"] = "https://clinic.github.io/wattle/book/"
    assert not Clinic.model_validate(clinic).books_online


def test_healthsite_check_prints_a_file_it_does_not_read(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    project = copy_project(tmp_path / "project", FIXTURE_CONTENT)
    (project / "content" / "benefits" / "notes.txt").write_text("ideas\n", encoding="utf-8")
    assert healthsite(["--root", str(project), "check"]) == 0
    assert (
        "content/benefits/notes.txt: warning: the build does not read this file"
        in capsys.readouterr().err
    )
