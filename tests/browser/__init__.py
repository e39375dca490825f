"""Browser tests: the built site, read through Chromium (marker `browser`)."""
