# bunbook: cull idle and runaway kernels (the Jupyter server's own kernel
# culler). The image installs this as /usr/local/etc/jupyter/
# jupyter_server_config.py; TLJH's install-course.sh as bunbook_kernels.py in
# the user environment. A hub's idle culler stops whole servers; this stops
# a kernel left idle (gopls holds ~300 MiB per kernel) or stuck in a loop
# (a core) while its student is still logged in.
#
# BUNBOOK_KERNEL_CULL_TIMEOUT: seconds a kernel may go without any activity
# (no cell run, no output), busy or idle, tab open or not, before it is shut
# down; 0 turns culling off. Set it in the hub's recipe (all three set 1800).
import os

c = get_config()  # noqa: F821

timeout = int(os.environ.get("BUNBOOK_KERNEL_CULL_TIMEOUT", "1800") or 0)
if timeout > 0:
    c.MappingKernelManager.cull_idle_timeout = timeout
    c.MappingKernelManager.cull_interval = max(10, min(300, timeout // 2))
    c.MappingKernelManager.cull_busy = True        # a runaway loop with no output
    c.MappingKernelManager.cull_connected = True   # a tab left open
