# JupyterHub with DockerSpawner for the bunbook course, on one Docker host:
# one container per student from the bunbook image, the student's own named
# volume mounted on /home/jovyan, idle servers culled.
#
# On the host (Docker installed, the image built with
# `docker build -t bunbook:2026.12 .`, the tag = the Dockerfile's org.bunbook.release):
#   python3 -m pip install jupyterhub dockerspawner jupyterhub-idle-culler
#   npm install -g configurable-http-proxy
#   jupyterhub -f deploy/dockerspawner/jupyterhub_config.py
#
# classroom.TestRecipesMatchImage loads this file and checks it against the
# Dockerfile's org.bunbook.* labels (image, uid/gid, home, lessons folder).
# It was not run against a Docker daemon with DockerSpawner here (DockerSpawner
# is not installable in CI): try it with two test accounts before a class.
import sys

c = get_config()  # noqa: F821

c.JupyterHub.spawner_class = "dockerspawner.DockerSpawner"
# The containers reach the hub's API on the host's side of Docker's default
# bridge (check the address with `ip -4 addr show docker0`); the proxy, on
# the host too, reaches each container on a port DockerSpawner maps to
# 127.0.0.1. Students connect to the proxy: put HTTPS in front of port 8000.
c.JupyterHub.hub_bind_url = "http://172.17.0.1:8081"

# Authentication: pick your school's (OAuthenticator for GitHub, Google,
# GitLab…, or LDAP), or NativeAuthenticator for sign-up with teacher
# approval. Only the listed people may log in; admins can start and stop
# everyone's server.
# c.JupyterHub.authenticator_class = "github"
# c.Authenticator.allowed_users = {"ada", "linus"}
# c.Authenticator.admin_users = {"teacher"}

# The image the build made, pinned to a course release. A new release (a new
# tag here, then a hub restart) is how lessons reach the students; their
# edited notebooks are kept (the start hook never overwrites a changed file).
# "ifnotpresent": the image built on this host is used, never pulled.
c.DockerSpawner.image = "bunbook:2026.12"
c.DockerSpawner.pull_policy = "ifnotpresent"
# The image's notebook user and group (org.bunbook.notebook-uid / -gid).
c.DockerSpawner.extra_create_kwargs = {"user": "1000:100"}
# Each student's own named volume on the home. Docker fills an empty volume
# from the image's /home/jovyan the first time; the start hook then copies
# the lessons into /home/jovyan/bunbook.
c.DockerSpawner.volumes = {"bunbook-{username}": "/home/jovyan"}
c.DockerSpawner.notebook_dir = "/home/jovyan"
c.DockerSpawner.default_url = "/lab/tree/bunbook"
# The course options, read in each container:
# - BUNBOOK_SOLUTIONS: "hidden" keeps the exercises' solutions notebook out of
#   students' homes (the image's start hook reads it); set "shown" and
#   restart the hub to hand it out at each student's next server start.
# - BUNBOOK_KERNEL_CULL_TIMEOUT: the Jupyter server shuts down a kernel idle
#   (or stuck in a loop with no output) this many seconds; 0 = never.
c.DockerSpawner.environment = {
    "BUNBOOK_SOLUTIONS": "hidden",
    "BUNBOOK_KERNEL_CULL_TIMEOUT": "1800",
}
# Containers go when the server stops; volumes (the students' work) stay.
c.DockerSpawner.remove = True
# cmd is left unset: the image's own command (docker-stacks' start-notebook)
# runs its start hooks, then jupyterhub-singleuser.

# Sized from `make bench-classroom` (docs/classroom.md, "Sizing"): a new
# student's peak with the image's warm Go and gopls caches stays under
# 768 MiB; warm, ~300-420 MiB while a cell builds. The limit leaves room for
# a student's own bigger program. ~1 CPU-s per cell in short bursts: the
# limit of 2 keeps one build fast; a 2-core host holds ~10 students at
# p95 <= 3 s (docs/performance.md).
c.DockerSpawner.mem_limit = "1G"
c.DockerSpawner.cpu_limit = 2.0

# Servers idle for an hour stop (volumes stay); a login starts them again.
c.JupyterHub.services = [
    {
        "name": "idle-culler",
        "command": [sys.executable, "-m", "jupyterhub_idle_culler", "--timeout=3600", "--cull-every=300"],
    }
]
c.JupyterHub.load_roles = [
    {
        "name": "idle-culler",
        "scopes": ["list:users", "read:users:activity", "read:servers", "delete:servers"],
        "services": ["idle-culler"],
    }
]
