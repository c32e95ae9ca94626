"""The office deployment of the web editor (issue 25, point 5): the published
site carries /admin/ against the office's own forge only when content/site.yaml
names one (``editor``), and a bad combination is a clear error. And the id a
new file gets in the preview's editor, proposed from its title (point 2)."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
import yaml

from conftest import CONTENT, ROOT, build_site, copy_project, serve, site_with

from policy_site import editor
from policy_site.proposed_id import from_doc_no, propose
from policy_site.schema.model import CONTENT_FILES

FORGE = "https://git.example.gov.cn"
GITLAB = f"""editor:
  backend: gitlab
  base_url: {FORGE}
  repo: xwqy/policy-site
  app_id: test-app-0001
  editorial_workflow: true
"""


def _site_yaml(extra: str) -> str:
    return (CONTENT / "site.yaml").read_text(encoding="utf-8") + extra


def _pages_linking_admin(site: Path) -> list[str]:
    return [p.relative_to(site).as_posix() for p in site.rglob("*.html")
            if "admin/" not in p.relative_to(site).as_posix() and re.search(r"""(href|src)=["'][^"']*admin/""",
                                                                             p.read_text(encoding="utf-8"))]


def test_without_settings_the_published_site_has_no_editor(site_dir):
    """The fixture's site.yaml names no forge: no /admin/, no page links to one."""
    assert "editor" not in yaml.safe_load((CONTENT / "site.yaml").read_text(encoding="utf-8"))
    assert not (site_dir / "admin").exists()
    assert not _pages_linking_admin(site_dir)


@pytest.fixture(scope="module")
def hosted(tmp_path_factory) -> Path:
    """The fixture site built with a self-hosted GitLab named in site.yaml."""
    return site_with(tmp_path_factory.mktemp("hosted"), {"site.yaml": _site_yaml(GITLAB)})


def test_with_a_forge_the_published_site_has_the_editor_against_it(hosted):
    admin = hosted / "admin"
    config = yaml.safe_load((admin / "config.yml").read_text(encoding="utf-8"))
    assert config["backend"] == {"name": "gitlab", "repo": "xwqy/policy-site", "branch": "main", "base_url": FORGE,
                                 "api_root": FORGE + "/api/v4", "auth_type": "pkce", "app_id": "test-app-0001"}
    assert config["publish_mode"] == "editorial_workflow"
    assert config["locale"] == "zh_Hans"
    # The clause and indicator index is the preview's: on a forge a clause is typed as its id.
    assert "editor_index" not in {c["name"] for c in config["collections"]}
    assert "editor_index" not in (admin / "config.yml").read_text(encoding="utf-8")
    # From a forge Decap lists a folder's own files only: every folder of content files has a collection.
    listed = {c.get("folder") for c in config["collections"]} | {
        f["file"].rsplit("/", 1)[0] for c in config["collections"] for f in c.get("files", [])}
    for kind in CONTENT_FILES:
        assert "/".join(["content", *kind.pattern.split("/")[:-1]]) in listed, kind.pattern
    cited = next(c for c in config["collections"] if c.get("folder") == "content/documents")
    assert cited["label"] == "文件（content/documents 文件夹）" and cited["fields"] == next(
        c for c in config["collections"] if c["name"] == "documents")["fields"]
    basis = next(f for f in next(c for c in config["collections"] if c["name"] == "policies")["fields"]
                 if f["name"] == "basis")
    assert [(f["name"], f["widget"]) for f in basis["fields"]] == [("document", "relation"), ("clause", "string")]
    # The page loads its scripts from beside it, nothing from another host, and has no local backend.
    page = (admin / "index.html").read_text(encoding="utf-8")
    scripts = re.findall(r"<script src=\"([^\"]+)\"", page) + re.findall(r"href=\"([^\"]+)\"", page)
    assert scripts == ["decap-cms.js", "config.yml"]
    assert all((admin / name).is_file() for name in scripts)
    assert "proxy" not in page and "api/v1" not in page and not re.search(r"https?:|src=\"//", page)
    assert (admin / "decap-cms.js").read_bytes() == (editor.dist(ROOT) / "decap-cms.js").read_bytes()
    assert not _pages_linking_admin(hosted)


def test_gitea_settings_and_their_default_api(tmp_path):
    from policy_site.schema.cms import published_config
    from policy_site.content import load_content

    project = copy_project(tmp_path / "p")
    (project / "content" / "site.yaml").write_text(_site_yaml(
        "editor:\n  backend: gitea\n  base_url: https://forgejo.example.gov.cn/\n  repo: xwqy/policy-site\n"
        "  branch: publish\n  app_id: 0b7c-11\n"), encoding="utf-8")
    config = published_config(load_content(project / "content").site.editor)
    assert config["backend"]["api_root"] == "https://forgejo.example.gov.cn/api/v1"
    assert config["backend"]["branch"] == "publish" and "publish_mode" not in config


@pytest.mark.parametrize("settings, field, words", [
    ("editor:\n  backend: gitea\n  base_url: https://git.example.gov.cn\n  repo: a/b\n  app_id: x1\n"
     "  editorial_workflow: true\n", "editorial_workflow", ["不支持审核流程", "does not support the editorial workflow"]),
    ("editor:\n  backend: gitlab\n  base_url: https://git.example.gov.cn\n  repo: policy site\n  app_id: x1\n",
     "repo", ["写法不对", "not in the expected form", "平台上仓库或应用页面"]),
    ("editor:\n  backend: github\n  base_url: https://git.example.gov.cn\n  repo: a/b\n  app_id: x1\n",
     "backend", ["不在可选值中", "gitlab", "gitea"]),
    ("editor:\n  backend: gitlab\n  repo: a/b\n  app_id: x1\n", "backend", ["缺少必填字段“base_url”", "base_url"]),
])
def test_bad_settings_are_a_clear_error_and_nothing_is_built(tmp_path, settings, field, words):
    project = copy_project(tmp_path / "p")
    text = _site_yaml(settings)
    (project / "content" / "site.yaml").write_text(text, encoding="utf-8")
    lines = text.splitlines()
    line = next(n for n, t in enumerate(lines, 1) if t.strip().startswith(field + ":"))
    result = build_site(project, tmp_path / "site")
    assert result.returncode == 1 and not (tmp_path / "site").exists()
    assert re.search(rf"content/site\.yaml:{line}:\d+ ", result.stderr), result.stderr
    for word in words + ["错误", "Error", "网站未更新"]:
        assert word in result.stderr, (word, result.stderr)


# -- In Chromium: the published /admin/ ----------------------------------------------


def test_the_published_editor_asks_only_the_site_and_its_forge(browser, hosted):
    """The login screen appears from the site's own files, and the login
    goes to the configured forge (PKCE, the app id, back to /admin/); no
    other host is asked for anything. The forge is never contacted: its
    requests are recorded and aborted."""
    from browser import new_context
    from preview_server import until

    server, url = serve(hosted)
    context = new_context(browser)
    forge, elsewhere = [], []

    def route(r):
        address = r.request.url
        if address.startswith(url) or address.startswith(("data:", "blob:")):
            return r.continue_()
        (forge if address.startswith(FORGE + "/") else elsewhere).append(address)
        return r.abort()

    context.route("**/*", route)
    try:
        page = context.new_page()
        page.goto(url + "admin/")
        page.get_by_role("button", name="使用 GitLab 登录").click()
        until(lambda: forge, 60, "the login goes to the forge")
        login = urlsplit(forge[0])
        assert f"{login.scheme}://{login.netloc}{login.path}" == FORGE + "/oauth/authorize"
        query = parse_qs(login.query)
        assert query["client_id"] == ["test-app-0001"] and query["code_challenge_method"] == ["S256"]
        assert query["redirect_uri"][0].startswith(url + "admin/")
        assert not elsewhere, f"the editor asked another host: {elsewhere}"
    finally:
        context.close()
        server.shutdown()


# -- Ids proposed from the title -------------------------------------------------------


def test_the_importer_and_the_editor_name_a_document_by_one_rule(tmp_path):
    """A 文号 gives doc-<year>-<number> (the importer's name for it); else the
    pinyin of the title; a taken id gets a number; the backend checks what
    staff type against the id pattern and the ids of the same kind."""
    assert from_doc_no("甬海政办发〔2018〕138号") == "doc-2018-138" and from_doc_no("无文号") is None
    assert propose("海曙区小微企业", "甬海政办发〔2018〕138号", set()) == "doc-2018-138"
    assert propose("个转企辅导", None, set()) == "ge-zhuan-qi-fu-dao"
    assert propose("个转企辅导", None, {"ge-zhuan-qi-fu-dao"}) == "ge-zhuan-qi-fu-dao-2"
    assert propose("重庆市 2026 年贷款贴息", None, set()) == "chong-qing-shi-2026-nian-dai-kuan-tie"
    assert propose("“”《》", None, set()) == ""
    backend = editor.LocalBackend(copy_project(tmp_path / "p"))

    def ask(**params):
        status, reply = backend.handle({"action": "proposeId", "params": params})
        assert status == 200
        return reply

    assert ask(collection="documents", title="x", doc_no="甬海政办发〔2018〕138号")["proposal"] == "doc-2018-138"
    taken = ask(collection="documents", title="x", id="hs-2018-138")  # a document's own id, not its file name
    assert "hs-2018-138" in taken["problem"] and "已被使用" in taken["problem"] and "taken" in taken["problem"]
    assert "只能用小写英文字母" in ask(collection="policies", title="个转企辅导", id="Ge Zhuan")["problem"]
    assert ask(collection="policies", title="个转企辅导", id="ge-zhuan")["problem"] == ""
    assert ask(collection="governments", title="婺城区", id="wucheng")["proposal"] == "wu-cheng-qu"
    assert backend.handle({"action": "proposeId", "params": {"collection": "site"}})[0] == 422
    # A government's new department: unique among the departments of the form's list only.
    department = dict(collection="governments", list="departments", title="区科技局")
    assert ask(**department, taken=["science-tech"])["proposal"] == "qu-ke-ji-ju"
    assert ask(**department, taken=["qu-ke-ji-ju"])["proposal"] == "qu-ke-ji-ju-2"
    assert "已被使用" in ask(**department, taken=["science-tech"], id="science-tech")["problem"]
    assert ask(**department, taken=[], id="science-tech")["problem"] == ""  # another government's id is free
    assert backend.handle({"action": "proposeId", "params": {**department, "list": "review"}})[0] == 422

