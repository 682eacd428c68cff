"""Stage 5, load: the schema (each column declared once), the rows of a source written, the full-text indexes, the
word lists of the search, and the quality report."""
