"""Site search: records from the content model, a sharded static index, and a
worker that Material's search UI talks to (see each module's docstring)."""

from pathlib import Path

from .index import BackgroundIndex
from .records import SearchRecord, content_records, page_records

WORKER = Path(__file__).with_name("worker.js")
WORKER_PATH = "assets/search-worker.js"  # where the site serves it (overrides/main.html names it)

__all__ = ["BackgroundIndex", "SearchRecord", "content_records", "page_records", "WORKER", "WORKER_PATH"]
