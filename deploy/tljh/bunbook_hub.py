# TLJH hub configuration for bunbook, installed by install-course.sh into
# /opt/tljh/config/jupyterhub_config.d/bunbook.py (re-run it, or edit this
# copy and `sudo tljh-config reload hub`, to change a value).
c = get_config()  # noqa: F821

# Students land on the lessons; their file browser shows their whole home.
c.Spawner.notebook_dir = "~"
c.Spawner.default_url = "/lab/tree/bunbook"
# Idle or runaway kernels are shut down after this many seconds without
# activity (deploy/jupyter_server_config.py; 0 = never).
c.Spawner.environment = {"BUNBOOK_KERNEL_CULL_TIMEOUT": "@KERNEL_CULL_TIMEOUT@"}
