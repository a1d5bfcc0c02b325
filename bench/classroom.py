#!/usr/bin/env python3
"""make bench-classroom: how many students one machine holds.

N simulated students work through lesson 01 at the same time. Each has a
gonb kernel of their own, started straight with jupyter_client in a working
folder of their own (a copy of the notebook) — not through a hub: the hub
adds a proxy hop and a server process per student but none of the cell cost,
which is what fills the CPU (the hub test in lessontest covers the hub
itself). Students start at random moments within one think time, then run
each code cell in order, pausing a think time between cells (uniform in
0.5–1.5 × --think, seeded, so runs are comparable).

For each N it prints p50/p95 cell latency (request to reply, every cell
including each kernel's first), CPU seconds per cell (the kernel and every
process it started), memory per student (peak PSS and RSS of the kernel and
its children, sampled every second: PSS splits shared pages fairly, so it
adds up to what the machine needs) and the largest N whose p95 ≤ --limit.

A misbehaving student (on unless --no-runaway) joins one more round with
--runaway-with others: every few cells it runs an endless loop that is
interrupted after --runaway-timeout seconds, then proves its kernel still
answers. The others' latencies are shown next to the same N without it.

Two rounds of one new student each (unless --no-new-student) measure what a
student's first login costs, with Go's build cache and gopls's cache as
the image and TLJH's install-course.sh give them (warm: the machine's
build cache, a fresh copy of a gopls cache warmed by scripts/warm-gopls.sh)
and cold (both caches empty, as TLJH had them before): the first cell's
CPU-s and wall, the lesson's, and the peak PSS/RSS of the student's kernel
tree (gopls, go build and the cell included). Size recipes from those.

Bounded: every cell has a timeout, every round a deadline; kernels are shut
down and temporary folders removed at the end, on Ctrl-C and on SIGTERM, and
the bench checks that no process it started is left (exit 1 if one was).

Usage: bench/classroom.py [--students 1,5,10,20,30] [--think 10] [--limit 3]
       [--no-runaway] [--no-new-student] [--quick] [--markdown]
"""

import argparse
import os
import random
import shutil
import subprocess
import sys
import threading
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import benchlib as b  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
LESSON = os.path.join(ROOT, "notebooks", "01_create_database.ipynb")
RUNAWAY_CELL = "%%\n// a student's runaway cell\nfor {\n}\n"
ALIVE_CELL = '%%\nfmt.Println("still here")\n'


def think_times(seed, n, mean):
    """n think times, uniform in 0.5–1.5 × mean, the same for the same seed."""
    rnd = random.Random(seed)
    return [mean * rnd.uniform(0.5, 1.5) for _ in range(n)]


def capacity(p95_by_n, limit):
    """The largest N whose p95 ≤ limit, counting only the N below the first
    that missed it (a machine that missed at 20 does not hold 30); 0 if none."""
    best = 0
    for n in sorted(p95_by_n):
        if p95_by_n[n] > limit:
            break
        best = n
    return best


class Student:
    def __init__(self, idx):
        self.idx = idx
        self.cells = []  # CellResult
        self.peak_rss = 0.0
        self.peak_pss = 0.0
        self.idle_pss = None  # the smallest sample: the kernel between cells
        self.kernel = None
        self.error = ""
        self.done = False
        # runaway student only
        self.interrupted = 0
        self.recovered = 0


def run_student(session, args, st, cells, folder, stop, deadline, seed):
    rnd = random.Random(seed)
    thinks = think_times(seed, len(cells) + 1, args.think)
    try:
        os.makedirs(folder, exist_ok=True)
        shutil.copy(LESSON, folder)
        if stop.wait(rnd.uniform(0, args.think)):
            return
        st.kernel = b.Kernel(session, args.kernel, folder, dict(args.env, **getattr(st, "env", {})))
        for i, src in enumerate(cells):
            left = deadline - time.monotonic()
            if stop.is_set() or left <= 0:
                break
            st.cells.append(st.kernel.execute(src, min(args.cell_timeout, left), stop=stop))
            if stop.wait(thinks[i]):
                break
    except b.KernelError as e:
        st.error = str(e)
    finally:
        st.done = True
        if st.kernel:
            st.kernel.shutdown()


def run_runaway(session, args, st, cells, folder, stop, deadline):
    """Opens the lesson like the others, then keeps running an endless loop
    (interrupted after --runaway-timeout) and a check that it still answers,
    until the round ends."""
    try:
        os.makedirs(folder, exist_ok=True)
        shutil.copy(LESSON, folder)
        st.kernel = b.Kernel(session, args.kernel, folder, args.env)
        st.kernel.execute(cells[0], args.cell_timeout, stop=stop)
        while not stop.is_set() and time.monotonic() < deadline:
            r = st.kernel.execute(RUNAWAY_CELL, args.runaway_timeout, stop=stop)
            if stop.is_set():
                break
            timed_out = r.timed_out
            r = st.kernel.execute(ALIVE_CELL, args.cell_timeout, stop=stop)
            alive = r.ok and "still here" in r.stdout
            if stop.is_set() and not alive:
                break  # the round ended during the check, which proves nothing either way
            st.interrupted += 1 if timed_out else 0
            st.recovered += 1 if alive else 0
            stop.wait(args.think / 2)
    except b.KernelError as e:
        st.error = str(e)
    finally:
        st.done = True
        if st.kernel:
            st.kernel.shutdown()


def sample_memory(students, stop, total):
    """Every second: each student's kernel tree, and the class's sum."""
    while not stop.wait(1.0):
        procs = b.processes()
        now = 0.0
        for st in students:
            k = st.kernel
            if k is None or st.done:
                continue
            rss, pss = b.tree_memory(k.pid, procs)
            if pss <= 0:
                continue
            now += pss
            st.peak_rss = max(st.peak_rss, rss)
            st.peak_pss = max(st.peak_pss, pss)
            st.idle_pss = pss if st.idle_pss is None else min(st.idle_pss, pss)
        total[0] = max(total[0], now)


def run_round(session, args, n, runaway=False, env=None, tag=""):
    cells = b.code_cells(LESSON)
    round_dir = session.folder("n%d%s%s" % (n, "r" if runaway else "", tag))
    stop = threading.Event()
    t0 = time.monotonic()
    deadline = t0 + args.round_timeout
    students = [Student(i) for i in range(n)]
    for st in students:
        st.env = env or {}
    threads = [threading.Thread(target=run_student, daemon=True,
                                args=(session, args, st, cells, os.path.join(round_dir, "student%02d" % st.idx),
                                      stop, deadline, args.seed * 1000 + st.idx)) for st in students]
    bad = None
    if runaway:
        bad = Student(n)
        threads.append(threading.Thread(target=run_runaway, daemon=True,
                                        args=(session, args, bad, cells, os.path.join(round_dir, "runaway"), stop, deadline)))
    sampler_stop = threading.Event()
    total = [0.0]
    sampler = threading.Thread(target=sample_memory, args=(students, sampler_stop, total), daemon=True)
    sampler.start()
    for t in threads:
        t.start()
    try:
        # The students end by themselves; the runaway student when told.
        for t in threads[:n]:
            t.join(max(0.1, deadline + 30 - time.monotonic()))
    finally:
        stop.set()
        end = time.monotonic() + 60  # a running cell is interrupted, then the kernel shut down
        for t in threads:
            t.join(max(0.1, end - time.monotonic()))
        sampler_stop.set()
        sampler.join(5)
    wall = time.monotonic() - t0
    shutil.rmtree(round_dir, ignore_errors=True)
    for st in students:
        st.class_pss = total[0]
    return students, bad, wall


def summarize(n, students, wall, label=None, want=None):
    got = [c for st in students for c in st.cells]
    secs = [c.seconds for c in got]
    # Failed: cells that timed out or errored, and cells a student never got
    # to (a kernel that died, the round's deadline).
    failed = sum(1 for c in got if not c.ok) + (want * len(students) - len(got) if want else 0)
    return {
        "label": label or str(n), "n": n, "cells": len(got),
        "p50": b.p50(secs) if secs else None, "p95": b.p95(secs) if secs else None,
        "max": max(secs) if secs else None,
        "cpu": (sum(c.cpu for c in got) / len(got)) if got else None,
        "pss": sum(st.peak_pss for st in students) / len(students),
        "idle": sum(st.idle_pss or 0 for st in students) / len(students),
        "rss": sum(st.peak_rss for st in students) / len(students),
        "class_pss": max(getattr(st, "class_pss", 0) for st in students),
        "failed": failed, "wall": wall,
        "errors": [st.error for st in students if st.error],
    }


HEADERS = ["students", "cells", "p50 s", "p95 s", "max s", "CPU s/cell", "PSS peak MiB/student", "PSS idle",
           "RSS peak", "class PSS peak MiB", "failed", "round s"]


def row(s):
    return [s["label"], s["cells"], b.fmt_num(s["p50"]), b.fmt_num(s["p95"]), b.fmt_num(s["max"]), b.fmt_num(s["cpu"]),
            b.fmt_num(s["pss"], 0), b.fmt_num(s["idle"], 0), b.fmt_num(s["rss"], 0), b.fmt_num(s["class_pss"], 0),
            s["failed"] or "", b.fmt_num(s["wall"], 0)]


def new_student(session, args, cold):
    """One new student alone: warm caches as the recipes give them, or
    cold ones. Returns the summary row and the first cell."""
    gocache = session.folder("cold-gocache" if cold else "unused")
    gopls = session.folder("cold-gopls" if cold else "new-gopls")
    env = {"GOPLSCACHE": gopls}
    if cold:
        env["GOCACHE"] = gocache
    else:
        shutil.rmtree(gopls)
        shutil.copytree(args.warm_gopls, gopls)
    slow = argparse.Namespace(**dict(vars(args), think=1, cell_timeout=max(args.cell_timeout, 1200),
                                     round_timeout=max(args.round_timeout, 1800)))
    students, _, wall = run_round(session, slow, 1, env=env, tag="cold" if cold else "new")
    label = "1 new, cold caches" if cold else "1 new, warm caches"
    st = students[0]
    return summarize(1, students, wall, label=label, want=len(b.code_cells(LESSON))), (st.cells[0] if st.cells else None), st


def parse_args(argv):
    p = argparse.ArgumentParser(prog="make bench-classroom", description=__doc__.split("\n\n")[0])
    p.add_argument("--students", default="1,5,10,20,30", help="class sizes to run, comma-separated (default 1,5,10,20,30)")
    p.add_argument("--think", type=float, default=10, help="mean think time between cells, seconds (default 10)")
    p.add_argument("--limit", type=float, default=3, help="the p95 latency a class must stay under, seconds (default 3)")
    p.add_argument("--kernel", default="gonb", help="the Go kernel's name (default gonb)")
    p.add_argument("--no-runaway", action="store_true", help="leave out the round with a misbehaving student")
    p.add_argument("--no-new-student", action="store_true", help="leave out the new-student rounds (warm and cold caches)")
    p.add_argument("--no-cold", action="store_true", help="leave out the cold-caches new student (a first cell of ~110 CPU-s)")
    p.add_argument("--runaway-with", type=int, default=10, help="class size of the runaway round (default 10)")
    p.add_argument("--runaway-timeout", type=float, default=5, help="seconds before the runaway cell is interrupted (default 5)")
    p.add_argument("--cell-timeout", type=float, default=120, help="seconds one cell may take (default 120)")
    p.add_argument("--round-timeout", type=float, default=600, help="seconds one round may take (default 600)")
    p.add_argument("--warmup", type=int, default=1, help="students that run the lesson alone first, unmeasured (default 1)")
    p.add_argument("--seed", type=int, default=1, help="seed of the think times (default 1)")
    p.add_argument("--quick", action="store_true", help="smoke run: --students 1,2 --think 1 --runaway-with 2 --warmup 0")
    p.add_argument("--markdown", action="store_true", help="also print the table as Markdown (for docs/performance.md)")
    a = p.parse_args(argv)
    if a.quick:
        a.students, a.think, a.runaway_with, a.warmup, a.runaway_timeout = "1,2", 1.0, 2, 0, 3
        a.no_new_student = True
    try:
        a.sizes = sorted({int(x) for x in a.students.split(",") if x.strip()})
    except ValueError:
        p.error("--students takes class sizes separated by commas, like 1,5,10")
    if not a.sizes or min(a.sizes) < 1 or max(a.sizes) > 200:
        p.error("--students: class sizes must be between 1 and 200")
    if a.think < 0 or a.limit <= 0 or a.cell_timeout <= 0 or a.round_timeout <= 0:
        p.error("--think must be ≥ 0; --limit, --cell-timeout and --round-timeout > 0")
    return a


def main(argv=None):
    args = parse_args(sys.argv[1:] if argv is None else argv)
    if not b.python_with_jupyter_client():
        print("bench-classroom: this Python (%s) has no jupyter_client: install python3-jupyter-client" % sys.executable, file=sys.stderr)
        return 3
    try:
        b.kernel_spec(args.kernel)
    except b.KernelError as e:
        print("bench-classroom: %s" % e, file=sys.stderr)
        return 1
    sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
    from bench import chinook_source

    args.env = {"CHINOOK_SOURCE": chinook_source()} if chinook_source() else {}
    session = b.Session(prefix="bunbook-classroom-")
    results, runaway, newcomers = [], None, []
    ncells = len(b.code_cells(LESSON))
    started = time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime())
    status = 0
    try:
        if args.warmup:
            b.log("warm-up: one student alone, to fill Go's build cache")
            run_round(session, argparse.Namespace(**dict(vars(args), think=0)), 1)
        if not args.no_new_student:
            args.warm_gopls = session.folder("warm-gopls")
            b.log("warming a gopls cache (scripts/warm-gopls.sh), as the image and TLJH's install do")
            subprocess.run([os.path.join(ROOT, "scripts", "warm-gopls.sh"), args.warm_gopls], check=True,
                           stdout=subprocess.DEVNULL, timeout=1800)
            for cold in (False,) if args.no_cold else (False, True):
                b.log("round: a new student, %s caches" % ("cold" if cold else "warm"))
                s, first, st = new_student(session, args, cold)
                s["first_cpu"], s["first_s"] = (first.cpu, first.seconds) if first else (None, None)
                s["peak_rss"], s["peak_pss"] = st.peak_rss, st.peak_pss
                newcomers.append(s)
        for n in args.sizes:
            b.log("round: %d student(s), think %g s" % (n, args.think))
            students, _, wall = run_round(session, args, n)
            results.append(summarize(n, students, wall, want=ncells))
            b.log("  p50 %s s, p95 %s s" % (b.fmt_num(results[-1]["p50"]), b.fmt_num(results[-1]["p95"])))
        if not args.no_runaway:
            n = args.runaway_with
            b.log("round: %d student(s) + 1 runaway" % n)
            if n not in args.sizes:
                students, _, wall = run_round(session, args, n)
                results.append(summarize(n, students, wall, want=ncells))
            students, bad, wall = run_round(session, args, n, runaway=True)
            runaway = (summarize(n, students, wall, label="%d + runaway" % n, want=ncells), bad)
    except KeyboardInterrupt:
        print("bench-classroom: interrupted", file=sys.stderr)
        status = 130
    finally:
        session.close()
        clean = session.check_clean(out=sys.stderr)
    if not clean:
        status = 1
    if not results:
        return status or 1

    print("bunbook classroom bench — %s, lesson 01, straight gonb kernels (no hub), think %g s (±50%%), %d cores" %
          (started, args.think, os.cpu_count() or 0))
    print()
    rows = [row(s) for s in sorted(results, key=lambda s: s["n"])]
    if runaway:
        rows.append(row(runaway[0]))
    print(b.table(HEADERS, rows, right=set(range(1, len(HEADERS)))))
    print("p50/p95/max: seconds from a cell's execute request to its reply, over every cell of every student;")
    print("CPU s/cell: user+sys of a student's kernel and all it started (go build, compile, link, the cell), per cell;")
    print("PSS/RSS peak, idle: a student's kernel tree sampled each second, largest and smallest (between cells), MiB;")
    print("class PSS peak: the largest sum over all students at one moment; failed: cells that timed out, errored")
    print("or never ran; round s: the round's wall time.")
    if newcomers:
        print()
        print("A new student's first login (one student alone, lesson 01):")
        nh = ["caches", "first cell CPU s", "first cell s", "lesson CPU s", "PSS peak MiB", "RSS peak MiB", "failed"]
        nr = [[s["label"], b.fmt_num(s["first_cpu"]), b.fmt_num(s["first_s"]), b.fmt_num((s["cpu"] or 0) * s["cells"], 1),
               b.fmt_num(s["peak_pss"], 0), b.fmt_num(s["peak_rss"], 0), s["failed"] or ""] for s in newcomers]
        print(b.table(nh, nr, right=set(range(1, len(nh)))))
        print("warm: the machine's build cache and a fresh copy of a warm gopls cache (the image; TLJH copies both at")
        print("server start); cold: both empty. Targets: first cell ≤ 10 CPU-s, peak ≤ 768 MiB (warm).")
        for s in newcomers:
            for e in s["errors"]:
                print("new student %s: %s" % (s["label"], e.splitlines()[0]))
    cap = capacity({s["n"]: s["p95"] for s in results if s["p95"] is not None and not s["failed"]}, args.limit)
    print()
    if cap:
        print("largest class with p95 ≤ %g s: %d student%s (of %s tried)" % (args.limit, cap, "" if cap == 1 else "s", ",".join(map(str, args.sizes))))
    else:
        print("largest class with p95 ≤ %g s: none of %s" % (args.limit, ",".join(map(str, args.sizes))))
    if runaway:
        s, bad = runaway
        print("runaway student: %d endless cell(s) interrupted after %g s, kernel answered afterwards %d time(s)%s; "
              "the %d others: %d cells, %d failed" % (bad.interrupted, args.runaway_timeout, bad.recovered,
                                                      " — " + bad.error.splitlines()[0] if bad.error else "", s["n"], s["cells"], s["failed"]))
        if bad.error or bad.interrupted == 0 or bad.recovered < bad.interrupted or s["failed"]:
            status = status or 1
    for s in results + ([runaway[0]] if runaway else []):
        for e in s["errors"]:
            print("round %s: %s" % (s["label"], e.splitlines()[0]))
    print("clean-up: %s" % ("no bench processes or temporary folders left" if clean else "FAILED (see above)"))
    if args.markdown:
        print()
        print(b.md_table(HEADERS, rows, right=set(range(1, len(HEADERS)))))
        if newcomers:
            print()
            print(b.md_table(nh, nr, right=set(range(1, len(nh)))))
    return status


if __name__ == "__main__":
    sys.exit(main())
