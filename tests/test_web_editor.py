"""The web editor (编辑后台, /admin/): its configuration follows the model,
its local backend writes only content/ and keeps comments, and in Chromium
staff do their tasks through the form alone, each result checked in the
preview (issue 25)."""

from __future__ import annotations

import http.server
import threading
from pathlib import Path

import pytest
import yaml

from conftest import ROOT, copy_project, run_cli
from web_editor import UPDATE_S, choose, data, get, idle, list_item, open_entry, post, preview, publish, until

from policy_site import editor
from policy_site.content.loading import content_files
from policy_site.schema import model
from policy_site.schema.cms import FILES, FOLDERS, cms_config
from policy_site.schema.types import Date, Enum, List, Object, RefTo, resolve

# -- The configuration ------------------------------------------------------------


def _collections() -> dict[str, tuple[Object, list[dict]]]:
    config = {c["name"]: c for c in cms_config()["collections"]}
    found = {name: (m, config[name]["fields"]) for name, _, _, m in FOLDERS}
    found.update({name: (m, config[name]["files"][0]["fields"]) for name, _, _, m in FILES})
    return found


def _check_fields(obj: Object, fields: list[dict], optional: bool, where: str) -> int:
    """Every field of ``obj`` is in the form with the model's label, hint,
    widget and requiredness; returns how many were checked."""
    by_name = {f["name"]: f for f in fields}
    assert list(by_name) == [n for n in obj.fields if n in by_name], f"{where}: not in the model's order"
    checked = 0
    for name, field in obj.fields.items():
        if name not in by_name:
            assert obj is model.CLAUSE and name == "children", f"{where}.{name} missing from the form"
            continue
        widget, t = by_name[name], resolve(field.type)
        assert widget["label"] == field.label
        assert field.description in widget.get("hint", ""), f"{where}.{name}"
        assert widget["required"] == (field.required and not optional), f"{where}.{name}"
        item = resolve(t.item) if isinstance(t, List) else t
        if isinstance(item, Enum):
            assert widget["widget"] == "select" and [o["value"] for o in widget["options"]] == list(item.terms)
        elif isinstance(item, RefTo):
            assert widget["widget"] == "relation", f"{where}.{name}"
        elif isinstance(item, Date):
            assert widget["widget"] == "datetime" and widget["format"] == "YYYY-MM-DD" and not widget["time_format"]
        elif isinstance(item, Object):
            checked += _check_fields(item, widget["fields"], optional and not isinstance(t, List) or
                                     (not field.required and not isinstance(t, List)), f"{where}.{name}")
        checked += 1
    return checked


def test_the_editor_configuration_follows_the_model():
    """Every field of every kind of content file is in the form, in the
    model's order, with its Chinese label and hint; fixed lists are selects,
    references relations, dates date pickers; required fields are required
    (except inside a part that may be left out as a whole)."""
    collections = _collections()
    assert {m.name for m, _ in collections.values()} == {k.model.name for k in model.CONTENT_FILES}
    assert sum(_check_fields(m, fields, False, name) for name, (m, fields) in collections.items()) > 150
    config = cms_config()
    assert config["locale"] == "zh_Hans"
    basis = {f["name"]: f for f in collections["policies"][1]}["basis"]["fields"]
    assert [f["widget"] for f in basis] == ["relation", "relation"]  # the document and its clause, by name
    review = {f["name"]: f for f in collections["documents"][1]}["review"]
    assert review["allow_add"] is False and review["widget"] == "list"


def test_the_committed_configuration_is_current(tmp_path):
    """`make schema` writes schema/cms-config.yml; a stale one fails `schema --check`."""
    assert run_cli(ROOT, "schema", "--check").returncode == 0
    project = copy_project(tmp_path / "p")
    config = project / "schema" / "cms-config.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("label: 电话", "label: 电话号"), encoding="utf-8")
    result = run_cli(project, "schema", "--check")
    assert result.returncode == 1 and "cms-config.yml" in result.stderr


# -- The local backend --------------------------------------------------------------


@pytest.fixture
def project(tmp_path) -> Path:
    return copy_project(tmp_path / "project")


def test_collections_list_the_files_of_their_kind(project):
    backend = editor.LocalBackend(project)
    for name, _, folder, obj in FOLDERS:
        status, entries = backend.handle({"action": "entriesByFolder", "params": {"folder": folder}})
        expected = {p.relative_to(project).as_posix() for p, m in content_files(project / "content") if m is obj}
        assert status == 200 and {e["file"]["path"] for e in entries} == expected and expected, name
    status, entries = backend.handle({"action": "entriesByFolder", "params": {"folder": "content"}})
    assert "content/site.yaml" not in {e["file"]["path"] for e in entries}


def test_the_backend_writes_yaml_under_content_only(project):
    backend = editor.LocalBackend(project)
    before = {p: p.read_bytes() for p in project.rglob("*") if p.is_file()}
    for path in ["mkdocs.yml", "content/../mkdocs.yml", "content/site.txt", "schema/cms-config.yml",
                 "/etc/passwd", "content/.editor-index.yaml"]:
        status, reply = backend.handle({"action": "persistEntry", "params": {
            "dataFiles": [{"path": path, "raw": "name: x\n", "slug": "x"}], "assets": []}})
        assert status == 422 and "content/" in reply["error"], path
    assert {p: p.read_bytes() for p in project.rglob("*") if p.is_file()} == before


def test_a_save_keeps_the_comments_and_a_new_file_names_its_schema(project):
    """The editor writes no comments; the backend puts each back before the
    line it stood before. A new file starts with its schema line."""
    path = project / "content" / "governments" / "wucheng.yaml"
    old = path.read_text(encoding="utf-8")
    comments = [line.strip() for line in old.splitlines() if line.lstrip().startswith("#")]
    raw = yaml.safe_dump({**yaml.safe_load(old), "name": "金华市婺城区人民政府"}, allow_unicode=True, sort_keys=False)
    status, _ = editor.LocalBackend(project).handle({"action": "persistEntry", "params": {
        "dataFiles": [{"path": "content/governments/wucheng.yaml", "raw": raw, "slug": "wucheng"}], "assets": []}})
    assert status == 200
    new = path.read_text(encoding="utf-8")
    assert [line.strip() for line in new.splitlines() if line.lstrip().startswith("#")] == comments
    assert new.splitlines()[:2] == old.splitlines()[:2]
    lines = new.splitlines()
    assert lines[lines.index("departments:") - 1] == "# 婺城区的区科技局，不是海曙区的同名部门。"
    assert data(path) == {**yaml.load(old, Loader=yaml.BaseLoader), "name": "金华市婺城区人民政府"}
    status, _ = editor.LocalBackend(project).handle({"action": "persistEntry", "params": {
        "dataFiles": [{"path": "content/governments/yiwu.yaml", "raw": "id: yiwu\nname: 义乌市\n", "slug": "yiwu"}],
        "assets": []}})
    assert (project / "content/governments/yiwu.yaml").read_text(encoding="utf-8").splitlines()[0] == \
        "# yaml-language-server: $schema=../../schema/government.schema.json"
    assert run_cli(project, "check").returncode == 0


def test_the_editor_is_served_on_loopback_only(project, tmp_path):
    """Only a preview on 127.0.0.1 (or ::1, localhost) has the editor and its
    backend; on another address neither is there."""
    assert all(editor.loopback(h) for h in ["127.0.0.1", "::1", "[::1]", "localhost", ""])
    assert not any(editor.loopback(h) for h in ["0.0.0.0", "192.168.1.20", "::", "example.org"])
    from policy_site.preview import Preview, _handler

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _handler(Preview(project, tmp_path / "w"), None))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{server.server_address[1]}/"
    try:
        assert "decap-cms.js" not in get(url + "admin/")[1]
        assert post(url + "api/v1", {"action": "info"})[0] == 404
    finally:
        server.shutdown()


# -- In Chromium: the tasks staff do ------------------------------------------------

REVIEWED = "content/policies/tax-incentives.yaml"


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    """A preview (with its editor) of a copy of the fixture project; one
    entry carries a review item, as the importer leaves them."""
    project = copy_project(tmp_path_factory.mktemp("editor") / "project")
    entry = project / REVIEWED
    entry.write_text(entry.read_text(encoding="utf-8") + "review:\n  - field: support_standard\n"
                     "    reason: 对照原文核对支持标准。\n", encoding="utf-8")
    with preview(project) as (url, server):
        yield project, url


@pytest.fixture
def page(browser, site):
    """A page in Chinese that may reach the preview only: any other host fails the test."""
    from browser import new_context

    context = new_context(browser)
    elsewhere = []

    def route(r):
        if r.request.url.startswith(site[1]) or r.request.url.startswith(("data:", "blob:")):
            return r.continue_()
        elsewhere.append(r.request.url)
        return r.abort()

    context.route("**/*", route)
    page = context.new_page()
    yield page
    context.close()
    assert not elsewhere, f"the editor asked another host: {elsewhere}"


def _page_text(page, url: str, *shown: str, absent: tuple[str, ...] = ()) -> None:
    """Open ``url`` in a page of its own and wait until it shows ``shown``."""
    from browser import wait_for_page_text

    other = page.context.new_page()
    other.goto(url)
    wait_for_page_text(other, *shown, absent=absent, timeout=UPDATE_S * 1000)
    other.close()


def _unchanged_but(before, after, *changed: str) -> None:
    """``after`` is ``before`` except at the top-level fields ``changed``."""
    assert {k: v for k, v in after.items() if k not in changed} == \
           {k: v for k, v in before.items() if k not in changed}


def test_change_a_departments_phone(site, page):
    project, url = site
    path = project / "content/governments/wucheng.yaml"
    before = data(path)
    open_entry(page, url, "governments", "wucheng")
    item = list_item(page, "区科技局 (science-tech)")
    item.get_by_label("电话").fill("0579-82468000")
    publish(page)
    after = data(path)
    assert after["departments"][0] == {**before["departments"][0], "phone": "0579-82468000"}
    _unchanged_but(before, after, "departments")
    assert "# 婺城区的区科技局，不是海曙区的同名部门。" in path.read_text(encoding="utf-8")
    _page_text(page, url + "departments/wucheng/science-tech/", "0579-82468000")


def test_add_a_catalogue_entry(site, page):
    """A new entry, its basis document and clause and its department chosen by name."""
    project, url = site
    page.goto(url + "admin/#/collections/policies/new")
    page.get_by_label("编号", exact=True).first.fill("enterprise-upgrade-guidance")
    page.get_by_label("名称", exact=True).fill("个转企辅导")
    page.get_by_label("摘要", exact=True).fill("计划提出引导和支持个体工商户转型升级为企业。")
    choose(page, "支持方式", "辅导", "培训辅导")
    choose(page, "适用对象", "个体", "个体工商户")
    choose(page, "主管部门", "市场", "区市场监管局")
    page.get_by_role("button", name="新增政策依据").click()
    choose(page, "文件", "海曙", "宁波市海曙区人民政府办公室关于印发海曙区“小微企业三年成长计划”(2018-2020年)的通知")
    choose(page, "条款", "主体提质", "海曙区“小微企业三年成长计划”(2018-2020年) · 1. 主体提质行动。 (task-1-1)")
    page.get_by_label("最后核实日期", exact=True).fill("2026-11-30")
    publish(page)
    path = project / "content/policies/enterprise-upgrade-guidance.yaml"
    written = data(path)
    assert written["basis"] == [{"document": "hs-2018-138", "clause": "task-1-1"}]
    assert written["departments"] == ["market-regulation"] and written["last_verified"] == "2026-11-30"
    assert path.read_text(encoding="utf-8").startswith("# yaml-language-server: $schema=../../schema/policy.schema.json")
    _page_text(page, url + "policies/enterprise-upgrade-guidance/", "个转企辅导", "主体提质行动", "区市场监管局")


def test_mark_a_document_repealed_with_its_successor(site, page):
    """废止 on the older document; 替代 on the newer one, chosen by title: the
    older document's page says so and links to its successor."""
    project, url = site
    open_entry(page, url, "documents", "documents/zj-2018-34")
    choose(page, "有效性", "废止", "废止")
    page.get_by_label("废止日期", exact=True).fill("2021-06-30")
    publish(page)
    assert data(project / "content/documents/zj-2018-34.yaml")["metadata"]["validity"] == "废止"
    open_entry(page, url, "documents", "documents/nb-2018-105")
    page.get_by_role("button", name="新增文件关系").click()
    choose(page, "关系", "替代", "本文件替代")
    choose(page, "文件", "浙江", "浙江省人民政府办公厅关于印发浙江省“小微企业三年成长计划”(2018-2020年)的通知")
    publish(page)
    assert data(project / "content/documents/nb-2018-105.yaml")["relations"] == [
        {"type": "替代", "document": "zj-2018-34"}]
    _page_text(page, url + "documents/zj-2018-34/", "已废止", "替代本文件", "宁波市")


def test_edit_a_clause_make_an_error_and_see_it(site, page):
    """A clause's text that no longer holds its target's quote: the preview
    pane beside the form shows the error `make check` gives, then the page
    again once the text is put back."""
    project, url = site
    path = project / "content/gwr-2026-targets.yaml"
    original = data(path)["body"]["clauses"][0]["text"]
    open_entry(page, url, "documents", "gwr-2026-targets")
    clause = list_item(page, "(main-targets)")
    text = clause.get_by_label("正文", exact=True).first
    text.fill(original.replace("经济增长4.5%—5%", "经济增长5%"))
    publish(page)
    pane = page.frame_locator("iframe").first.frame_locator("iframe[title='预览：网站上的这一页']")
    pane.get_by_text("内容有错误").wait_for(timeout=UPDATE_S * 1000)
    assert "gwr-2026-targets.yaml" in pane.locator("pre").inner_text()
    text.fill(original)
    publish(page)
    idle(url)
    assert data(path)["body"]["clauses"][0]["text"] == original
    _page_text(page, url + "documents/gwr-2026-targets/", "经济增长", absent=("内容有错误",))


def test_close_a_review_item(site, page):
    project, url = site
    path = project / REVIEWED
    before = data(path)
    assert before["review"]
    open_entry(page, url, "policies", "tax-incentives")
    item = page.locator("[class*='listControlItem']", has=page.get_by_text("support_standard", exact=False)).last
    item.locator("button").last.click()  # the cross right of the item
    publish(page)
    after = data(path)
    assert "review" not in after or not after["review"]
    _unchanged_but(before, after, "review")
    assert run_cli(project, "check").returncode == 0
