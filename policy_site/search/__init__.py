"""Site search: records from the content model, a sharded static index, and a
worker that Material's search UI talks to (see each module's docstring)."""

from pathlib import Path

from .records import SearchRecord, content_records, page_records

WORKER = Path(__file__).with_name("worker.js")
WORKER_PATH = "assets/search-worker.js"  # where the site serves it (overrides/main.html names it)
INDEX_DIR = "search-index"  # where the index files are (the worker reads them from there)

__all__ = ["INDEX_DIR", "SearchRecord", "content_records", "page_records", "WORKER", "WORKER_PATH"]
