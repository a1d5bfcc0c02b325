# TLJH hub configuration for bunbook, installed by install-course.sh into
# /opt/tljh/config/jupyterhub_config.d/bunbook.py.
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
c.Spawner.environment = {"BUNBOOK_SOLUTIONS": solutions}
