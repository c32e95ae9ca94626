"""Load every content file, validate it, resolve references, build indexes.

``load_content(dir)`` is the one entry point: it returns a ``Content`` whose
documents and departments are validated records with references replaced by
the records they name, or raises ``ContentError`` listing every problem.

``loading`` finds and reads the files, ``references`` resolves ids,
``checks`` and ``quotes`` cross-check, ``queries`` answers the pages and
``status`` decides documents' validity states and catalogue entries' statuses.
"""

from .status import PolicyStatus  # first: present imports it, and quotes imports present
from .queries import ClauseRef, Content, Relation, document_day
from .checks import PLACEHOLDER
from .loading import content_files, load_content
from .quotes import number_occurrences
from .drafts import published, review_warnings

__all__ = ["ClauseRef", "Content", "PLACEHOLDER", "PolicyStatus", "Relation", "content_files", "document_day",
           "load_content", "number_occurrences", "published", "review_warnings"]
