"""Tests for scripts/check-include-graph: a folder including one later in
the pipeline fails, and so does any folder but tree/ including libgit2."""

import os
import subprocess
import tempfile
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
SCRIPT = os.path.join(HERE, "..", "..", "scripts", "check-include-graph")


def check(files):
    """Runs the script over a src/ holding `files` (path -> text)."""
    with tempfile.TemporaryDirectory() as src:
        for path, text in files.items():
            os.makedirs(os.path.join(src, os.path.dirname(path)), exist_ok=True)
            with open(os.path.join(src, path), "w") as out:
                out.write(text)
        return subprocess.run([SCRIPT, src], capture_output=True, text=True)


class CheckIncludeGraph(unittest.TestCase):
    def test_includes_down_the_pipeline_pass(self):
        r = check({"cli/run.cc": '#include "engine/session.h"\n#include "tree/tree.h"\n#include <string>\n',
                   "tree/git_tree.cc": "#include <git2.h>\n#include <git2/sys/odb_backend.h>\n"})
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertEqual(r.stderr, "")

    def test_an_include_up_the_pipeline_fails(self):
        r = check({"diff/diff.cc": '#include "report/writer.h"\n'})
        self.assertEqual(r.returncode, 1)
        self.assertIn("diff/diff.cc includes report/writer.h", r.stderr)

    def test_libgit2_outside_tree_fails_in_every_spelling(self):
        for line in ("#include <git2.h>", "#  include <git2/repository.h>", " #include<git2.h> // commondir"):
            r = check({"cli/compare_run.cc": line + "\n", "tree/git_repository.cc": "#include <git2.h>\n"})
            self.assertEqual(r.returncode, 1, line)
            self.assertIn("cli/compare_run.cc includes <git2", r.stderr)
            self.assertIn("only 'tree' may use git2", r.stderr)
            self.assertNotIn("tree/git_repository.cc", r.stderr)


if __name__ == "__main__":
    unittest.main()
