"""Where each entity lives on the site: one function per kind, ids only.

URLs derive from stable ids and never from wording, so renaming a clause or a
department keeps every link and bookmark working. All links in generated pages
are relative, so the site works at a domain root and under any sub-path.
"""

from __future__ import annotations

import posixpath
from types import SimpleNamespace

from . import target_shape

# Anchors of the fixed sections of a document page. Clause, indicator and
# attachment ids share the page with them, so the loader refuses these as ids.
SECTIONS = SimpleNamespace(
    notice="notice",
    text="text",
    attachments="attachments",
    relations="relations",
    cited="cited-documents",
    cited_by="cited-by",
)


def home() -> str:
    return ""


def library() -> str:
    """政策文件库: every document, with filters."""
    return "documents/"


def document(doc) -> str:
    return f"documents/{doc.id}/"


def original_file(doc, extension: str) -> str:
    """The original file of a document (content/originals.py), for download."""
    return f"documents/{doc.id}/{doc.id}.{extension}"


def generated_pdf(doc) -> str:
    """The PDF the site makes from a document's text where it has no original."""
    return f"documents/{doc.id}/{doc.id}-text.pdf"


def targets(doc) -> str:
    return f"documents/{doc.id}/targets/"


def tasks(doc) -> str:
    return f"documents/{doc.id}/tasks/"


def departments() -> str:
    return "departments/"


def department(dept) -> str:
    """departments/finance-office/, or departments/haishu/finance-office/ for
    a department of the government haishu (ids are unique per government)."""
    return f"departments/{dept.ref_id}/"


def department_anchor(dept) -> str:
    """The department's row on the departments page (ids never hold "--")."""
    return "dept-" + dept.ref_id.replace("/", "--")


def policies() -> str:
    return "policies/"


def policy(p) -> str:
    return f"policies/{p.id}/"


def about() -> str:
    return "about/"


def site_map() -> str:
    """网站地图: every section, document and the catalogue, on one page."""
    return "site-map/"


def accessibility() -> str:
    """无障碍声明."""
    return "accessibility/"


def emblem(suffix: str) -> str:
    """The 党政机关网站标识's picture, with its extension (.png)."""
    return f"identity/emblem{suffix}"


def self_check() -> str:
    return "self-check/"


def catalogue_data() -> str:
    """The open-data export of the catalogue, also read by the self-check page."""
    return "policies/catalogue.json"


def open_data() -> str:
    """开放数据: every open-data file, its format, fields and licence."""
    return "open-data/"


def document_data(doc) -> str:
    """The document as open data (JSON)."""
    return f"documents/{doc.id}/index.json"


def policy_data(p) -> str:
    """A catalogue entry as open data (JSON)."""
    return f"policies/{p.id}/index.json"


def data_file(name: str) -> str:
    """A table, the archive or a schema of the open data: data/<name>."""
    return f"data/{name}"


def feed(name: str) -> str:
    """An Atom feed: feeds/<name>.xml."""
    return f"feeds/{name}.xml"


def sitemap() -> str:
    return "sitemap.xml"


def absolute(target: str, site_url: str) -> str:
    """``target`` (site-relative) under the site's address; unchanged when
    the address is not known (``site_url`` empty)."""
    return site_url + target if site_url else target


def interpretation(item) -> str:
    return f"interpretations/{item.id}/"


def infographic_file(item) -> str:
    """The downloadable SVG of a 图片解读."""
    return f"interpretations/{item.id}/infographic.svg"


def clause(doc, clause) -> str:
    return f"{document(doc)}#{clause.id}"


def indicator(doc, ind) -> str:
    return f"{targets(doc)}#{ind.id}"


def indicator_part(doc, ind, part) -> str:
    """One labelled value of a target that states several (分别)."""
    return f"{targets(doc)}#{target_shape.part_anchor(ind, part)}"


def page_file(url: str, suffix: str = ".html") -> str:
    """The file of the page at ``url``, a directory URL ("" for the home
    page): its folder's index.html on the site, index.md (``suffix`` ".md")
    in the source tree. The one home of that rule (``page_url`` reads it back)."""
    return posixpath.join(url, "index" + suffix)


def source_path(url: str) -> str:
    """The page's source in the tree's docs/, for a directory-style URL."""
    return page_file(url, ".md")


def page_url(source: str) -> str:
    """The URL of the page whose source is ``source`` (a .md path under
    docs/): ``a/index.md`` and ``a.md`` (hand-written) are both at ``a/``."""
    folder = posixpath.dirname(source)
    if source == page_file(folder, ".md"):
        return folder + "/" if folder else home()
    return source[:-3] + "/"


def relative(target: str, current: str) -> str:
    """Link from the page at ``current`` to ``target`` (both site-relative)."""
    path, _, anchor = target.partition("#")
    if path == current and anchor:
        return f"#{anchor}"
    rel = _relpath(path, current)
    if rel == ".":
        rel = "./"
    elif "." not in posixpath.basename(path):  # a page (directory URL), not a file
        rel += "/"
    return rel + (f"#{anchor}" if anchor else "")


def _relpath(path: str, start: str) -> str:
    """posixpath.relpath for site-relative URL paths (no leading /, no . or ..),
    without its normalisation: called for every link of thousands of pages."""
    to = [part for part in path.split("/") if part]
    frm = [part for part in start.split("/") if part]
    common = len(posixpath.commonprefix([to, frm]))  # of path parts, not characters
    return "/".join([".."] * (len(frm) - common) + to[common:]) or "."
