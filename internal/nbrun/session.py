"""Drive one Jupyter kernel for nbrun's Session (session.go): start the
kernelspec named in argv[1] in the folder argv[2], then answer one JSON
request per stdin line with one JSON reply per stdout line.

Requests: {"op": "execute"|"complete"|"inspect", "code": str,
"cursor_pos": int, "timeout": seconds}. Execute replies carry the outputs
as nbformat would save them; complete and inspect carry the kernel's reply
content. jupyter_client is the library every Jupyter front end uses."""
import json
import sys

from jupyter_client.manager import KernelManager


def reply_to(kc, msg_id, timeout):
    while True:
        msg = kc.get_shell_msg(timeout=timeout)
        if msg["parent_header"].get("msg_id") == msg_id:
            return msg["content"]


def execute(kc, req):
    outputs = []

    def hook(msg):
        kind, content = msg["msg_type"], msg["content"]
        if kind == "stream":
            outputs.append({"output_type": "stream", "name": content["name"], "text": content["text"]})
        elif kind in ("display_data", "execute_result", "update_display_data"):
            outputs.append({"output_type": kind, "data": content.get("data", {})})
        elif kind == "error":
            outputs.append({"output_type": "error", "ename": content["ename"],
                            "evalue": content["evalue"], "traceback": content["traceback"]})

    reply = kc.execute_interactive(req["code"], output_hook=hook, timeout=req.get("timeout", 600),
                                   allow_stdin=False, stop_on_error=False)
    return {"status": reply["content"]["status"], "execution_count": reply["content"].get("execution_count"),
            "outputs": outputs}


def main():
    km = KernelManager(kernel_name=sys.argv[1])
    km.start_kernel(cwd=sys.argv[2])
    kc = km.client()
    kc.start_channels()
    try:
        kc.wait_for_ready(timeout=120)
        print(json.dumps({"status": "ready"}), flush=True)
        for line in sys.stdin:
            req = json.loads(line)
            timeout = req.get("timeout", 600)
            try:
                if req["op"] == "execute":
                    out = execute(kc, req)
                elif req["op"] == "complete":
                    out = reply_to(kc, kc.complete(req["code"], req["cursor_pos"]), timeout)
                elif req["op"] == "inspect":
                    out = reply_to(kc, kc.inspect(req["code"], req["cursor_pos"], detail_level=0), timeout)
                else:
                    out = {"status": "error", "evalue": "unknown op " + req["op"]}
            except Exception as e:  # a timeout: report it, keep the session
                out = {"status": "error", "evalue": "%s: %s" % (type(e).__name__, e)}
            print(json.dumps(out), flush=True)
    finally:
        kc.stop_channels()
        try:
            km.shutdown_kernel(now=False)
        except Exception:
            km.shutdown_kernel(now=True)


if __name__ == "__main__":
    main()
