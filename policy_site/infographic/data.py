"""一图读懂, what the poster says: ``infographic_data(content, doc)`` collects
it from the content as plain data, and ``describe(data)`` says it in one
paragraph (the SVG's <desc>).

The SVG (``svg.py``) and the page's text version are both made from this
data, so the picture and its text alternative cannot differ, and no number
is ever typed: every target comes from the indicator records through
``present.target_text``, every count from the number of clauses.
"""

from __future__ import annotations

from ..chinese import chinese_number
from ..present import doc_name, target_text, validity, validity_word

# The document's facts the poster names at its foot, with their labels.
FACTS = (("doc_no", "文号"), ("issuer", "发布单位"))


def infographic_data(content, doc) -> dict:
    """What the infographic of ``doc`` shows, as plain data (str, bool, None,
    list, dict), from which the SVG and the page's text version are both made.

    ``headline`` and ``period`` are the plan's own title and subtitle (None
    without a body); ``status`` explains the validity in one line (its
    VALIDITY term's description). ``goals`` are the clauses with indicators,
    each target as the plan words it (``present.target_text``); ``task_groups``
    are the clauses that hold tasks (each task's parent), the tasks without a
    parent clause forming a group whose id, number and heading are None.
    """
    meta = doc.metadata
    term = validity(doc)
    body = doc.body

    def named(clause) -> dict:  # None: the group of tasks without a parent clause
        return {key: getattr(clause, key) if clause is not None else None for key in ("id", "number", "heading")}

    goals = [{**named(ref.clause), "indicators": [
        {"id": ind.id, "metric": ind.metric, "target": target_text(ind), "lead": ind.lead.name if ind.lead else None}
        for ind in ref.clause.indicators]} for ref in content.goals(doc)]
    groups: dict = {}
    for ref in content.tasks(doc):
        group = named(ref.parents[-1] if ref.parents else None)
        groups.setdefault(group["id"], {**group, "tasks": []})["tasks"].append(named(ref.clause))
    task_groups = list(groups.values())
    return {
        "id": doc.id,
        "title": doc_name(doc),
        "headline": body.title if body else None,
        "period": body.subtitle if body else None,
        "doc_no": meta.doc_no if meta else None,
        "issuer": meta.issuer if meta else None,
        "validity": validity_word(doc),
        "state": term.extra["state"],
        "status": term.description.rstrip("。"),
        "goals": goals,
        "goals_title": f"{chinese_number(len(goals))}大目标" if len(goals) > 1 else "主要目标",
        "task_groups": task_groups,
        "tasks_title": "重点任务 " + "+".join(str(len(g["tasks"])) for g in task_groups)
        if len(task_groups) > 1
        else "重点任务",
    }


def display(text: str | None) -> str:
    """A heading as a poster shows it: without the sentence's full stop."""
    return (text or "").strip().rstrip("。")


def task_name(task: dict, index: int) -> str:
    """主体提质行动 (from 主体提质行动。); a task without a heading by its number."""
    return display(task.get("heading")) or (task.get("number") or "").strip() or str(index + 1)


def describe(data: dict) -> str:
    """The whole picture as one paragraph: the SVG's <desc>."""
    parts = [f"一图读懂:{data.get('headline') or data['title']}{data.get('period') or ''}。"]
    if data.get("validity"):
        parts.append(f"有效性:{data['validity']}" + (f",{data['status']}" if data.get("status") else "") + "。")
    if data["goals"]:
        goals = []
        for goal in data["goals"]:
            inds = ";".join(
                f"{ind['metric']}{ind['target']}" + (f"（牵头：{ind['lead']}）" if ind.get("lead") else "")
                for ind in goal["indicators"]
            )
            goals.append(f"{goal.get('number') or ''}{display(goal.get('heading'))}:{inds}。")
        parts.append(f"{data['goals_title']}:" + "".join(goals))
    if data["task_groups"]:
        groups = []
        for group in data["task_groups"]:
            names = "、".join(task_name(t, i) for i, t in enumerate(group["tasks"]))
            groups.append(f"{group.get('number') or ''}{display(group.get('heading'))},"
                          f"共{len(group['tasks'])}项:{names}。")
        parts.append(f"{data['tasks_title']}:" + "".join(groups))
    facts = [f"{label}{data[key]}" for key, label in FACTS if data.get(key)]
    if facts:
        parts.append(",".join(facts) + "。")
    return "".join(parts)
