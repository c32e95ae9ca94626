"""axe-core, the accessibility audit, run in a page (pinned in package.json,
installed by ``npm ci``; the conftest fixture ``axe_source`` reads it)."""

from __future__ import annotations

from conftest import ROOT

AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"


# Rules axe-core leaves off by default that every audit switches on: those
# of WCAG 2.2 AA (target-size, 2.5.8: a target 24 px or more, or spaced).
WCAG22AA = "wcag22aa"


def run_axe(page, source: str, extra_rules: tuple[str, ...] = (), tags: tuple[str, ...] = (WCAG22AA,)) -> dict:
    """axe-core's results for the page as it is now: its default rules, the
    rules of ``tags``, and ``extra_rules`` that are off by default (e.g. the
    AAA contrast rule)."""
    if not page.evaluate("() => typeof window.axe === 'object'"):
        page.add_script_tag(content=source)
    return page.evaluate("""([extra, tags]) => axe.run(document, {resultTypes: ['violations'],
            rules: Object.fromEntries(extra.concat(tags.length ? axe.getRules(tags).map(r => r.ruleId) : [])
                                          .map(id => [id, {enabled: true}]))})
        .then(r => ({version: r.testEngine.version, violations: r.violations.map(v => ({
            id: v.id, impact: v.impact, help: v.help,
            nodes: v.nodes.map(n => ({target: n.target.join(' '), summary: n.failureSummary}))
        })), passes: r.passes.length}))""", [list(extra_rules), list(tags)])


def describe(violations: list[dict]) -> str:
    lines = []
    for v in violations:
        lines.append(f"[{v['impact']}] {v['id']}: {v['help']} ({len(v['nodes'])} elements)")
        for node in v["nodes"][:5]:
            lines.append(f"    {node['target']}")
            lines.append("      " + (node["summary"] or "").replace("\n", "\n      "))
    return "\n".join(lines)
