"""PDF files of documents' published text, made with WeasyPrint from the
HTML the print template writes (templates/document_pdf.html.j2).

A reader may download what the site publishes (条例 第24条); where staff
give no original file, this is the file, labelled on every page as made by
the site from the text. WeasyPrint writes no time of its own into the file
(no creation date, an identifier derived from the content), so the same text
gives the same bytes. It sets the text in the system's Noto CJK fonts
(Debian: fonts-noto-cjk) and embeds the glyphs it uses; without them every
Chinese character would be a box, so a build without them stops and says so.
"""

from __future__ import annotations

import shutil
import subprocess
from functools import lru_cache

# The families the print template sets text in: Noto CJK SC (fonts-noto-cjk).
FONT_FAMILIES = ("Noto Serif CJK SC", "Noto Sans CJK SC")


class FontMissing(Exception):
    """The fonts a generated PDF needs are not installed."""


@lru_cache(maxsize=1)
def missing_fonts() -> tuple[str, ...]:
    """The font families of FONT_FAMILIES that fontconfig does not find."""
    if shutil.which("fc-list") is None:
        return FONT_FAMILIES
    return tuple(family for family in FONT_FAMILIES
                 if not subprocess.run(["fc-list", family, "family"], capture_output=True, text=True).stdout.strip())


def require_fonts() -> None:
    missing = missing_fonts()
    if missing:
        raise FontMissing(
            f"生成 PDF 需要中文字体 {'、'.join(missing)}(Debian 的 fonts-noto-cjk 软件包),本机没有安装:"
            "请运行 sudo apt-get install fonts-noto-cjk(以 root 运行 make build 时会自动安装)。\n"
            f"The generated PDFs need the CJK fonts {', '.join(missing)} (Debian's fonts-noto-cjk package), "
            "which are not installed: run 'sudo apt-get install fonts-noto-cjk' (make build installs it when "
            "run as root).")


# The same HTML gives the same bytes: the preview, which reloads the content
# on every save, makes a document's PDF again only when its text changed.
@lru_cache(maxsize=64)
def html_to_pdf(html: str) -> bytes:
    """The PDF of a self-contained HTML page (no external resources)."""
    require_fonts()
    from weasyprint import HTML  # takes seconds to import: only when a PDF is made

    return HTML(string=html).write_pdf()
