"""Tools beside the builder that help an analyst write the data: they only ever propose."""
