"""Turn a folder of source articles and a structured summary into a briefing site."""
