"""What build.py runs the stages with: the hashes of the files, the stage cache, the worker processes and the
database being written."""
