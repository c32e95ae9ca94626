"""policy-site: publish government policy documents kept as YAML as a static site.

The package is independent of MkDocs: ``content`` loads and validates the
YAML into a content model, ``pages`` turns that model into page sources, and
``mkdocs_hook`` is the thin adapter that hands those pages to MkDocs.
"""
