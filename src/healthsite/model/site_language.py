"""The language every page is written in, configured once: the `lang` of each page (through the
theme's language partial), its Open Graph locale and its structured data all read it."""

SITE_LANGUAGE = "en-AU"  # Australian English (BCP 47)
