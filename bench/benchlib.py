"""Shared pieces of the course's benches (make bench, make bench-classroom).

A bench drives real Jupyter kernels through the Jupyter messaging protocol
with jupyter_client — the reference client, the one nbconvert and Jupyter's
servers use, shipped by Debian as python3-jupyter-client (a dependency of
the jupyter-nbconvert package the notebook tests already need). A Go client
would have to re-implement the protocol's ZeroMQ framing and signing.

Everything a bench starts is accounted for and removed: kernels run with a
marker in their environment (inherited by every process they start), their
temporary files go under one temporary folder, and Session.close — called on
normal exit, on an exception, on Ctrl-C and on SIGTERM — shuts the kernels
down, kills whatever still carries the marker and removes the folder.
"""

import math
import os
import queue
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
import uuid

MARK = "BUNBOOK_BENCH_RUN"  # environment variable every bench process carries
CLK_TCK = os.sysconf("SC_CLK_TCK")
PAGE = os.sysconf("SC_PAGE_SIZE")

# ---------------------------------------------------------------- statistics


def percentile(values, p):
    """The p-th percentile (0..100) of values, interpolating linearly between
    the two nearest ranks (numpy's default, "type 7"): with few runs p95 lies
    between the two slowest, not on an arbitrary one."""
    if not values:
        raise ValueError("percentile of no values")
    if not 0 <= p <= 100:
        raise ValueError("percentile %r is outside 0..100" % p)
    s = sorted(values)
    rank = (len(s) - 1) * p / 100
    lo, hi = math.floor(rank), math.ceil(rank)
    return s[lo] + (s[hi] - s[lo]) * (rank - lo)


def p50(values):
    return percentile(values, 50)


def p95(values):
    return percentile(values, 95)


def ratio(a, b):
    """a/b, or None when b is 0 or missing (printed as a dash)."""
    if a is None or not b:
        return None
    return a / b


def fmt_num(v, digits=2, suffix=""):
    if v is None:
        return "-"
    return "%.*f%s" % (digits, v, suffix)


def fmt_ratio(v):
    return fmt_num(v, 2, "×")


def table(headers, rows, right=None):
    """A plain-text table, columns padded to their widest cell. right is the
    set of column indexes to right-align (numbers); default every column but
    the first two."""
    rows = [[("" if c is None else str(c)) for c in r] for r in rows]
    n = len(headers)
    for r in rows:
        if len(r) != n:
            raise ValueError("row %r has %d cells, the table %d columns" % (r, len(r), n))
    if right is None:
        right = set(range(2, n))
    widths = [max([len(h)] + [len(r[i]) for r in rows]) for i, h in enumerate(headers)]

    def line(cells):
        out = [c.rjust(widths[i]) if i in right else c.ljust(widths[i]) for i, c in enumerate(cells)]
        return "  ".join(out).rstrip()

    sep = "  ".join("-" * w for w in widths)
    return "\n".join([line(headers), sep] + [line(r) for r in rows])


def md_table(headers, rows, right=None):
    """The same table in Markdown, for docs/performance.md."""
    n = len(headers)
    if right is None:
        right = set(range(2, n))
    rows = [[("" if c is None else str(c)).replace("|", "\\|") for c in r] for r in rows]
    align = ["---:" if i in right else ":---" for i in range(n)]
    out = ["| " + " | ".join(headers) + " |", "| " + " | ".join(align) + " |"]
    out += ["| " + " | ".join(r) + " |" for r in rows]
    return "\n".join(out)


# ------------------------------------------------------------- process tree


def _stat(pid):
    """(ppid, starttime, cpu ticks incl. reaped children, rss pages) of pid,
    or None when it is gone."""
    try:
        with open("/proc/%d/stat" % pid, "rb") as f:
            raw = f.read()
    except OSError:
        return None
    # The command name (field 2) may hold spaces and parentheses: split after
    # the last ')'. Then fields[0] is field 3 (state).
    fields = raw[raw.rindex(b")") + 2:].split()
    ppid = int(fields[1])
    utime, stime, cutime, cstime = (int(x) for x in fields[11:15])
    return ppid, int(fields[19]), utime + stime + cutime + cstime, int(fields[21])


def processes():
    """pid -> (ppid, starttime, cpu ticks, rss pages) of every process."""
    out = {}
    for name in os.listdir("/proc"):
        if name.isdigit():
            st = _stat(int(name))
            if st:
                out[int(name)] = st
    return out


def descendants(root, procs=None):
    """root and every live process below it."""
    procs = processes() if procs is None else procs
    children = {}
    for pid, st in procs.items():
        children.setdefault(st[0], []).append(pid)
    out, todo = [], [root]
    while todo:
        pid = todo.pop()
        if pid in procs:
            out.append(pid)
            todo.extend(children.get(pid, ()))
    return out


def tree_cpu(root, procs=None):
    """CPU seconds (user + sys) of root and every process it started: each
    live process's own time plus its reaped children's (cutime/cstime, which
    already hold their own reaped children — grandchildren such as `go
    build`'s compile and link). Summed over the live tree, the figure stays
    right whichever process reaps which."""
    procs = processes() if procs is None else procs
    return sum(procs[p][2] for p in descendants(root, procs)) / CLK_TCK


def _pss_kib(pid):
    try:
        with open("/proc/%d/smaps_rollup" % pid) as f:
            for line in f:
                if line.startswith("Pss:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def tree_memory(root, procs=None):
    """(RSS, PSS) in MiB of root and every live process below it. PSS shares
    pages mapped by several processes among them, so it adds up across
    students; RSS counts shared pages in each."""
    procs = processes() if procs is None else procs
    pids = descendants(root, procs)
    rss = sum(procs[p][3] for p in pids) * PAGE / 2**20
    pss = sum(_pss_kib(p) for p in pids) / 1024
    return rss, pss


def marked(run_id):
    """pids of live processes whose environment carries this run's marker."""
    want = ("%s=%s" % (MARK, run_id)).encode() + b"\0"
    out = []
    me = os.getpid()
    for name in os.listdir("/proc"):
        if not name.isdigit() or int(name) == me:
            continue
        try:
            with open("/proc/%s/environ" % name, "rb") as f:
                env = f.read() + b"\0"
        except OSError:
            continue
        if b"\0" + want in b"\0" + env:
            out.append(int(name))
    return out


# ---------------------------------------------------------------- notebooks


def code_cells(path):
    """The source of each non-empty code cell of the notebook at path."""
    import json

    with open(path) as f:
        nb = json.load(f)
    out = []
    for c in nb.get("cells", []):
        if c.get("cell_type") != "code":
            continue
        src = c.get("source", "")
        src = "".join(src) if isinstance(src, list) else src
        if src.strip():
            out.append(src)
    return out


_BORING = ("//", "%%", "import", ")", '"', "db := ", "defer db.Close()", "}")


def cell_label(src, width=34):
    """A short name for a cell: its first line that says what it does
    (skipping imports, comments, %% and the db := opener lines)."""
    for line in src.splitlines():
        s = line.strip()
        if not s or s.startswith(_BORING) or s.startswith("var ctx"):
            continue
        return s if len(s) <= width else s[: width - 1] + "…"
    first = src.strip().splitlines()[0].strip()
    return first if len(first) <= width else first[: width - 1] + "…"


# ------------------------------------------------------------------ kernels


class CellResult:
    __slots__ = ("seconds", "cpu", "status", "error", "stdout", "timed_out")

    def __init__(self):
        self.seconds = 0.0
        self.cpu = 0.0
        self.status = "ok"
        self.error = ""
        self.stdout = ""
        self.timed_out = False

    @property
    def ok(self):
        return self.status == "ok" and not self.timed_out


class KernelError(RuntimeError):
    pass


class Kernel:
    """One kernel started with jupyter_client, in its own working folder."""

    def __init__(self, session, name, cwd, env=None, startup_timeout=120):
        from jupyter_client import KernelManager

        self.session, self.name, self.cwd = session, name, cwd
        self.kc = None
        self.km = KernelManager(kernel_name=name)
        self.km.shutdown_wait_time = 5
        full = dict(os.environ)
        full.update(env or {})
        full[MARK] = session.run_id
        full["TMPDIR"] = session.tmp  # GoNB's build folders land in ours
        session.register(self)
        # The kernel's own log (GoNB's klog lines) goes to a file, quoted
        # when the kernel fails.
        self.log_path = os.path.join(session.tmp, "kernel-%s.log" % uuid.uuid4().hex[:8])
        self._log = open(self.log_path, "wb")
        t0 = time.monotonic()
        self.km.start_kernel(cwd=cwd, env=full, stdout=subprocess.DEVNULL, stderr=self._log)
        self.pid = _kernel_pid(self.km)
        self.kc = self.km.client()
        self.kc.start_channels()
        try:
            self.kc.wait_for_ready(timeout=startup_timeout)
        except RuntimeError as e:
            raise KernelError("kernel %s did not start within %d s: %s\n%s" % (name, startup_timeout, e, self.log_tail()))
        self.startup = time.monotonic() - t0

    def log_tail(self, n=20):
        try:
            with open(self.log_path, errors="replace") as f:
                return "".join(f.readlines()[-n:])
        except OSError:
            return ""

    def cpu(self):
        return tree_cpu(self.pid)

    def memory(self):
        return tree_memory(self.pid)

    def execute(self, code, timeout, stop=None, interrupt_grace=30):
        """Run one cell and wait (at most timeout seconds) for the kernel to
        be idle again and its reply. Times the cell as a student sees it: from
        the request to the reply. On timeout the cell is interrupted (the
        kernel's interrupt, as the ■ button, repeated every 2 s) and the
        result says timed_out; a kernel still busy interrupt_grace seconds
        later raises KernelError."""
        r = CellResult()
        cpu0 = self.cpu()
        t0 = time.monotonic()
        msg_id = self.kc.execute(code, store_history=True, allow_stdin=False)
        idle = reply = None
        out = []
        deadline = t0 + timeout
        interrupted = False
        next_interrupt = None
        while idle is None or reply is None:
            now = time.monotonic()
            if not interrupted and (now > deadline or (stop is not None and stop.is_set())):
                r.timed_out = True
                interrupted = True
                next_interrupt = now
                deadline = now + interrupt_grace
            if interrupted:
                if now > deadline:
                    raise KernelError("kernel %s did not come back within %d s of an interrupt\n%s" % (self.name, interrupt_grace, self.log_tail()))
                if now >= next_interrupt:
                    # GoNB interrupts the cell's program, not `go build`: an
                    # interrupt that lands while the cell still compiles is
                    # lost, so press ■ again, as a student would.
                    self.km.interrupt_kernel()
                    next_interrupt = now + 2
            wait = max(0.01, min(0.5, deadline - time.monotonic()))
            if idle is None:
                try:
                    msg = self.kc.get_iopub_msg(timeout=wait)
                except queue.Empty:
                    msg = None
                if msg and msg["parent_header"].get("msg_id") == msg_id:
                    t, c = msg["msg_type"], msg["content"]
                    if t == "status" and c.get("execution_state") == "idle":
                        idle = time.monotonic()
                    elif t == "stream" and c.get("name") == "stdout":
                        out.append(c.get("text", ""))
                    elif t == "error":
                        r.error = (c.get("ename", "") + ": " + c.get("evalue", "")).strip()
            else:
                try:
                    msg = self.kc.get_shell_msg(timeout=wait)
                except queue.Empty:
                    msg = None
                if msg and msg["parent_header"].get("msg_id") == msg_id:
                    reply = time.monotonic()
                    r.status = msg["content"].get("status", "?")
                    if r.status == "error" and not r.error:
                        c = msg["content"]
                        r.error = (c.get("ename", "") + ": " + c.get("evalue", "")).strip()
        r.seconds = max(idle, reply) - t0
        r.cpu = self.cpu() - cpu0
        r.stdout = "".join(out)
        return r

    def shutdown(self):
        try:
            if self.kc is not None:
                self.kc.stop_channels()
        except Exception:
            pass
        self.kc = None  # its __del__ must run now, not at interpreter exit
        try:
            if self.km.has_kernel:
                self.km.shutdown_kernel(now=False)
        except Exception:
            try:
                self.km.shutdown_kernel(now=True)
            except Exception:
                pass
        self._log.close()
        self.session.unregister(self)


def _kernel_pid(km):
    prov = getattr(km, "provisioner", None)
    proc = getattr(prov, "process", None) if prov else None
    if proc is None:
        proc = getattr(km, "kernel", None)
    if proc is None or not getattr(proc, "pid", None):
        raise KernelError("cannot find the pid of kernel %s" % km.kernel_name)
    return proc.pid


def kernel_spec(name):
    """The kernelspec named name, or a KernelError saying how to install it."""
    from jupyter_client.kernelspec import KernelSpecManager, NoSuchKernel

    try:
        return KernelSpecManager().get_kernel_spec(name)
    except NoSuchKernel:
        hint = {"gonb": "run `make setup`", "python3": "install it (Debian: python3-ipykernel)"}.get(
            name, "check the name (`jupyter kernelspec list` lists the installed ones)")
        raise KernelError("no Jupyter kernel named %r: %s, or pick another with --kernel" % (name, hint))


# ------------------------------------------------------------------ session


class Session:
    """Owns a bench run's temporary folder and kernels, and removes them all
    on close — however the run ends."""

    def __init__(self, prefix="bunbook-bench-"):
        self.run_id = uuid.uuid4().hex
        self.tmp = tempfile.mkdtemp(prefix=prefix)
        self._kernels = set()
        self._lock = threading.Lock()
        self._closed = False
        self.leftovers = []
        for sig in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP):
            signal.signal(sig, self._on_signal)

    def _on_signal(self, signum, frame):
        # Unwind the main thread through its finally blocks, which close us.
        signal.signal(signum, signal.SIG_DFL if signum != signal.SIGINT else signal.default_int_handler)
        raise KeyboardInterrupt("signal %d" % signum)

    def register(self, k):
        with self._lock:
            self._kernels.add(k)

    def unregister(self, k):
        with self._lock:
            self._kernels.discard(k)

    def folder(self, name):
        path = os.path.join(self.tmp, name)
        os.makedirs(path, exist_ok=True)
        return path

    def close(self, timeout=30):
        """Shut every kernel down (in parallel, bounded), kill anything left
        with our marker, remove the temporary folder. Returns the pids that
        had to be killed (empty when the kernels went away by themselves)."""
        if self._closed:
            return self.leftovers
        self._closed = True
        # A second Ctrl-C must not cut the clean-up short.
        try:
            for sig in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP):
                signal.signal(sig, signal.SIG_IGN)
        except ValueError:  # not the main thread
            pass
        with self._lock:
            kernels = list(self._kernels)
        threads = [threading.Thread(target=k.shutdown, daemon=True) for k in kernels]
        for t in threads:
            t.start()
        end = time.monotonic() + timeout
        for t in threads:
            t.join(max(0.1, end - time.monotonic()))
        killed = []
        for _ in range(3):
            pids = marked(self.run_id)
            if not pids:
                break
            for pid in pids:
                try:
                    os.kill(pid, signal.SIGKILL)
                    killed.append(pid)
                except OSError:
                    pass
            time.sleep(0.5)
        shutil.rmtree(self.tmp, ignore_errors=True)
        self.leftovers = marked(self.run_id)
        self.killed = killed
        return killed

    def check_clean(self, out=sys.stdout):
        """Print and return whether the run left nothing behind."""
        clean = not self.leftovers and not os.path.exists(self.tmp)
        print("clean-up: %s" % ("no bench processes or temporary files left" if clean else
              "LEFT BEHIND: processes %s, folder %s" % (self.leftovers, self.tmp if os.path.exists(self.tmp) else "-")), file=out)
        if self.killed:
            print("clean-up: had to kill %d process(es) that outlived their kernel's shutdown" % len(self.killed), file=out)
        return clean


def python_with_jupyter_client():
    """True when this interpreter can import jupyter_client."""
    try:
        import jupyter_client  # noqa: F401
        return True
    except ImportError:
        return False


def log(msg):
    print("[%s] %s" % (time.strftime("%H:%M:%S"), msg), file=sys.stderr, flush=True)
