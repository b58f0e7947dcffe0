"""The review block (`review:`) every health page, safety.yml and the legal pages carry: when it was
last reviewed, when the next review is due, and the people (ids of clinic.yml's) who wrote it and
reviewed it. `healthsite.rules.review_dates` checks the dates against the build date."""

from __future__ import annotations

from datetime import date
from typing import Annotated

from pydantic import Field, model_validator

from healthsite.model.fields import Key, StrictModel


class Review(StrictModel):
    last_reviewed: date
    next_review_due: date
    written_by: Annotated[list[Key], Field(min_length=1)]
    reviewed_by: Annotated[list[Key], Field(min_length=1)]

    @model_validator(mode="after")
    def _due_after_review(self) -> Review:
        if self.next_review_due <= self.last_reviewed:
            raise ValueError("'next_review_due' must be after 'last_reviewed'")
        return self
