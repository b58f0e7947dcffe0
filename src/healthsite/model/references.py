"""references.yml: the studies, reviews, guidelines and websites pages cite, each by a key
(`Reference`), with a DOI, a PubMed ID or (for a guideline) an address to link to."""

from __future__ import annotations

import re
from enum import StrEnum
from typing import Annotated

from pydantic import AfterValidator, BeforeValidator, Field, model_validator

from healthsite.model.fields import HttpsUrl, ShortText, StrictModel, Text


def _doi(value: str) -> str:
    value = value.strip()
    for prefix in ("https://doi.org/", "http://doi.org/", "doi:", "https://dx.doi.org/"):
        if value.lower().startswith(prefix):
            value = value[len(prefix) :]
    if not re.fullmatch(r"10\.\d{4,9}/\S+", value):
        raise ValueError("a DOI looks like 10.1037/0033-2909.130.1.3")
    return value


def _pmid(value: object) -> object:
    if isinstance(value, int) and not isinstance(value, bool):
        value = str(value)
    if isinstance(value, str) and not re.fullmatch(r"[1-9][0-9]{0,8}", value.strip()):
        raise ValueError("a PubMed ID (PMID) is a number such as 21147413")
    return value.strip() if isinstance(value, str) else value


class ReferenceKind(StrEnum):
    META_ANALYSIS = "meta-analysis"
    SYSTEMATIC_REVIEW = "systematic review"
    RANDOMISED_TRIAL = "randomised trial"
    STUDY = "study"
    REVIEW = "review"
    GUIDELINE = "guideline"
    WEBSITE = "website"


class Reference(StrictModel):
    authors: ShortText
    year: Annotated[int, Field(ge=1900, le=2100)]
    title: Text
    source: ShortText = Field(description="journal name, or the body that published it")
    details: ShortText | None = Field(default=None, description="volume(issue):pages")
    kind: ReferenceKind
    doi: Annotated[str, AfterValidator(_doi)] | None = None
    pmid: Annotated[str, BeforeValidator(_pmid)] | None = None
    url: HttpsUrl | None = None

    @model_validator(mode="after")
    def _has_identifier(self) -> Reference:
        if not (self.doi or self.pmid or self.url):
            raise ValueError("a reference needs a 'doi', a 'pmid' or (for a guideline) a 'url'")
        return self

    @property
    def link(self) -> str:
        if self.doi:
            return f"https://doi.org/{self.doi}"
        if self.pmid:
            return f"https://pubmed.ncbi.nlm.nih.gov/{self.pmid}/"
        assert self.url is not None
        return self.url
