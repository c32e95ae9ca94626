"""Suggest what a reference that does not resolve probably meant.

``unknown_reference`` is the one place the message is made: it takes the
candidates (id -> names staff know them by, e.g. a department's short and
full name) and returns the Chinese and English text listing every choice
with its names and the closest ones first. Whatever decides the candidates
(all departments today, a government's departments tomorrow) passes them in.
"""

from __future__ import annotations

import difflib

from .schema.types import shown

# Beyond this many choices the message names only the closest ones.
MAX_LISTED = 40
# Values longer than this are not compared (a pasted paragraph, a huge id).
MAX_COMPARED = 100


def _ranked(value: str, candidates: dict[str, list[str]]) -> list[tuple[str, float]]:
    if not value or len(value) > MAX_COMPARED:
        return []
    scores: dict[str, float] = {}
    folded = value.strip().lower()
    for cid, names in candidates.items():
        best = 0.0
        for label in [cid, *names]:
            label = (label or "").strip().lower()
            if not label:
                continue
            if label == folded:
                score = 2.0  # a name written where the id belongs
            elif folded in label or label in folded:
                score = 1.0 + min(len(label), len(folded)) / max(len(label), len(folded))
            else:
                score = difflib.SequenceMatcher(None, folded, label).ratio()
            best = max(best, score)
        scores[cid] = best
    return sorted(((c, s) for c, s in scores.items() if s >= 0.6), key=lambda found: (-found[1], found[0]))


def _label(cid: str, names: list[str]) -> str:
    shown_names = "、".join(dict.fromkeys(n for n in names if n))
    return f"{cid}({shown_names})" if shown_names else cid


def unknown_reference(value: str, candidates: dict[str, list[str]], zh_kind: str, en_kind: str,
                      where_zh: str = "", where_en: str = "",
                      head: tuple[str, str] | None = None) -> tuple[str, str]:
    """(zh, en) for an id of kind ``zh_kind``/``en_kind`` that is not among
    ``candidates``; ``head`` replaces the first sentence (what is unknown)."""
    head_zh, head_en = head or (f"未知的{zh_kind}编号“{shown(value)}”。", f'unknown {en_kind} id "{shown(value)}".')
    ranked = _ranked(value, candidates)
    tied = [c for c, score in ranked if score == ranked[0][1]][:6] if ranked else []
    ranked = ranked[:3]
    best = [c for c, _ in ranked]
    guess_zh = guess_en = ""
    if len(tied) > 1:
        guess_zh = f"它可能是 {'、'.join(_label(c, candidates[c]) for c in tied)} 之一,请按名称核对后选择。"
        guess_en = f" It may be any of {', '.join(_label(c, candidates[c]) for c in tied)}: check the names."
    elif best:
        guess_zh = f"是不是要写 {best[0]}({'、'.join(n for n in candidates[best[0]] if n) or best[0]})?"
        guess_en = f" Did you mean {best[0]} ({', '.join(n for n in candidates[best[0]] if n) or best[0]})?"
        others = best[1:]
        if others:
            guess_zh += f"相近的还有:{'、'.join(_label(c, candidates[c]) for c in others)}。"
            guess_en += f" Also close: {', '.join(_label(c, candidates[c]) for c in others)}."
    if any(sep in value for sep in ("，", "、", ",")) and len(value) <= MAX_COMPARED:
        guess_zh += "几个编号要分开写:用半角方括号和半角逗号,例如 [a, b],或每个编号一行,以“- ”开头。"
        guess_en += " Write several ids apart: [a, b] with half-width commas, or one per line starting with \"- \"."
    listed = list(candidates)
    if len(listed) > MAX_LISTED:
        listed = best or listed[:MAX_LISTED]
        more_zh, more_en = f"(共 {len(candidates)} 个,完整列表见 python -m policy_site ids)", \
            f" ({len(candidates)} in all; python -m policy_site ids lists them)"
    else:
        more_zh = more_en = ""
    choices_zh = "、".join(_label(c, candidates[c]) for c in listed) or "(无)"
    choices_en = ", ".join(_label(c, candidates[c]) for c in listed) or "(none)"
    return (
        f"{head_zh}{guess_zh}这里要写{zh_kind}的编号(英文),不是名称。"
        f"可选的{zh_kind}编号:{choices_zh}{more_zh}。{where_zh}",
        f"{head_en}{guess_en}"
        f" Write the {en_kind}'s id, not its name. "
        f"Known {en_kind} ids: {choices_en}{more_en}.{where_en}",
    )
