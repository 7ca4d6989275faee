"""Training callcoach's tag classifiers from the project's own labelled sales dialogue.

- :mod:`callcoach.training.corpus` reads and checks ``data/sales-dialogue`` (the line format,
  the labels, the split) and makes its ASR-style copy.
"""
