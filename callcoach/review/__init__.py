"""Coach review: corrections, comments and score overrides on stored analyses.

The machine's ``<stem>.callcoach.json`` is never written here. A coach's input lives in one
SQLite database in the results folder and in a ``<stem>.review.json`` sidecar beside each
analysis (:mod:`callcoach.review.store`); :func:`~callcoach.review.rescore.rescore` turns an
analysis plus that input into corrected metrics and a corrected score, purely.
"""

from callcoach.review.corrections import Comment, Correction, CorrectionKind, Override, new_correction
from callcoach.review.rescore import Rescored, rescore

__all__ = ["Comment", "Correction", "CorrectionKind", "Override", "Rescored", "new_correction", "rescore"]
