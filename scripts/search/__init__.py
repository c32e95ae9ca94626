"""Site search: records from the content model, a sharded static index, and a
worker that Material's search UI talks to (see each module's docstring)."""

from .index import write_index
from .records import SearchRecord, content_records, page_records

__all__ = ["SearchRecord", "content_records", "page_records", "write_index", "WORKER", "WORKER_PATH"]

from pathlib import Path

WORKER = Path(__file__).with_name("worker.js")
WORKER_PATH = "assets/search-worker.js"  # where the site serves it (overrides/main.html names it)
