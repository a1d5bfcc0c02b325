# TLJH hub configuration for bunbook, installed by install-course.sh into
# /opt/tljh/config/jupyterhub_config.d/bunbook.py (re-run it, or edit this
# copy and `sudo tljh-config reload hub`, to change a value).
c = get_config()  # noqa: F821

# Students land on the lessons; their file browser shows their whole home.
c.Spawner.notebook_dir = "~"
c.Spawner.default_url = "/lab/tree/bunbook"

# The course option BUNBOOK_SOLUTIONS: "hidden" keeps the exercises'
# solutions notebook out of students' homes until the teacher shows it:
#   echo shown | sudo tee /opt/tljh/config/bunbook-solutions && sudo tljh-config reload hub
# Each student gets it at their next server start (docs/class-report.md).
solutions = "hidden"
try:
    with open("/opt/tljh/config/bunbook-solutions") as f:
        solutions = f.read().strip() or "hidden"
except OSError:
    pass
# Idle or runaway kernels are shut down after this many seconds without
# activity (deploy/jupyter_server_config.py; 0 = never).
c.Spawner.environment = {
    "BUNBOOK_SOLUTIONS": solutions,
    "BUNBOOK_KERNEL_CULL_TIMEOUT": "@KERNEL_CULL_TIMEOUT@",
}
