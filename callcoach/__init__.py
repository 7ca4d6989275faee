"""callcoach: offline conversation intelligence for recorded sales calls.

``callcoach.analyze(path, **options)`` returns a :class:`callcoach.call.Call`. Importing the
package is cheap: models and heavy libraries load only when a call is analysed.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

if TYPE_CHECKING:  # pragma: no cover
    from callcoach.call import Call


def analyze(path: Any, **options: Any) -> Call:
    """Analyse one recording; see :func:`callcoach.pipeline.analyze` for the options."""
    from callcoach.pipeline import analyze as _analyze

    return _analyze(path, **options)


__all__ = ["__version__", "analyze"]
