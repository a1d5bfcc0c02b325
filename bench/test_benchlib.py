"""Unit tests of the benches' statistics, tables and process accounting.
Run: bench/bench.py --self-test (go test ./bench runs it too). No kernel needed."""

import os
import subprocess
import sys
import tempfile
import time
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import benchlib as b  # noqa: E402
import bench  # noqa: E402
import classroom  # noqa: E402


class Percentile(unittest.TestCase):
    def test_interpolates_between_ranks(self):
        self.assertEqual(b.p50([3, 1, 2]), 2)
        self.assertEqual(b.p50([1, 2, 3, 4]), 2.5)
        self.assertAlmostEqual(b.p95([1, 2, 3, 4, 5]), 4.8)
        self.assertAlmostEqual(b.percentile(list(range(101)), 95), 95)

    def test_one_value_and_bounds(self):
        self.assertEqual(b.p95([7.5]), 7.5)
        self.assertEqual(b.percentile([1, 9], 0), 1)
        self.assertEqual(b.percentile([1, 9], 100), 9)

    def test_bad_input(self):
        with self.assertRaisesRegex(ValueError, "no values"):
            b.p50([])
        with self.assertRaisesRegex(ValueError, "outside 0..100"):
            b.percentile([1], 101)

    def test_ratio(self):
        self.assertEqual(b.ratio(3, 2), 1.5)
        self.assertIsNone(b.ratio(3, 0))
        self.assertIsNone(b.ratio(None, 2))
        self.assertEqual(b.fmt_ratio(1.234), "1.23×")
        self.assertEqual(b.fmt_ratio(None), "-")


class Tables(unittest.TestCase):
    def test_text_table_pads_and_right_aligns_numbers(self):
        got = b.table(["name", "what", "s"], [["floor", "x", "1.50"], ["01", "a longer one", "12.25"]])
        self.assertEqual(got, "\n".join([
            "name   what              s",
            "-----  ------------  -----",
            "floor  x              1.50",
            "01     a longer one  12.25",
        ]))

    def test_markdown_table_escapes_pipes(self):
        got = b.md_table(["a", "b", "n"], [["x|y", "", "3"]])
        self.assertEqual(got, "| a | b | n |\n| :--- | :--- | ---: |\n| x\\|y |  | 3 |")

    def test_row_of_wrong_width(self):
        with self.assertRaisesRegex(ValueError, "2 cells, the table 3"):
            b.table(["a", "b", "c"], [["1", "2"]])


class Cells(unittest.TestCase):
    def test_label_skips_imports_comments_and_opener(self):
        src = 'import (\n\t"fmt"\n)\n\n// ctx is it.\nvar ctx = 1\n%%\ndb := openDB()\ndefer db.Close()\nfmt.Println(db)\n'
        self.assertEqual(b.cell_label(src), "fmt.Println(db)")
        self.assertEqual(b.cell_label("%%\n" + "x" * 50, width=10), "xxxxxxxxx…")

    def test_code_cells_of_a_notebook(self):
        import json

        with tempfile.TemporaryDirectory() as d:
            p = os.path.join(d, "n.ipynb")
            with open(p, "w") as f:
                json.dump({"cells": [{"cell_type": "markdown", "source": "hi"},
                                     {"cell_type": "code", "source": ["a\n", "b"]},
                                     {"cell_type": "code", "source": "  \n"},
                                     {"cell_type": "code", "source": "c"}]}, f)
            self.assertEqual(b.code_cells(p), ["a\nb", "c"])


class Report(unittest.TestCase):
    """The bench's table and targets from made-up measurements."""

    def cell(self, seconds, cpu, status="ok"):
        c = b.CellResult()
        c.seconds, c.cpu, c.status = seconds, cpu, status
        return c

    def run_of(self, secs, whole):
        r = bench.NotebookRun()
        r.cells = [self.cell(s, 0.5) for s in secs]
        r.whole = whole
        return r

    def test_targets(self):
        l1, l2 = os.path.join(bench.ROOT, bench.LESSONS[0]), os.path.join(bench.ROOT, bench.LESSONS[1])
        data = {
            "started": "now", "runs": 2, "warmup": 1, "kernel": "gonb",
            "floor_first": [self.cell(2.0, 1.0), self.cell(2.0, 1.0)],
            "floor": [self.cell(1.0, 0.4), self.cell(1.0, 0.4)],
            "notebooks": {l1: [self.run_of([2.2, 1.2], 5), self.run_of([2.4, 1.2], 5)],
                          l2: [self.run_of([3.0, 1.1], 6), self.run_of([3.0, 1.3], 6)]},
            "python": [self.run_of([0.1], 4), self.run_of([0.1], 4)], "python_why": "",
            "cells": {l1: ["%%\nfirst()", "%%\nsecond()"], l2: ["%%\nthird()", "%%\nfourth()"]},
        }
        import io
        import contextlib

        buf = io.StringIO()
        with contextlib.redirect_stdout(buf):
            targets = bench.report(data)
        text = buf.getvalue()
        got = {name.split(" ")[0] + name.split(" ")[-1]: ok for name, ok, _ in targets}
        # warm cells: 1.2/1.0 and 1.2/1.0 (p50) ≤ 1.3 → met; lesson 02's first
        # cell is 3.0 against the first-cell floor 2.0 = 1.5× ≤ 2 → met;
        # (5+6)/4 = 2.75× ≤ 3 → met; CPU 0.5 ≤ 0.6 → met.
        self.assertEqual(list(got.values()), [True, True, True, True], text)
        self.assertIn("02        #1 third() ¹", text)
        self.assertIn("1.50×", text)
        self.assertIn("2.75×", text)
        # One slow warm cell breaks the first two targets.
        data["notebooks"][l2][1].cells[1].seconds = 2.5
        with contextlib.redirect_stdout(io.StringIO()):
            targets = bench.report(data)
        self.assertEqual([ok for _, ok, _ in targets], [False, False, True, True])

    def test_without_python(self):
        l1 = os.path.join(bench.ROOT, bench.LESSONS[0])
        data = {"started": "now", "runs": 1, "warmup": 0, "kernel": "gonb",
                "floor_first": [self.cell(2.0, 1.0)], "floor": [self.cell(1.0, 0.4)],
                "notebooks": {l1: [self.run_of([2.0, 1.0], 4)]}, "python": [],
                "python_why": "the python3 kernel's Python cannot import sqlalchemy and pandas",
                "cells": {l1: ["a", "b"]}}
        import io
        import contextlib

        buf = io.StringIO()
        with contextlib.redirect_stdout(buf):
            targets = bench.report(data)
        self.assertIn("Python lesson not run: the python3 kernel's Python cannot import sqlalchemy and pandas.", buf.getvalue())
        self.assertIsNone(targets[2][1])


class Classroom(unittest.TestCase):
    def test_capacity_is_largest_n_under_the_limit(self):
        self.assertEqual(classroom.capacity({1: 1.0, 5: 2.0, 10: 2.9, 20: 3.5, 30: 2.0}, 3.0), 10)
        self.assertEqual(classroom.capacity({1: 3.5}, 3.0), 0)
        self.assertEqual(classroom.capacity({1: 1.0, 5: 1.5}, 3.0), 5)

    def test_think_times_are_bounded_and_reproducible(self):
        a = classroom.think_times(7, 20, 10.0)
        self.assertEqual(a, classroom.think_times(7, 20, 10.0))
        self.assertTrue(all(5.0 <= t <= 15.0 for t in a), a)


class Processes(unittest.TestCase):
    def test_tree_cpu_counts_reaped_grandchildren(self):
        # child: a shell that runs a grandchild burning ~0.4 CPU-s, reaps it,
        # then sleeps; the child's tree must show the grandchild's CPU.
        burn = "%s -c 'import time\nt=time.process_time()\nwhile time.process_time()-t<0.4: pass'" % sys.executable
        child = subprocess.Popen(["sh", "-c", burn + "; sleep 5"])
        try:
            deadline = time.monotonic() + 20
            while time.monotonic() < deadline:
                kids = [p for p in b.descendants(child.pid) if p != child.pid]
                if kids and all(open("/proc/%d/comm" % p).read().strip() == "sleep" for p in kids):
                    break
                time.sleep(0.05)
            self.assertGreaterEqual(b.tree_cpu(child.pid), 0.35)
            rss, pss = b.tree_memory(child.pid)
            self.assertGreater(rss, 0)
            self.assertGreater(pss, 0)
        finally:
            child.kill()
            child.wait()

    def test_session_kills_marked_processes_and_removes_its_folder(self):
        s = b.Session(prefix="bunbook-bench-test-")
        env = dict(os.environ, **{b.MARK: s.run_id})
        # A detached process with the marker, as a runaway cell's program
        # that outlived its kernel would be.
        p = subprocess.Popen(["sleep", "60"], env=env, start_new_session=True)
        with open(os.path.join(s.folder("x"), "f"), "w") as f:
            f.write("x")
        self.assertEqual(b.marked(s.run_id), [p.pid])
        killed = s.close()
        p.wait(timeout=10)
        self.assertEqual(killed, [p.pid])
        self.assertFalse(os.path.exists(s.tmp))
        self.assertEqual(b.marked(s.run_id), [])


if __name__ == "__main__":
    unittest.main()
