"""axe-core, the accessibility audit, run in a page (pinned in package.json,
installed by ``npm ci``; the conftest fixture ``axe_source`` reads it)."""

from __future__ import annotations

from conftest import ROOT

AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"


def run_axe(page, source: str, extra_rules: tuple[str, ...] = ()) -> dict:
    """axe-core's results for the page as it is now: its default rules, and
    ``extra_rules`` that are off by default (e.g. the AAA contrast rule)."""
    if not page.evaluate("() => typeof window.axe === 'object'"):
        page.add_script_tag(content=source)
    return page.evaluate("""extra => axe.run(document, {resultTypes: ['violations'],
            rules: Object.fromEntries(extra.map(id => [id, {enabled: true}]))})
        .then(r => ({version: r.testEngine.version, violations: r.violations.map(v => ({
            id: v.id, impact: v.impact, help: v.help,
            nodes: v.nodes.map(n => ({target: n.target.join(' '), summary: n.failureSummary}))
        })), passes: r.passes.length}))""", list(extra_rules))


def describe(violations: list[dict]) -> str:
    lines = []
    for v in violations:
        lines.append(f"[{v['impact']}] {v['id']}: {v['help']} ({len(v['nodes'])} elements)")
        for node in v["nodes"][:5]:
            lines.append(f"    {node['target']}")
            lines.append("      " + (node["summary"] or "").replace("\n", "\n      "))
    return "\n".join(lines)
