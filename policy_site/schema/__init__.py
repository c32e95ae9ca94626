"""The content model (``model``), its type language (``types``) and the JSON Schema derived from it."""
