"""The call's outcome after Rackham: an Advance (the customer commits to a specific action),
a Continuation (a polite end with no commitment) or no sale, read from the end of the call.

:func:`call_features` turns a tagged call's sentences into one row: the mean sentence embedding
of the customer's and of the rep's last sentences, and the tag model's own probabilities over
the end of the call (the strongest next step, objections still standing, questions left open,
who spoke last). A linear softmax head trained on the corpus's calls (``outcome`` in the tag
model) maps the row to the three outcomes; :class:`~callcoach.tagging.classifier.ClassifierStage`
puts the result on the call as one ``outcome.<kind>`` tag (on the next-step sentence for an
Advance, else the customer's last sentence), which :func:`callcoach.stalls.next_step` reads.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

OUTCOMES = ("advance", "continuation", "no_sale")
TAIL = 8  # sentences per side
END = 12  # sentences at the end of the call


def call_features(roles: Sequence[str], embeddings: np.ndarray, probs: dict[str, np.ndarray],
                  tracker_names: Sequence[str]) -> np.ndarray:
    """One row for a call from its sentences' sides, embeddings and tag probabilities."""
    n, dim = embeddings.shape if embeddings.ndim == 2 else (0, 0)
    roles = list(roles)

    def tail_mean(side: str) -> np.ndarray:
        idx = [i for i in range(n) if roles[i] == side][-TAIL:]
        return embeddings[idx].mean(axis=0) if idx else np.zeros(dim, np.float32)

    end = list(range(max(0, n - END), n))
    cust_end = [i for i in end if roles[i] != "rep"]
    j = list(tracker_names).index("next_step")
    nxt = probs["trackers"][end, j] if end else np.zeros(1)
    obj = 1.0 - probs["objection"][cust_end, 0] if cust_end else np.zeros(1)
    q = 1.0 - probs["question"][end, 0] if end else np.zeros(1)
    stats = np.array([
        float(nxt.max()), float(nxt.mean()), float(obj.max()), float(obj.mean()), float(q.mean()),
        float(np.mean([roles[i] == "customer" for i in end])) if end else 0.0,
        1.0 if n and roles[-1] == "customer" else 0.0,
        float((1.0 - probs["objection"][:, 0]).mean()) if n else 0.0,
    ], dtype=np.float32)
    return np.concatenate([tail_mean("customer"), tail_mean("rep"), stats]).astype(np.float32)


def anchor(roles: Sequence[str], probs: dict[str, np.ndarray], tracker_names: Sequence[str], outcome: str) -> int:
    """The sentence an outcome tag sits on: the likeliest next step at the end for an Advance,
    else the customer's last sentence (else the last sentence)."""
    n = len(roles)
    end = list(range(max(0, n - END), n))
    if outcome == "advance" and end:
        j = list(tracker_names).index("next_step")
        return max(end, key=lambda i: (probs["trackers"][i, j], i))
    cust = [i for i in range(n) if roles[i] == "customer"]
    return cust[-1] if cust else n - 1
