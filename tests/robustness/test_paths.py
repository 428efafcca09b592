"""Paths: output never escapes the chosen folder (a symlink planted at an output's name is
replaced, not written through), and input symlink loops do not hang the walk."""

from __future__ import annotations

import json
import os

from robust_util import run_python

from graphbuild.cli import main
from graphbuild.vocab import OUTPUT_FILES

TEXT = "Secretary of State John Kerry met Sergei Lavrov in Geneva.\n"


def test_symlinks_at_output_names_are_replaced_not_written_through(tmp_path):
    (tmp_path / "in.txt").write_text(TEXT, encoding="utf-8")
    outside = tmp_path / "outside"
    outside.mkdir()
    out = tmp_path / "out"
    out.mkdir()
    names = list(OUTPUT_FILES)
    for name in names:
        (outside / name).write_text("precious", encoding="utf-8")
        (out / name).symlink_to(outside / name)
    assert main(["build", str(tmp_path / "in.txt"), "-o", str(out), "--quiet"]) == 0
    for name in names:
        assert (outside / name).read_text(encoding="utf-8") == "precious", name
        assert not (out / name).is_symlink() and (out / name).stat().st_size > 10, name
    assert sorted(os.listdir(outside)) == sorted(names)  # nothing else written there


def test_output_folder_that_is_a_file_is_an_error_line(tmp_path, capsys):
    (tmp_path / "in.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "out").write_text("a file", encoding="utf-8")
    assert main(["build", str(tmp_path / "in.txt"), "-o", str(tmp_path / "out")]) == 1
    assert capsys.readouterr().err.startswith("graphbuild: error: output ")


def test_symlink_loops_and_odd_links_do_not_hang_the_walk(tmp_path):
    root = tmp_path / "in"
    (root / "sub").mkdir(parents=True)
    (root / "sub" / "a.txt").write_text(TEXT, encoding="utf-8")
    (root / "sub" / "up").symlink_to("..")             # a loop through the parent
    (root / "self").symlink_to(".")                    # a loop on itself
    (root / "loop.txt").symlink_to("loop.txt")         # a file link to itself
    (root / "dangling.txt").symlink_to("nowhere.txt")
    (tmp_path / "elsewhere.txt").write_text("Assad met Putin.\n", encoding="utf-8")
    (root / "linked.txt").symlink_to(tmp_path / "elsewhere.txt")  # a linked file is read
    code = """
        import json, sys
        from graphbuild.ingest import read_documents
        skipped = []
        docs = [d.id for d in read_documents([sys.argv[1]],
                                             on_skip=lambda n, r: skipped.append([n, r]))]
        print(json.dumps([docs, sorted(skipped)]))
        """
    done = run_python(code, str(root), timeout=60)  # a hang fails here
    assert done.returncode == 0, done.stderr
    docs, skipped = json.loads(done.stdout)
    assert docs == ["linked", "sub/a"]
    assert skipped == [
        [str(root / "dangling.txt"), "cannot read: No such file or directory"],
        [str(root / "loop.txt"), "cannot read: Too many levels of symbolic links"],
        [str(root / "self"), "symbolic link to a folder, not followed"],
        [str(root / "sub" / "up"), "symbolic link to a folder, not followed"],
    ]


def test_output_that_cannot_be_made_is_an_error_line_not_a_traceback(tmp_path, capsys):
    (tmp_path / "in.txt").write_text(TEXT, encoding="utf-8")
    out = tmp_path / "in.txt" / "out"  # under a file
    assert main(["build", str(tmp_path / "in.txt"), "-o", str(out)]) == 1
    err = capsys.readouterr().err
    assert err == f"graphbuild: error: Not a directory: {str(out)!r}\n"
