"""notebooks/quickstart.ipynb runs top to bottom, is saved clean, and uses the package.

The notebook is executed with nbclient in a kernel started from this interpreter (the venv's
Python, not whatever "python" is first on PATH), in a copy of the notebooks folder beside a
link to the examples, so its relative paths work and its ../output lands in a temporary folder.
"""

from __future__ import annotations

import json
import re
import sys
import time

import pytest
from conftest import ROOT

NOTEBOOK = ROOT / "notebooks" / "quickstart.ipynb"


@pytest.fixture(scope="module")
def notebook():
    import nbformat

    return nbformat.read(NOTEBOOK, as_version=4)


def code_cells(nb):
    return [cell for cell in nb.cells if cell.cell_type == "code"]


def test_notebook_is_saved_without_outputs(notebook):
    for cell in code_cells(notebook):
        assert cell.outputs == [] and cell.execution_count is None, cell.source[:60]


def test_notebook_imports_the_package_and_defines_no_library_code(notebook):
    source = "\n".join(cell.source for cell in code_cells(notebook))
    assert "import graphbuild" in source and "graphbuild.build_graph(" in source
    assert not re.search(r"^\s*(def|class) ", source, re.M)


def test_notebook_covers_the_walkthrough(notebook):
    source = "\n".join(cell.source for cell in notebook.cells)
    for needle in ("pd.DataFrame(triple_rows", "render_html", "srcdoc", "questions()",
                   "kg.query(", '{"name": "Kerry"}', "kg.write(", "graph.gexf", "nodes.csv"):
        assert needle in source, needle


@pytest.fixture
def kernel_env(tmp_path, monkeypatch):
    """A kernelspec that runs ipykernel with this interpreter, found first on JUPYTER_PATH."""
    spec = tmp_path / "jupyter" / "kernels" / "graphbuild-test"
    spec.mkdir(parents=True)
    (spec / "kernel.json").write_text(json.dumps({
        "argv": [sys.executable, "-m", "ipykernel_launcher", "-f", "{connection_file}"],
        "display_name": "graphbuild test", "language": "python"}), encoding="utf-8")
    monkeypatch.setenv("JUPYTER_PATH", str(tmp_path / "jupyter"))
    return "graphbuild-test"


def test_notebook_runs_top_to_bottom(notebook, kernel_env, tmp_path):
    import nbformat
    from nbclient import NotebookClient

    work = tmp_path / "repo"
    (work / "notebooks").mkdir(parents=True)
    (work / "examples").symlink_to(ROOT / "examples", target_is_directory=True)
    nb = nbformat.from_dict(json.loads(json.dumps(notebook)))
    started = time.perf_counter()
    NotebookClient(nb, kernel_name=kernel_env, timeout=120,
                   resources={"metadata": {"path": str(work / "notebooks")}}).execute()
    seconds = time.perf_counter() - started
    assert seconds < 60, f"the notebook took {seconds:.0f} s"

    outputs = [cell.outputs for cell in code_cells(nb)]
    assert not [o for cell in outputs for o in cell if o.output_type == "error"]
    text = json.dumps(outputs)
    assert "John Kerry" in text and "Sergei Lavrov" in text
    assert "<iframe srcdoc=" in text
    assert "Secretary of State" in text  # the profile found Kerry's title
    written = work / "output"
    assert {"graph.gexf", "graph.graphml", "graph.jsonld", "nodes.csv", "edges.csv"} <= {
        p.name for p in written.iterdir()}
    last = outputs[-1][0]["data"]["text/plain"]
    assert last == "True"  # graph.jsonld is the same graph as graph.ttl
