"""What every stage shares: the records that pass between the stages, the build's errors, text normalization and
the guarded YAML reader. It imports nothing of the pipeline."""
