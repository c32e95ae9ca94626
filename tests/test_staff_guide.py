"""The staff guide (编辑指南.md) cannot go stale: every command in it is run.

The guide marks what staff type as ```命令 blocks and what the screen shows as
```屏幕 blocks. This test runs the commands in order, as staff would, on a copy
of the fixture project (a git repository with a remote of its own), and
checks that each screen block right after a command block matches the output:
every line of it appears in the output, ``……`` standing for any text.

A screen block elsewhere names what produces it in an HTML comment just
before it: ``<!-- 示例: CASE -->`` is a case of the bad-input corpus
(tests/bad_inputs/CASE) and ``<!-- 场景: NAME -->`` a scenario below. A screen
block with neither, or a command the runner does not know, fails the test.

Translations (the test runs on Linux, inside the test's own environment):
``make X`` runs make with PY set to this Python (so make neither creates nor
fills a .venv); ``.venv/bin/python`` and ``.venv\\Scripts\\python`` are this
Python; ``py``/``python3 -m venv .venv`` make a venv with this Python (in a scratch
folder, without pip, which the next lines install);
``项目地址`` is the remote's path. The two ``pip install`` lines are not run
(they would download everything, or change the test's own environment):
they must be the Makefile's install commands word for word instead.
"""

from __future__ import annotations

import os
import re
import shlex
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from conftest import ROOT, copy_project, project_before_imports, run_cli
from bad_input_cases import CORPUS, apply_case
from drafts_content import DOC_ITEMS, DRAFT_DOC, with_review

GUIDE = ROOT / "编辑指南.md"
MAKEFILE = ROOT / "Makefile"
SERVE_S = 180  # the preview's first full build on a loaded machine


@dataclass
class Block:
    kind: str  # 命令 or 屏幕
    lines: list[str]
    line: int  # where it starts in the guide
    marker: str | None = None  # 示例: … / 场景: … before a screen block
    follows_command: bool = False
    commands: list[str] = field(default_factory=list)


def guide_blocks(text: str) -> list[Block]:
    """The 命令 and 屏幕 blocks in order, each screen block tied to what produces it."""
    blocks: list[Block] = []
    lines = text.split("\n")
    i = 0
    between: list[str] = []  # the lines since the last fenced block
    while i < len(lines):
        m = re.match(r"^```(\S*)\s*$", lines[i])
        if not m:
            between.append(lines[i])
            i += 1
            continue
        kind, start = m.group(1), i
        i += 1
        body = []
        while i < len(lines) and lines[i].rstrip() != "```":
            body.append(lines[i])
            i += 1
        i += 1  # the closing fence
        if kind in ("命令", "屏幕"):
            block = Block(kind, body, start + 1)
            if kind == "屏幕":
                marker = [re.match(r"^<!-- (示例|场景): (.+) -->$", b.strip()) for b in between]
                marker = [x for x in marker if x]
                if marker:
                    block.marker = f"{marker[-1].group(1)}: {marker[-1].group(2)}"
                elif blocks and blocks[-1].kind == "命令" and not "".join(between).strip():
                    block.follows_command = True
                    block.commands = blocks[-1].lines
            blocks.append(block)
        between = []
    return blocks


def matches(expected: list[str], output: str) -> list[str]:
    """The expected lines that no output line matches (…… is any text)."""
    out_lines = output.split("\n")
    missing = []
    for want in (w.strip() for w in expected):
        if not want:
            continue
        pattern = ".*".join(re.escape(part) for part in want.split("……"))
        if not any(re.search(pattern, line) for line in out_lines):
            missing.append(want)
    return missing


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _git(cwd: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True, text=True)


class Staff:
    """Runs the guide's commands in a copy of the project, as staff would."""

    def __init__(self, tmp: Path):
        self.tmp = tmp
        self.project = project_before_imports(tmp / "project")
        for name in ["Makefile", "requirements.txt", "pyproject.toml"]:
            shutil.copy2(ROOT / name, self.project / name)
        # What staff have when they reach "用命令提交": the new entry of "新增一个政策目录条目".
        entry = (self.project / "content" / "policies" / "tax-incentives.yaml").read_text(encoding="utf-8")
        self.new_entry = entry.replace("id: tax-incentives", "id: new-entry").replace(
            "税收优惠政策落实", "新条目(指南测试)").replace("last_verified: 2026-11-25", "last_verified: 2026-11-26")
        # The source of "导入新文件", saved as the guide says.
        shutil.copy2(ROOT / "tests" / "import_sources" / "ningxia-village-affairs-measures.txt",
                     self.project / "村务公开办法.txt")
        # A repository with a remote, as after "取得项目".
        self.remote = tmp / "remote.git"
        _git(self.project, "init", "-q", "-b", "main")
        _git(self.project, "config", "user.name", "编辑")
        _git(self.project, "config", "user.email", "editor@example.invalid")
        _git(self.project, "add", "-A")
        _git(self.project, "commit", "-q", "-m", "start")
        _git(tmp, "clone", "-q", "--bare", str(self.project), str(self.remote))
        _git(self.project, "remote", "add", "origin", str(self.remote))
        _git(self.project, "fetch", "-q", "origin")
        _git(self.project, "branch", "-q", "--set-upstream-to=origin/main", "main")
        self.env = dict(os.environ, PYTHONPATH=str(ROOT))
        self.env.pop("ADDR", None)
        self.port = _free_port()

    def run(self, command: str) -> str:
        """Run one line of a 命令 block; its output (stdout and stderr)."""
        words = shlex.split(command.replace("\\", "/"))
        if words[0] == "git" and words[1] == "clone":
            assert words[2] == "项目地址", command
            target = self.tmp / "clone"
            target.mkdir(exist_ok=True)
            return self._call(["git", "clone", str(self.remote), *words[3:]], cwd=target)
        if words[0] == "git":
            if words[1:3] == ["add", "content/policies/new-entry.yaml"]:
                (self.project / "content" / "policies" / "new-entry.yaml").write_text(self.new_entry, encoding="utf-8")
            return self._call(words)
        if words[:4] in (["py", "-m", "venv", ".venv"], ["python3", "-m", "venv", ".venv"]):
            venv = self.tmp / ("venv-" + words[0])
            return self._call([sys.executable, "-m", "venv", "--without-pip", str(venv)])
        if words[0] in (".venv/bin/python", ".venv/Scripts/python"):
            if words[1:4] == ["-m", "pip", "install"]:
                assert words[4:] in makefile_installs(), f"{command!r} is not what the Makefile installs with"
                return "(not run: the Makefile's install command)"
            return self._call([sys.executable, *words[1:]])
        if words[0] == "make":
            if words[1] == "serve":
                return self._serve(["make", f"PY={sys.executable}", *words[1:], f"ADDR=127.0.0.1:{self.port}"])
            return self._call(["make", f"PY={sys.executable}", *words[1:]])
        raise AssertionError(f"the guide's command {command!r} is not one the test knows how to run")

    def _call(self, argv: list[str], cwd: Path | None = None) -> str:
        self._installed()
        result = subprocess.run(argv, cwd=cwd or self.project, capture_output=True, text=True, env=self.env,
                                timeout=600)
        output = result.stdout + result.stderr
        assert result.returncode == 0, f"{argv} failed:\n{output[-3000:]}"
        assert "Traceback" not in output, output[-3000:]
        return output

    def _installed(self) -> None:
        # make installs into .venv once; here the test's own environment stands in for it.
        marker = self.project / ".venv" / ".site-installed"
        if not marker.exists():
            marker.parent.mkdir(exist_ok=True)
            marker.touch()
            later = time.time() + 5
            os.utime(marker, (later, later))

    def _serve(self, argv: list[str]) -> str:
        """Start the preview, wait until it serves the home page, stop it."""
        self._installed()
        server = subprocess.Popen(argv, cwd=self.project, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                                  text=True, env=self.env, start_new_session=True)
        url = f"http://127.0.0.1:{self.port}/"
        deadline = time.monotonic() + SERVE_S
        try:
            while True:
                assert server.poll() is None, f"the preview stopped:\n{server.stdout.read()[-3000:]}"
                assert time.monotonic() < deadline, "the preview did not serve the home page in time"
                try:
                    with urllib.request.urlopen(url, timeout=2) as response:
                        if response.status == 200:
                            break
                except OSError:
                    time.sleep(0.5)
        finally:
            os.killpg(server.pid, signal.SIGTERM)  # the session of the make we started, and only it
            output = server.communicate(timeout=30)[0]
        return output.replace(f":{self.port}/", ":8000/")


def makefile_installs() -> list[list[str]]:
    """The pip install arguments of the Makefile's install recipes, without its quiet flags."""
    found = []
    for line in MAKEFILE.read_text(encoding="utf-8").split("\n"):
        m = re.match(r"^\t\$\(PY\) -m pip install (.*)$", line)
        if m:
            args = [a for a in shlex.split(m.group(1)) if a not in ("--quiet", "--disable-pip-version-check")]
            found.append(args)
    return found


@pytest.fixture(scope="module")
def ran(tmp_path_factory):
    """Every command block of the guide, run in order: (block, output) pairs."""
    staff = Staff(tmp_path_factory.mktemp("guide"))
    results = []
    for block in guide_blocks(GUIDE.read_text(encoding="utf-8")):
        if block.kind == "命令":
            results.append((block, "\n".join(staff.run(c) for c in block.lines if c.strip())))
    return results


def test_the_guide_has_commands_and_screens():
    blocks = guide_blocks(GUIDE.read_text(encoding="utf-8"))
    commands = [c for b in blocks if b.kind == "命令" for c in b.lines]
    for needed in ["make check", "make serve", "make ids", "git commit", "git push", "make import",
                   ".venv\\Scripts\\python -m pip install -r requirements.txt", "py -m venv .venv"]:
        assert any(c.startswith(needed) for c in commands), needed
    for block in blocks:
        if block.kind == "屏幕":
            assert block.follows_command or block.marker, f"line {block.line}: a screen block with no command"


def test_every_command_runs_and_shows_what_the_guide_says(ran):
    assert ran
    for block, output in ran:
        screens = [b for b in guide_blocks(GUIDE.read_text(encoding="utf-8"))
                   if b.kind == "屏幕" and b.follows_command and b.commands == block.lines]
        for screen in screens:
            missing = matches(screen.lines, output)
            assert not missing, f"guide line {screen.line}: {missing} not in the output of {block.lines}:\n{output[-3000:]}"


def test_example_errors_are_what_check_prints(tmp_path):
    for block in guide_blocks(GUIDE.read_text(encoding="utf-8")):
        if block.kind != "屏幕" or not block.marker or not block.marker.startswith("示例: "):
            continue
        case = block.marker.removeprefix("示例: ")
        project = copy_project(tmp_path / case)
        apply_case(CORPUS / case, project)
        result = run_cli(project, "check")
        assert result.returncode == 1
        missing = matches(block.lines, result.stderr)
        assert not missing, f"guide line {block.line} ({case}): {missing} not in:\n{result.stderr[-3000:]}"


def _append(path: Path, text: str) -> None:
    path.write_text(path.read_text(encoding="utf-8") + text, encoding="utf-8")


# 导入新文件: a draft with one open review item (the first of tests/drafts_content.py)
_draft = lambda project: with_review(project / "content" / f"{DRAFT_DOC}.yaml", DOC_ITEMS[:1])
SCENARIOS = {
    # 新增一个政策目录条目: a copy changed in id and name only
    "复制条目": lambda project: (project / "content" / "policies" / "copied-entry.yaml").write_text(
        (project / "content" / "policies" / "tax-incentives.yaml").read_text(encoding="utf-8")
        .replace("id: tax-incentives", "id: copied-entry").replace("税收优惠政策落实", "复制的条目"), encoding="utf-8"),
    # 用网页编辑: a forge without the editorial workflow asked for it
    "审核流程不支持": lambda project: _append(project / "content" / "site.yaml", (
        "editor:\n  backend: gitea\n  base_url: https://git.example.gov.cn\n  repo: xwqy/policy-site\n"
        "  app_id: x1\n  editorial_workflow: true\n")),
    "草稿": _draft,
    "草稿构建": _draft,
}
# What a scenario's screen shows the output of (else check).
SCENARIO_COMMANDS = {"草稿构建": ("build",)}


def test_scenario_screens_are_what_check_or_build_prints(tmp_path):
    for block in guide_blocks(GUIDE.read_text(encoding="utf-8")):
        if block.kind != "屏幕" or not block.marker or not block.marker.startswith("场景: "):
            continue
        name = block.marker.removeprefix("场景: ")
        assert name in SCENARIOS, f"guide line {block.line}: no scenario {name!r} in this test"
        project = copy_project(tmp_path / name)
        SCENARIOS[name](project)
        result = run_cli(project, *SCENARIO_COMMANDS.get(name, ("check",)))
        missing = matches(block.lines, result.stdout + result.stderr)
        assert not missing, f"guide line {block.line} ({name}): {missing} not in:\n{result.stderr[-3000:]}"


def test_the_table_of_plain_commands_is_what_make_runs():
    """Each row of "有 make 和没有 make": the plain command is the one make runs."""
    text = GUIDE.read_text(encoding="utf-8")
    rows = re.findall(r"^\| `(make [^`]+)` \| `(\.venv/bin/python -m policy_site [^`]+)` \|", text, re.M)
    assert len(rows) >= 6
    defaults = {"--addr": "127.0.0.1:8000"}  # the CLI's own defaults
    for make_cmd, plain in rows:
        dry = subprocess.run(["make", "-n", "-s", "-f", str(MAKEFILE), "PY=PY", "SITE_INSTALLED=",
                              *shlex.split(make_cmd)[1:]], cwd=ROOT, capture_output=True, text=True)
        assert dry.returncode == 0, dry.stderr
        ran = [line for line in dry.stdout.split("\n") if line.startswith("PY -m policy_site")][-1]
        words = shlex.split(ran)[1:]
        for option, default in defaults.items():
            if option in words and words[words.index(option) + 1] == default and option not in plain:
                i = words.index(option)
                del words[i:i + 2]
        assert words == shlex.split(plain)[1:], (make_cmd, ran, plain)
