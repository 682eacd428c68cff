"""Stage 1, read: a source's text and sidecar from raw/ (checked field by field), its documents and their ids, and
the split of each document into passages with their character spans."""
