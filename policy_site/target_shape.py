"""What shape a target has, decided once from the fields the content gives.

- ``single``: one number with a unit and a comparator (11700家以上);
- ``range``: comparator 区间, a lower (``value``) and an upper bound (5%-8%);
- ``relative``: a comparator and a ``reference`` quantity (不低于上年同期),
  with a number only where the text gives one;
- ``qualitative``: words without a number (``direction``: 保持增长);
- ``values``: one phrase stating several labelled values (…分别达到10家、20家).

The fields each shape needs and must not have are declared once, in the
model (``INDICATOR.variants``, also the editor's JSON Schema). Validation
(``content/quotes.py``), the written form (``present.target_text``), the
targets page, open data, search and the infographic all branch on ``shape``.
"""

from __future__ import annotations

from .schema.model import INDICATOR

# The shapes, as the model declares them (INDICATOR.variants).
SINGLE, RANGE, RELATIVE, QUALITATIVE, VALUES = "single", "range", "relative", "qualitative", "values"

# What each shape is called where the site or its open data names it: 区间目标 …
LABELS = {name: variant.label for name, variant in INDICATOR.variants.items()}


def shape(ind) -> str:
    if ind.values:
        return VALUES
    if ind.direction:
        return QUALITATIVE
    if ind.reference:
        return RELATIVE
    if ind.comparator == "区间":
        return RANGE
    return SINGLE


def has_one_number(ind) -> bool:
    """Whether the target is one number with a unit (what progress and a
    numeric chart need): single and range targets, and relative targets that
    state a number."""
    return shape(ind) in (SINGLE, RANGE, RELATIVE) and ind.value is not None and bool(ind.unit)


def part_anchor(ind, part) -> str:
    """The anchor of one labelled value of a ``values`` target: indicator id
    and the value's own id (demo-firms-province)."""
    return f"{ind.id}-{part.id}"
