"""Work moved to the second core by forking.

The build runs on one core at a time except where a forked process takes a
share: the search index, the link scan, thousands of catalogue pages. A fork
inherits the loaded content, so only small messages cross between processes.
Where fork is not available (Windows, macOS' default) callers do the same
work in the main process instead.
"""

from __future__ import annotations

import multiprocessing
from multiprocessing.context import BaseContext


def fork_context() -> BaseContext | None:
    """The fork start method's context, or None where processes cannot be forked."""
    if "fork" in multiprocessing.get_all_start_methods():
        return multiprocessing.get_context("fork")
    return None
