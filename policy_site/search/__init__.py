"""Site search: records from the content model, a sharded static index, and
workers that the themes' search UIs talk to (see each module's docstring)."""

from pathlib import Path

from .records import SearchRecord, content_records, page_records

CORE = Path(__file__).with_name("core.js")
# Where the site serves each theme's worker (overrides/main.html names them),
# and its adapter: the file is core.js followed by the adapter.
WORKERS = {"assets/search-worker.js": "material.js", "assets/search-worker-zensical.js": "zensical.js"}
INDEX_DIR = "search-index"  # where the index files are (the workers read them from there)


def workers() -> dict[str, bytes]:
    """Each worker the site serves, by its path in the site."""
    core = CORE.read_bytes()
    return {path: core + b"\n" + CORE.with_name(adapter).read_bytes() for path, adapter in WORKERS.items()}


__all__ = ["CORE", "INDEX_DIR", "SearchRecord", "WORKERS", "content_records", "page_records", "workers"]
