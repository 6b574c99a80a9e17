"""Tests for scripts/md2man: the Markdown subset the manual uses becomes
roff that man renders, and no manual text can become a roff request."""

import importlib.machinery
import importlib.util
import os
import shutil
import subprocess
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
SCRIPT = os.path.join(HERE, "..", "..", "scripts", "md2man")
loader = importlib.machinery.SourceFileLoader("md2man", SCRIPT)
spec = importlib.util.spec_from_loader("md2man", loader)
md2man = importlib.util.module_from_spec(spec)
loader.exec_module(md2man)


def convert(text):
    return md2man.convert(text, source="driftcheck 1.2.3")


class Md2man(unittest.TestCase):
    def test_title_becomes_the_name_line_and_sections_are_upper_case(self):
        page = convert("# driftcheck - catch drift\n\n## Exit status\n\n### In CI\n")
        self.assertTrue(page.startswith('.TH "DRIFTCHECK" "1" "" "driftcheck 1.2.3"'))
        self.assertIn(".SH NAME\ndriftcheck \\- catch drift\n", page)
        self.assertIn('.SH "EXIT STATUS"', page)
        self.assertIn('.SS "In CI"', page)

    def test_inline_code_bold_italic_and_links(self):
        page = convert("Run `check --rev`, **now**, *maybe* _twice_, see [git](https://git-scm.com).\n")
        self.assertIn("Run \\fBcheck \\-\\-rev\\fR, \\fBnow\\fR, \\fImaybe\\fR \\fItwice\\fR, "
                      "see git <https://git\\-scm.com>.", page)

    def test_snake_case_and_globs_stay_text(self):
        page = convert("secret_keys and env.SENTRY_* and a*b*c\n")
        self.assertIn("secret_keys and env.SENTRY_* and a*b*c", page)

    def test_a_line_starting_with_a_dot_or_quote_is_never_a_request(self):
        page = convert("Paragraph\n.env files\n'quoted\n\n.starts a paragraph\n\n```\n.TH evil\n```\n")
        self.assertIn("\\&.starts a paragraph", page)
        self.assertIn("Paragraph .env files 'quoted", page)
        self.assertIn("\\&.TH evil", page)
        self.assertNotIn("\n.TH evil", page)

    def test_backslashes_are_escaped(self):
        self.assertIn("a\\eb", convert("a\\b\n"))

    def test_fenced_code_is_literal(self):
        page = convert("```sh\ndriftcheck check   # *not italic*\n```\n")
        self.assertIn(".EX\ndriftcheck check   # *not italic*\n.EE", page)

    def test_lists_with_continuation_lines(self):
        page = convert("- one\n  more of one\n- two\n1. first\n")
        self.assertIn('.IP "\\(bu" 4\none more of one\n.IP "\\(bu" 4\ntwo\n.IP "1." 4\nfirst', page)

    def test_code_spans_may_cross_line_breaks(self):
        self.assertIn("run \\fBdriftcheck check\\fR now", convert("run `driftcheck\ncheck` now\n"))

    def test_characters_beyond_ascii_are_groff_escapes(self):
        self.assertIn("staging \\[u2194] production", convert("staging ↔ production\n"))

    def test_tables_become_aligned_literal_rows(self):
        page = convert("| a | meaning |\n| --- | --- |\n| `0` | ok |\n| 12 | a \\| b |\n")
        self.assertIn(".EX\na   meaning\n0   ok\n12  a | b\n.EE", page)

    def test_html_comments_are_dropped(self):
        self.assertNotIn("hidden", convert("<!-- hidden\nstill hidden -->\nshown\n"))

    @unittest.skipUnless(shutil.which("groff"), "groff is not installed")
    def test_the_manual_renders_without_groff_warnings(self):
        with open(os.path.join(HERE, "..", "..", "docs", "manual.md"), encoding="utf-8") as f:
            page = convert(f.read())
        result = subprocess.run(["groff", "-man", "-Tutf8", "-ww", "-z"], input=page.encode(),
                                capture_output=True, check=False)
        self.assertEqual(result.returncode, 0)
        self.assertEqual(result.stderr.decode(), "")


if __name__ == "__main__":
    unittest.main()
