"""Every module of the package imports on its own, as the first import of a
fresh interpreter: an import cycle that a lucky order hides (a test worker
importing ``policy_site.render`` before anything else) fails here instead."""

from __future__ import annotations

import pkgutil
import subprocess
import sys

import pytest

import policy_site

# __main__ runs the command line when imported.
MODULES = sorted(m.name for m in pkgutil.walk_packages(policy_site.__path__, "policy_site.")
                 if not m.name.endswith(".__main__"))


def test_the_package_has_its_modules():
    assert {"policy_site.render", "policy_site.present", "policy_site.content.originals"} <= set(MODULES)


@pytest.mark.parametrize("module", MODULES)
def test_module_imports_first(module):
    done = subprocess.run([sys.executable, "-c", f"import {module}"], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
