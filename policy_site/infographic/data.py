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
    """What the infographic of ``doc`` shows, as plain data (str, bool, None, list, dict).

    The SVG and the page's text version are both made from this dict:

    - ``id``: the document id (prefixes the SVG's element ids).
    - ``title``: ``doc.short_title`` or ``doc.title``; the SVG's ``<title>``.
    - ``headline``: the plan's own title (``doc.body.title``), the poster's big
      heading, or None; ``period``: ``doc.body.subtitle``, e.g. "(2018—2020年)", or None.
    - ``doc_no``, ``issuer``: from the metadata, or None.
    - ``validity``: the site's word for the validity (``present.validity_word``:
      有效, 已废止, 已失效, 有效性未标注); ``state``: in-force / lapsed / unknown;
      ``status``: a one-line explanation of the validity (the VALIDITY term's
      description without its full stop).
    - ``goals``: one dict per goal clause (a clause with indicators), in order:
      ``{id, number, heading, indicators: [{id, metric, target, lead}]}``,
      where ``target`` is the target as the plan words it ("11700家以上") and
      ``lead`` the lead unit's name ("区市场监管局") or None.
    - ``goals_title``: the goals section heading, e.g. "六大目标".
    - ``task_groups``: the clauses that hold tasks (each task's parent), in order:
      ``{id, number, heading, tasks: [{id, number, heading}]}``; tasks without
      a parent clause form a group whose id, number and heading are None.
    - ``tasks_title``: the tasks section heading, e.g. "重点任务 5+3+3".
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
