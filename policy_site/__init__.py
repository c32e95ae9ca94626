"""policy-site: publish government policy documents kept as YAML as a static
site. ``content`` loads and validates the YAML, ``generate`` writes the site's
source tree from it (no engine involved), and ``engines`` render the tree."""
