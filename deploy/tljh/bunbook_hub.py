# TLJH hub configuration for bunbook, installed by install-course.sh into
# /opt/tljh/config/jupyterhub_config.d/bunbook.py.
c = get_config()  # noqa: F821

# Students land on the lessons; their file browser shows their whole home.
c.Spawner.notebook_dir = "~"
c.Spawner.default_url = "/lab/tree/bunbook"
