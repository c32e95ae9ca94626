"""一图读懂, drawn: ``infographic_svg(data)`` turns what ``data.py`` says into a
standalone SVG document.

The picture is a tall, narrow poster (400 units wide) so that it reads on a
360 px phone at about 0.9 px per unit and prints on A4 at full width. Lines
are broken by ``layout.py``, and every box is sized from its line count.
"""

from __future__ import annotations

import math
import re
from xml.sax.saxutils import escape

from ..chinese import chinese_number
from .data import FACTS, describe, display, task_name
from .layout import fits_whole, text_width, wrap

# -- Look ---------------------------------------------------------------------

WIDTH = 400  # viewBox units; 360 px phone: 1 unit = 0.9 px

PRIMARY = "#1d4f91"
PRIMARY_DARK = "#143a6b"
PRIMARY_TINT = "#eaf0f8"  # indicator cells and task chips
PAGE_BG = "#f3f6fa"
CARD_STROKE = "#d3dce8"
TEXT = "#1a1a1a"
MUTED = "#595959"
ON_PRIMARY_SOFT = "#dbe6f4"  # secondary text on the primary band (6.1:1)
# The colours (text, background) of a validity state, as the site's status badges (site.css).
STATE_COLOURS = {"in-force": ("#1b5e20", "#e8f5e9"), "lapsed": ("#8c1d18", "#fdecea"), "unknown": ("#6d4300", "#fff4e0")}

FONT_FAMILY = ("PingFang SC, 'Hiragino Sans GB', 'Microsoft YaHei', 'Noto Sans CJK SC', "
               "'Source Han Sans SC', 'WenQuanYi Micro Hei', sans-serif")

MARGIN = 16  # page edge to card
PAD = 14  # card edge to content
LEADING = 1.5  # line pitch as a multiple of the font size

# -- Drawing ----------------------------------------------------------------------


def _n(value: float) -> str:
    """A coordinate with at most one decimal: stable, short output."""
    text = f"{value:.1f}"
    return text[:-2] if text.endswith(".0") else text


_NOT_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _xml(text: str) -> str:
    """Text or attribute value for XML: escaped, on one line, without characters XML forbids."""
    return escape(re.sub(r"\s+", " ", _NOT_XML.sub("", str(text))), {'"': "&quot;"})


def _attrs(**attrs) -> str:
    """XML attributes from keywords (font_size -> font-size); floats rounded by ``_n``."""
    return "".join(
        f' {k.replace("_", "-")}="{_xml(_n(v) if isinstance(v, float) else v)}"'
        for k, v in attrs.items()
        if v is not None
    )


def _rect(x, y, w, h, fill, r=None, stroke=None) -> str:
    return (f"<rect{_attrs(x=float(x), y=float(y), width=float(w), height=float(h), rx=None if r is None else float(r), fill=fill)}"
            f"{_attrs(stroke=stroke, stroke_width=None if stroke is None else '1')}/>")


# Every line is laid out in the box its text occupies in a browser: CJK fonts
# reach about 1.16 em above the baseline and 0.29 em below it. Keeping those
# boxes apart keeps any two pieces of text apart, whatever the glyphs.
ASCENT, DESCENT = 1.16, 0.29
GAP = 4  # under a big target (browsers round its box up at small sizes)


def _line_box(size: float, leading: float) -> tuple[float, float]:
    """(height of a one-line box, baseline below its top) for ``size`` and ``leading``."""
    box = max(leading, ASCENT + DESCENT) * size
    return box, (box - (ASCENT + DESCENT) * size) / 2 + ASCENT * size


class _Block:
    """Lines of one style, placed at (x, top): the SVG and the height taken."""

    def __init__(self, lines, x, top, size, fill, bold=False, leading=LEADING, anchor=None):
        self.lines = lines
        first, base = _line_box(size, leading)
        pitch = leading * size
        self.height = (len(lines) - 1) * pitch + first if lines else 0.0
        spans = "".join(
            f"<tspan{_attrs(x=float(x), y=float(top + base + i * pitch))}>{_xml(line)}</tspan>"
            for i, line in enumerate(lines)
        )
        self.svg = (f"<text{_attrs(font_size=float(size), font_weight='700' if bold else None, fill=fill, text_anchor=anchor)}>"
                    f"{spans}</text>") if lines else ""


def _paragraph(text, x, top, width, size, fill, bold=False, leading=LEADING, anchor=None) -> _Block:
    return _Block(wrap(text, size, width, bold) if text else [], x, top, size, fill, bold, leading, anchor)


def _badge_text(number: str | None, index: int) -> str:
    """(一) -> 一, 1. -> 1: the number inside a round badge."""
    return (number or "").strip().strip("()（）、.．") or chinese_number(index + 1)


def _split_heading(heading: str) -> tuple[str, str]:
    """增体扩量,进一步扩大总量规模 -> (增体扩量, 进一步扩大总量规模): keyword and gloss."""
    m = re.match(r"^([^,，；;]{2,8})[,，；;](.+)$", heading)
    return (m.group(1), m.group(2)) if m else (heading, "")


def _header(data: dict, canvas: list[str]) -> float:
    x, inner = 24, WIDTH - 48
    parts = []
    y = 22.0
    tag, size_tag = "一图读懂", 15
    tag_box, _ = _line_box(size_tag, LEADING)
    tag_w, tag_h = text_width(tag, size_tag, True) + 24, tag_box + 6
    parts.append(f"<g>{_rect(x, y, tag_w, tag_h, '#ffffff', r=tag_h / 2)}"
                 f"{_Block([tag], x + 12, y + 3, size_tag, PRIMARY, bold=True).svg}</g>")
    y += tag_h + 10
    headline = data.get("headline") or data["title"]
    # The largest size at which the title's names stay whole on a line.
    size = next((s for s in (30, 28, 26) if fits_whole(headline, s, inner, True)
                 and len(wrap(headline, s, inner, True)) <= 3), 24)
    head = _paragraph(headline, x, y, inner, size, "#ffffff", bold=True, leading=1.3)
    parts.append(head.svg)
    y += head.height
    if data.get("period"):
        period = _paragraph(data["period"], x, y + 2, inner, 18, ON_PRIMARY_SOFT)
        parts.append(period.svg)
        y += period.height + 2
    y += 22
    # Two quarter discs in the right-hand corners: decoration inside the band.
    deco = (f'<path d="M{WIDTH} 0H{WIDTH - 150}A150 150 0 0 0 {WIDTH} 150Z" fill="#ffffff" fill-opacity="0.07"/>'
            f'<path d="M{WIDTH} {_n(y)}H{WIDTH - 72}A72 72 0 0 1 {WIDTH} {_n(y - 72)}Z" fill="#ffffff" fill-opacity="0.06"/>')
    canvas.append(f"<g>{_rect(0, 0, WIDTH, y, PRIMARY)}{deco}{''.join(parts)}</g>")
    return y


def _status(data: dict, canvas: list[str], top: float) -> float:
    """The validity in words: a boxed 已废止 / 有效 / 有效性未标注 and what it means."""
    if not data.get("validity"):
        return top
    fg, bg = STATE_COLOURS[data.get("state", "unknown")]
    size, pad = 15, 12
    badge = data["validity"]
    box, _ = _line_box(size, LEADING)
    badge_w, badge_h = text_width(badge, size, True) + 20, box + 6
    text_x = MARGIN + 6 + badge_w + 12
    lines = wrap(data.get("status") or "", size, WIDTH - MARGIN - text_x)
    text_h = _Block(lines, 0, 0, size, fg).height
    height = max(badge_h, text_h) + 2 * pad
    badge_y = top + (height - badge_h) / 2
    line = _Block(lines, text_x, top + (height - text_h) / 2, size, fg)
    canvas.append(
        f"<g>{_rect(0, top, WIDTH, height, bg)}{_rect(0, top, 6, height, fg)}"
        f"<g>{_rect(MARGIN + 6, badge_y, badge_w, badge_h, '#ffffff', r=4, stroke=fg)}"
        f"{_Block([badge], MARGIN + 16, badge_y + 3, size, fg, bold=True).svg}</g>"
        f"{line.svg}</g>"
    )
    return top + height


def _section_title(text: str, canvas: list[str], top: float) -> float:
    size = 24
    block = _paragraph(text, MARGIN + 16, top, WIDTH - 2 * MARGIN - 16, size, PRIMARY, bold=True)
    canvas.append(_rect(MARGIN, top + 8, 6, _line_box(size, LEADING)[0] - 16, PRIMARY, r=3))
    canvas.append(block.svg)
    return top + block.height


def _target(target: str, x: float, top: float, big: int, small: int) -> tuple[str, float, float]:
    """11700家以上: the digits big, the words beside them smaller; (svg, width, height)."""
    spans, width = [], 0.0
    for run in filter(None, re.split(r"([0-9][0-9.,]*)", target)):
        size = big if run[0].isdigit() else small
        width += text_width(run, size, True)
        spans.append(f"<tspan{_attrs(font_size=float(size))}>{_xml(run)}</tspan>")
    box, base = _line_box(big, 1.0)
    return (f"<text{_attrs(x=float(x), y=float(top + base), font_weight='700', fill=PRIMARY)}>"
            f"{''.join(spans)}</text>"), width, box


TARGET_SIZE, TARGET_WORDS = 28, 15


def _indicator_cell(ind: dict, x: float, top: float, width: float, height: float | None):
    """One indicator: big target, metric, lead unit. Returns (svg, height needed)."""
    pad_x, pad_y = 12, 8
    inner = width - 2 * pad_x
    big = TARGET_SIZE
    tsvg, tw, th = _target(ind["target"], x + pad_x, top + pad_y, big, TARGET_WORDS)
    while tw > inner and big > 18:  # a long target: smaller digits rather than overflow
        big -= 2
        tsvg, tw, th = _target(ind["target"], x + pad_x, top + pad_y, big, TARGET_WORDS)
    if tw > inner:  # still too long: wrapped like any text
        block = _paragraph(ind["target"], x + pad_x, top + pad_y, inner, big, PRIMARY, bold=True)
        tsvg, th = block.svg, block.height
    y = top + pad_y + th + GAP
    metric = _paragraph(ind["metric"], x + pad_x, y, inner, 15, TEXT)
    y += metric.height
    lead = None
    if ind.get("lead"):
        lead = _paragraph(f"牵头：{ind['lead']}", x + pad_x, y + 2, inner, 14, MUTED)
        y += lead.height + 2
    needed = y + pad_y - top
    box_h = height if height is not None else needed
    return f"<g>{_rect(x, top, width, box_h, PRIMARY_TINT, r=8)}{tsvg}{metric.svg}{lead.svg if lead else ''}</g>", needed


def _fits_half(ind: dict, width: float) -> bool:
    return _target(ind["target"], 0, 0, TARGET_SIZE, TARGET_WORDS)[1] <= width - 24


def _goal_heading(goal: dict, index: int, x: float, top: float, width: float) -> tuple[str, float]:
    """A round badge with the number, the keyword bold and its gloss beside or below it."""
    r = 16
    badge = _badge_text(goal.get("number"), index)
    head_x = x + 2 * r + 10
    head_w = x + width - head_x
    key, gloss = _split_heading(display(goal.get("heading")))
    size_key, size_gloss = 20, 15
    box, base = _line_box(size_key, LEADING)
    key_w = text_width(key, size_key, True)
    if key and gloss and key_w + 10 + text_width(gloss, size_gloss) <= head_w:
        # One line: 增体扩量  进一步扩大总量规模
        height = max(box, 2 * r)
        baseline = top + (height - box) / 2 + base
        text = (f"<text{_attrs(x=float(head_x), y=float(baseline))}>"
                f"<tspan{_attrs(font_size=float(size_key), font_weight='700', fill=PRIMARY_DARK)}>{_xml(key)}</tspan>"
                f"<tspan{_attrs(dx='10', font_size=float(size_gloss), fill=MUTED)}>{_xml(gloss)}</tspan></text>")
    else:
        key_block = _paragraph(key, head_x, top, head_w, size_key, PRIMARY_DARK, bold=True)
        text = key_block.svg
        height = key_block.height
        if gloss:
            gloss_block = _paragraph(gloss, head_x, top + height + 2, head_w, size_gloss, MUTED)
            text += gloss_block.svg
            height += gloss_block.height + 2
        height = max(height, 2 * r)
        baseline = top + base
    # The badge sits on the first line: CJK ink is centred about 0.38 em above the baseline.
    cy = baseline - 0.38 * size_key
    numeral_svg = (f"<text{_attrs(x=float(x + r), y=float(cy + 0.38 * 16), font_size='16', font_weight='700', fill='#ffffff', text_anchor='middle')}>"
                   f"{_xml(badge)}</text>")
    return f'<circle cx="{_n(x + r)}" cy="{_n(cy)}" r="{r}" fill="{PRIMARY}"/>' + numeral_svg + text, height


def _goal_card(goal: dict, index: int, canvas: list[str], top: float) -> float:
    x, width = MARGIN, WIDTH - 2 * MARGIN
    inner_x, inner_w = x + PAD, width - 2 * PAD
    head_svg, head_h = _goal_heading(goal, index, inner_x, top + PAD, inner_w)
    parts = [head_svg]
    y = top + PAD + head_h + 10
    # Indicators: two to a row where the targets fit, else one per row.
    gap = 8
    half = (inner_w - gap) / 2
    pending = list(goal["indicators"])
    rows: list[list[dict]] = []
    while pending:
        first = pending.pop(0)
        if pending and _fits_half(first, half) and _fits_half(pending[0], half):
            rows.append([first, pending.pop(0)])
        else:
            rows.append([first])
    for row in rows:
        cell_w = half if len(row) == 2 else inner_w
        needed = max(_indicator_cell(ind, 0, 0, cell_w, None)[1] for ind in row)
        parts += [_indicator_cell(ind, inner_x + i * (half + gap), y, cell_w, needed)[0] for i, ind in enumerate(row)]
        y += needed + gap
    bottom = (y - gap if rows else y) + PAD
    canvas.append(f"<g>{_rect(x, top, width, bottom - top, '#ffffff', r=10, stroke=CARD_STROKE)}{''.join(parts)}</g>")
    return bottom


def _chips(labels: list[str], x: float, top: float, width: float) -> tuple[list[str], float]:
    """Task names as rounded chips flowing into rows; (svg parts, height)."""
    size, pad_x, pad_y, gap = 15, 11, 4, 8
    parts, cx, y, row_h = [], x, top, 0.0
    for label in labels:
        lines = wrap(label, size, width - 2 * pad_x)
        block = _Block(lines, 0, 0, size, PRIMARY_DARK)
        w = max(text_width(line, size) for line in lines) + 2 * pad_x
        h = block.height + 2 * pad_y
        if cx > x and cx + w > x + width:
            cx, y, row_h = x, y + row_h + gap, 0.0
        block = _Block(lines, cx + pad_x, y + pad_y, size, PRIMARY_DARK)
        parts.append(f"<g>{_rect(cx, y, w, h, PRIMARY_TINT, r=min(h / 2, 15))}{block.svg}</g>")
        cx += w + gap
        row_h = max(row_h, h)
    return parts, (y + row_h - top) if labels else 0.0


def _group_card(group: dict, canvas: list[str], top: float) -> float:
    x, width = MARGIN, WIDTH - 2 * MARGIN
    inner_x = x + PAD
    tile = 72
    # The count: a primary tile with the number of tasks big and 项 beside it.
    big, small = 40, 16
    box, base = _line_box(big, 1.0)
    ty = top + PAD
    count = (f"<text{_attrs(x=float(inner_x + tile / 2), y=float(ty + (tile - box) / 2 + base), font_weight='700', fill='#ffffff', text_anchor='middle')}>"
             f"<tspan{_attrs(font_size=float(big))}>{len(group['tasks'])}</tspan>"
             f"<tspan{_attrs(font_size=float(small), fill=ON_PRIMARY_SOFT)}>项</tspan></text>")
    parts = [f"<g>{_rect(inner_x, ty, tile, tile, PRIMARY, r=10)}{count}</g>"]
    right_x = inner_x + tile + 14
    right_w = x + width - PAD - right_x
    heading = f"{group.get('number') or ''}{display(group.get('heading'))}"
    y = top + PAD
    head = _paragraph(heading, right_x, y, right_w, 18, PRIMARY_DARK, bold=True)
    parts.append(head.svg)
    y += head.height + 6 if head.lines else 0
    chips, chips_h = _chips([task_name(t, i) for i, t in enumerate(group["tasks"])], right_x, y, right_w)
    parts += chips
    y += chips_h
    bottom = max(y, top + PAD + tile) + PAD
    canvas.append(f"<g>{_rect(x, top, width, bottom - top, '#ffffff', r=10, stroke=CARD_STROKE)}{''.join(parts)}</g>")
    return bottom


def _footer(data: dict, canvas: list[str], top: float) -> float:
    x, inner = 24, WIDTH - 48
    parts, y = [], top + 16
    lines = [(f"{label}：{data[key]}", "#ffffff") for key, label in FACTS if data.get(key)]
    for text, fill in lines + [("图中数字均取自文件原文", ON_PRIMARY_SOFT)]:
        block = _paragraph(text, x, y, inner, 14, fill)
        parts.append(block.svg)
        y += block.height + 2
    y += 14
    canvas.append(f"<g>{_rect(0, top, WIDTH, y - top, PRIMARY)}{''.join(parts)}</g>")
    return y


def infographic_svg(data: dict) -> str:
    """The infographic as a standalone SVG 1.1 document (UTF-8 text).

    Deterministic: the same data gives the same bytes. Element ids are
    ``infographic-<doc id>-title`` and ``-desc``, unique on a page that
    inlines the picture. No scripts, images, fonts or external references.
    """
    canvas: list[str] = []  # the drawing's parts, top to bottom
    y = _header(data, canvas)
    y = _status(data, canvas, y)
    y += 20
    if data["goals"]:
        y = _section_title(data["goals_title"], canvas, y) + 10
        for i, goal in enumerate(data["goals"]):
            y = _goal_card(goal, i, canvas, y) + 12
        y += 12
    if data["task_groups"]:
        y = _section_title(data["tasks_title"], canvas, y) + 10
        for group in data["task_groups"]:
            y = _group_card(group, canvas, y) + 12
        y += 12
    height = math.ceil(_footer(data, canvas, y))
    prefix = "infographic-" + re.sub(r"[^A-Za-z0-9_-]+", "-", data.get("id") or "plan")
    title_id, desc_id = f"{prefix}-title", f"{prefix}-desc"
    head = (f'<svg xmlns="http://www.w3.org/2000/svg" version="1.1" viewBox="0 0 {WIDTH} {height}"'
            f' width="{WIDTH}" height="{height}" role="img" aria-labelledby="{title_id} {desc_id}"'
            f' xml:lang="zh-CN" font-family="{_xml(FONT_FAMILY)}" font-size="15" fill="{TEXT}">')
    body = "\n".join(
        [
            f'<title id="{title_id}">{_xml(data["title"])}</title>',
            f'<desc id="{desc_id}">{_xml(describe(data))}</desc>',
            _rect(0, 0, WIDTH, height, PAGE_BG),
            *filter(None, canvas),
        ]
    )
    return f'<?xml version="1.0" encoding="UTF-8"?>\n{head}\n{body}\n</svg>\n'
