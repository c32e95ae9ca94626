"""一图读懂: the 图片解读 of a plan, drawn as SVG from the plan's data at build time.

``data.py`` says what the poster shows (and, in words, ``describe``),
``layout.py`` breaks its Chinese text into lines, ``svg.py`` draws it.
"""

from .data import describe, infographic_data
from .svg import infographic_svg

__all__ = ["describe", "infographic_data", "infographic_svg"]
