#!/usr/bin/env python3
"""make bench: what a lesson cell costs, next to the floor and the Python lesson.

Drives a real gonb kernel through the Jupyter protocol (jupyter_client, see
benchlib) and prints, in one run:

  (a) the floor: one trivial query in a cell importing only bun,
      dialect/sqlitedialect and driver/sqliteshim — the least any lesson cell
      linking Bun + SQLite can cost;
  (b) every code cell of lesson 01, lesson 02 and both exercise notebooks,
      warm (after a discarded warm-up pass that fills Go's build cache), p50
      and p95 over --runs runs, each as a ratio to the floor, and the CPU
      seconds the kernel and everything it started spent on it;
  (c) each notebook's whole execution time (kernel start to last reply);
  (d) when the python3 kernel can import SQLAlchemy and pandas, the seed's
      Python lesson (../shared/peer/make_python_peer.py) executed the same way,
      beside lessons 01 + 02, with the ratio;
and checks the targets of the cell-cost issue.

Each run of a notebook is a student's: a fresh kernel in a fresh copy of the
notebook's folder under a temporary folder (nothing in the checkout changes),
cells sent one after the other. A notebook's first cell also pays the kernel's
one-time set-up, so it is compared with the floor cell run first in a fresh
kernel; every other ("warm") cell with the floor cell run again in the same
kernel. The floor cell's source changes (a comment) on each run so Go
recompiles it, as it does every lesson cell.

Usage: bench/bench.py [--runs N] [--warmup N] [--quick] [--kernel gonb]
       [--notebook PATH ...] [--markdown] [--json FILE] [--self-test]
"""

import argparse
import json
import os
import shutil
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import benchlib as b  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
NOTEBOOKS = [
    "notebooks/01_create_database.ipynb",
    "notebooks/02_reflect_existing_database.ipynb",
    "notebooks/exercises/questions.ipynb",
    "notebooks/exercises/solutions.ipynb",
]
LESSONS = NOTEBOOKS[:2]  # compared with the Python lesson they port

FLOOR_CELL = """import (
	"context"
	"database/sql"
	"fmt"

	"github.com/uptrace/bun"
	"github.com/uptrace/bun/dialect/sqlitedialect"
	"github.com/uptrace/bun/driver/sqliteshim"
)

%%
// floor run {n}
sqldb, err := sql.Open(sqliteshim.ShimName, "file::memory:")
if err != nil {
	panic(err)
}
db := bun.NewDB(sqldb, sqlitedialect.New())
defer db.Close()
var n int
if err := db.NewSelect().ColumnExpr("1 + 1").Scan(context.Background(), &n); err != nil {
	panic(err)
}
fmt.Println("1 + 1 =", n)
"""

# Targets of the cell-cost issue.
T_P50 = 1.3  # warm cell p50 ≤ 1.3 × floor p50
T_MAX = 2.0  # every cell p95 ≤ 2 × floor p95
T_PY = 3.0  # lessons 01 + 02 whole ≤ 3 × the Python lesson
T_CPU = 0.6  # CPU seconds per warm cell


def parse_args(argv):
    p = argparse.ArgumentParser(prog="make bench", description=__doc__.split("\n\n")[0])
    p.add_argument("--runs", type=int, default=5, help="measured runs of every notebook (default 5)")
    p.add_argument("--warmup", type=int, default=1, help="discarded runs first, to warm Go's build cache (default 1)")
    p.add_argument("--floor-reps", type=int, default=3, help="floor cells per floor kernel after its first (default 3)")
    p.add_argument("--quick", action="store_true", help="CI smoke run: --runs 1 --floor-reps 1, lesson 01 and the Python lesson only")
    p.add_argument("--kernel", default="gonb", help="the Go kernel's name (default gonb)")
    p.add_argument("--python-kernel", default="python3", help="the Python peer's kernel (default python3)")
    p.add_argument("--no-python", action="store_true", help="leave the Python lesson out")
    p.add_argument("--notebook", action="append", help="a notebook to bench instead of the four (repeatable)")
    p.add_argument("--cell-timeout", type=float, default=300, help="seconds one cell may take (default 300)")
    p.add_argument("--markdown", action="store_true", help="also print the tables as Markdown (for docs/performance.md)")
    p.add_argument("--json", metavar="FILE", help="write every measurement to FILE")
    p.add_argument("--self-test", action="store_true", help="run the bench's unit tests and exit")
    a = p.parse_args(argv)
    if a.quick:
        a.runs, a.floor_reps = 1, 1
        a.notebook = a.notebook or NOTEBOOKS[:1]
    if a.runs < 1 or a.warmup < 0 or a.floor_reps < 1:
        p.error("--runs and --floor-reps must be ≥ 1, --warmup ≥ 0")
    return a


def chinook_source():
    """$CHINOOK_SOURCE, else ../shared/data/chinook.zip beside the checkout
    (as .ci/run does), else None (the lessons then download Chinook)."""
    if os.environ.get("CHINOOK_SOURCE"):
        return os.environ["CHINOOK_SOURCE"]
    shared = os.path.join(os.path.dirname(ROOT), "shared", "data", "chinook.zip")
    return shared if os.path.isfile(shared) else None


def python_peer_ready(kernel):
    """(True, "") when the Python kernel can import SQLAlchemy and pandas,
    else (False, why)."""
    try:
        spec = b.kernel_spec(kernel)
    except b.KernelError as e:
        return False, str(e)
    py = spec.argv[0]
    try:
        subprocess.run([py, "-c", "import sqlalchemy, pandas"], check=True, timeout=60,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    except (OSError, subprocess.SubprocessError):
        return False, ("the %s kernel's Python (%s) cannot import sqlalchemy and pandas "
                       "(Debian: apt-get install python3-sqlalchemy python3-pandas)" % (kernel, py))
    return True, ""


class NotebookRun:
    def __init__(self):
        self.cells = []  # CellResult per code cell
        self.startup = 0.0
        self.whole = 0.0
        self.failed = ""


def run_notebook(session, kernel, nb_path, folder, env, timeout):
    """A student's run: fresh kernel in folder (holding a copy of the
    notebook), every code cell in order."""
    os.makedirs(folder, exist_ok=True)
    shutil.copy(nb_path, folder)
    cells = b.code_cells(nb_path)
    run = NotebookRun()
    t0 = time.monotonic()
    k = None
    try:
        k = b.Kernel(session, kernel, folder, env)
        run.startup = k.startup
        for src in cells:
            run.cells.append(k.execute(src, timeout))
        run.whole = time.monotonic() - t0
    except b.KernelError as e:
        run.failed = str(e)
    finally:
        if k:
            k.shutdown()
    return run


def run_floor(session, kernel, folder, env, reps, timeout, counter):
    """One floor kernel: the floor cell first, then reps more times."""
    os.makedirs(folder, exist_ok=True)
    k = b.Kernel(session, kernel, folder, env)
    try:
        out = []
        for _ in range(reps + 1):
            counter[0] += 1
            r = k.execute(FLOOR_CELL.replace("{n}", str(counter[0])), timeout)
            if not r.ok or "1 + 1 = 2" not in r.stdout:
                raise b.KernelError("the floor cell failed: %s %s" % (r.error or r.status, r.stdout.strip()))
            out.append(r)
        return out[0], out[1:]
    finally:
        k.shutdown()


def short(nb):
    base = os.path.basename(nb)
    return {"01_create_database.ipynb": "01", "02_reflect_existing_database.ipynb": "02",
            "questions.ipynb": "questions", "solutions.ipynb": "solutions"}.get(base, base[:-6])


def collect(args):
    """Runs everything; returns the measurements."""
    b.kernel_spec(args.kernel)
    notebooks = [os.path.join(ROOT, n) if not os.path.isabs(n) else n for n in (args.notebook or NOTEBOOKS)]
    for n in notebooks:
        if not os.path.isfile(n):
            raise SystemExit("bench: no notebook %s" % n)
    env = {}
    src = chinook_source()
    if src:
        env["CHINOOK_SOURCE"] = src
    py_ok, py_why = (False, "left out (--no-python)") if args.no_python else python_peer_ready(args.python_kernel)
    data = {"floor_first": [], "floor": [], "notebooks": {n: [] for n in notebooks}, "python": [],
            "python_why": py_why, "chinook_source": src or "", "runs": args.runs, "warmup": args.warmup,
            "kernel": args.kernel, "started": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime())}
    session = b.Session()
    peer = None
    try:
        if py_ok:
            chinook_db = os.path.join(os.path.dirname(ROOT), "shared", "data", "chinook.db")
            maker = os.path.join(os.path.dirname(ROOT), "shared", "peer", "make_python_peer.py")
            if not (os.path.isfile(chinook_db) and os.path.isfile(maker)):
                py_ok, data["python_why"] = False, "no ../shared/peer/make_python_peer.py or ../shared/data/chinook.db beside the checkout"
            else:
                peer = os.path.join(session.folder("peer"), "python_lesson.ipynb")
                subprocess.run([sys.executable, maker, chinook_db, peer], check=True, timeout=60)
        counter = [0]
        total = args.warmup + args.runs
        for r in range(total):
            warm = r < args.warmup
            tag = "warm-up %d/%d" % (r + 1, args.warmup) if warm else "run %d/%d" % (r + 1 - args.warmup, args.runs)
            run_dir = session.folder("run%d" % r)
            b.log("%s: floor" % tag)
            first, rest = run_floor(session, args.kernel, os.path.join(run_dir, "floor"), env,
                                    args.floor_reps, args.cell_timeout, counter)
            if not warm:
                data["floor_first"].append(first)
                data["floor"].extend(rest)
            for n in notebooks:
                rel = os.path.relpath(os.path.dirname(n), ROOT)
                b.log("%s: %s" % (tag, os.path.relpath(n, ROOT)))
                nr = run_notebook(session, args.kernel, n, os.path.join(run_dir, rel), env, args.cell_timeout)
                if nr.failed:
                    b.log("  %s failed: %s" % (os.path.basename(n), nr.failed))
                if not warm:
                    data["notebooks"][n].append(nr)
            if py_ok:
                b.log("%s: Python lesson" % tag)
                nr = run_notebook(session, args.python_kernel, peer, os.path.join(run_dir, "peer"), {}, args.cell_timeout)
                if nr.failed or any(not c.ok for c in nr.cells):
                    bad = nr.failed or next(c.error for c in nr.cells if not c.ok)
                    raise SystemExit("bench: the Python lesson failed: %s" % bad)
                if not warm:
                    data["python"].append(nr)
            shutil.rmtree(run_dir, ignore_errors=True)
    finally:
        session.close()
        data["clean"] = session.check_clean(out=sys.stderr)
    data["cells"] = {n: b.code_cells(n) for n in notebooks}
    return data


def report(data, markdown=False):
    """Prints the tables and the targets; returns the targets' results."""
    ff = [c.seconds for c in data["floor_first"]]
    fl = [c.seconds for c in data["floor"]]
    floor_first = (b.p50(ff), b.p95(ff))
    floor = (b.p50(fl), b.p95(fl))
    out = []
    print("bunbook bench — %s, %d measured run(s) after %d warm-up, kernel %s" %
          (data["started"], data["runs"], data["warmup"], data["kernel"]))
    print()

    headers = ["notebook", "cell", "p50 s", "p95 s", "×floor p50", "×floor p95", "CPU s p50", "failed"]
    rows = [
        ["floor", "first cell of a kernel", b.fmt_num(floor_first[0]), b.fmt_num(floor_first[1]), "1.00×", "1.00×",
         b.fmt_num(b.p50([c.cpu for c in data["floor_first"]])), ""],
        ["floor", "same cell again", b.fmt_num(floor[0]), b.fmt_num(floor[1]), "1.00×", "1.00×",
         b.fmt_num(b.p50([c.cpu for c in data["floor"]])), ""],
    ]
    cells = []  # (label, first?, p50, p95, cpu p50, r50, r95)
    for n, runs in data["notebooks"].items():
        srcs = data["cells"][n]
        for i, src in enumerate(srcs):
            got = [r.cells[i] for r in runs if i < len(r.cells)]
            if not got:
                continue
            secs = [c.seconds for c in got]
            cpu = [c.cpu for c in got]
            base = floor_first if i == 0 else floor
            c50, c95 = b.p50(secs), b.p95(secs)
            r50, r95 = b.ratio(c50, base[0]), b.ratio(c95, base[1])
            bad = sum(1 for c in got if not c.ok)
            label = "#%d %s%s" % (i + 1, b.cell_label(src), " ¹" if i == 0 else "")
            cells.append(("%s %s" % (short(n), label), i == 0, c50, c95, b.p50(cpu), r50, r95, n))
            rows.append([short(n), label, b.fmt_num(c50), b.fmt_num(c95), b.fmt_ratio(r50), b.fmt_ratio(r95),
                         b.fmt_num(b.p50(cpu)), "%d/%d" % (bad, len(got)) if bad else ""])
    print("(a)+(b) cells, warm: seconds from execute request to reply, as a ratio to the floor")
    print(b.table(headers, rows))
    print("¹ a notebook's first cell also pays the kernel's set-up: compared with the floor's first cell.")
    print("  failed: runs where the cell ended in an error or timed out.")
    out.append(("cells", headers, rows))
    print()

    headers2 = ["notebook", "cells", "whole p50 s", "whole p95 s", "kernel start s", "CPU s p50"]
    rows2 = []
    wholes = {}
    for n, runs in data["notebooks"].items():
        ok = [r for r in runs if not r.failed]
        if not ok:
            rows2.append([short(n), len(data["cells"][n]), "failed", "", "", ""])
            continue
        w = [r.whole for r in ok]
        wholes[n] = [r.whole for r in runs] if len(ok) == len(runs) else None
        rows2.append([short(n), len(data["cells"][n]), b.fmt_num(b.p50(w), 1), b.fmt_num(b.p95(w), 1),
                      b.fmt_num(b.p50([r.startup for r in ok])), b.fmt_num(b.p50([sum(c.cpu for c in r.cells) for r in ok]), 1)])
    py_runs = data["python"]
    if py_runs:
        w = [r.whole for r in py_runs]
        rows2.append(["Python lesson", len(py_runs[0].cells), b.fmt_num(b.p50(w), 1), b.fmt_num(b.p95(w), 1),
                      b.fmt_num(b.p50([r.startup for r in py_runs])), b.fmt_num(b.p50([sum(c.cpu for c in r.cells) for r in py_runs]), 1)])
    print("(c) whole notebooks: kernel start to the last cell's reply")
    print(b.table(headers2, rows2))
    out.append(("whole", headers2, rows2))
    print()

    lesson_paths = [n for n in data["notebooks"] if any(n.endswith(l) for l in LESSONS)]
    go_py = None
    print("(d) the Python lesson it ports")
    if not py_runs:
        print("Python lesson not run: %s." % data["python_why"])
    elif len(lesson_paths) < 2 or any(wholes.get(n) is None for n in lesson_paths):
        print("Python lesson: %.1f s whole (p50); lessons 01 + 02 were not both benched, so no ratio." % b.p50([r.whole for r in py_runs]))
    else:
        both = [sum(x) for x in zip(*(wholes[n] for n in lesson_paths))]
        py = b.p50([r.whole for r in py_runs])
        go_py = b.ratio(b.p50(both), py)
        print(b.table(["", "whole p50 s", "ratio"],
                      [["Python lesson (SQLAlchemy + pandas)", b.fmt_num(py, 1), "1.00×"],
                       ["Go lessons 01 + 02", b.fmt_num(b.p50(both), 1), b.fmt_ratio(go_py)]], right={1, 2}))
    print()

    targets = []
    warm = [c for c in cells if not c[1]]
    if warm:
        worst = max(warm, key=lambda c: c[5])
        targets.append(("warm cell p50 ≤ %.1f× floor" % T_P50, worst[5] <= T_P50,
                        "worst %s: %s; median cell %s" % (worst[0], b.fmt_ratio(worst[5]), b.fmt_ratio(b.p50([c[5] for c in warm])))))
    if cells:
        worst = max(cells, key=lambda c: c[6])
        targets.append(("no cell above %.0f× floor (p95)" % T_MAX, worst[6] <= T_MAX,
                        "worst %s: %s" % (worst[0], b.fmt_ratio(worst[6]))))
    if go_py is not None:
        targets.append(("lessons 01 + 02 whole ≤ %.0f× Python" % T_PY, go_py <= T_PY, b.fmt_ratio(go_py)))
    else:
        targets.append(("lessons 01 + 02 whole ≤ %.0f× Python" % T_PY, None, "not measured"))
    if warm:
        worst = max(warm, key=lambda c: c[4])
        targets.append(("≤ %.1f CPU-s per warm cell" % T_CPU, worst[4] <= T_CPU,
                        "worst %s: %.2f s; mean %.2f s" % (worst[0], worst[4], sum(c[4] for c in warm) / len(warm))))
    trows = [[name, "met" if ok else ("not met" if ok is not None else "-"), why] for name, ok, why in targets]
    print("Targets")
    print(b.table(["target", "", "measured"], trows, right=set()))
    out.append(("targets", ["target", "", "measured"], trows))
    if markdown:
        for name, h, r in out:
            print()
            print(b.md_table(h, r, right=set() if name == "targets" else None))
    return targets


def to_json(data):
    def cell(c):
        return {"seconds": c.seconds, "cpu": c.cpu, "status": c.status, "timed_out": c.timed_out, "error": c.error}

    def nbrun(r):
        return {"startup": r.startup, "whole": r.whole, "failed": r.failed, "cells": [cell(c) for c in r.cells]}

    return {
        "started": data["started"], "runs": data["runs"], "warmup": data["warmup"], "kernel": data["kernel"],
        "floor_first": [cell(c) for c in data["floor_first"]], "floor": [cell(c) for c in data["floor"]],
        "notebooks": {os.path.relpath(n, ROOT): [nbrun(r) for r in rs] for n, rs in data["notebooks"].items()},
        "python": [nbrun(r) for r in data["python"]], "python_why": data["python_why"],
    }


def main(argv=None):
    args = parse_args(sys.argv[1:] if argv is None else argv)
    if args.self_test:
        import unittest

        here = os.path.dirname(os.path.abspath(__file__))
        suite = unittest.defaultTestLoader.discover(here, pattern="test_*.py")
        ok = unittest.TextTestRunner(verbosity=2).run(suite).wasSuccessful()
        return 0 if ok else 1
    if not b.python_with_jupyter_client():
        print("bench: this Python (%s) has no jupyter_client: install python3-jupyter-client (Debian) "
              "or run the bench with the Python Jupyter uses" % sys.executable, file=sys.stderr)
        return 3
    try:
        data = collect(args)
    except b.KernelError as e:
        print("bench: %s" % e, file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("bench: interrupted; kernels shut down and temporary files removed", file=sys.stderr)
        return 130
    if args.json:
        with open(args.json, "w") as f:
            json.dump(to_json(data), f, indent=1)
    report(data, markdown=args.markdown)
    return 0 if data["clean"] else 1


if __name__ == "__main__":
    sys.exit(main())
