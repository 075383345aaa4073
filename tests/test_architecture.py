"""The layers of docs/architecture.md, read off the real import graph.

`make lint` checks the same with import-linter's contracts (pyproject.toml); this test
says the kernel's rule in plain Python, and that every app is placed in a layer.
"""

import tomllib
from pathlib import Path

import grimp
import pytest
from django.apps import apps

ROOT = Path(__file__).resolve().parent.parent


def _config():
    return tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["importlinter"]


def _our_apps():
    """Every installed app that lives in this repository, by its top-level package."""
    packages = {config.name.split(".")[0] for config in apps.get_app_configs()}
    return sorted(name for name in packages if (ROOT / name / "__init__.py").exists())


def _is_production(module):
    return not any(part in ("tests", "migrations") for part in module.split("."))


@pytest.fixture(scope="module")
def graph():
    return grimp.build_graph(*_our_apps())


def test_the_kernel_imports_no_app_directly_or_through_another_module(graph):
    content_apps = [name for name in _our_apps() if name != "symbiosis"]
    kernel = [
        m
        for m in graph.find_descendants("symbiosis")
        if _is_production(m) and not m.startswith("symbiosis.site")
    ]
    assert "symbiosis.bilingual" in kernel  # the graph is read, not empty

    reaches = []
    for module in kernel:
        for imported in graph.find_modules_directly_imported_by(module):
            if imported.split(".")[0] in content_apps or imported.startswith("symbiosis.site"):
                reaches.append(f"{module} -> {imported}")

    assert reaches == []


def test_every_app_has_its_place_in_the_contracts():
    """A new app is placed in a layer (and its package analysed) before it can land."""
    config = _config()
    layers = next(c for c in config["contracts"] if c["type"] == "layers")["layers"]
    placed = {name.strip() for layer in layers for name in layer.split("|")}

    assert set(config["root_packages"]) == set(_our_apps())
    assert placed | {"symbiosis"} == set(_our_apps()) | {"symbiosis.site"}
