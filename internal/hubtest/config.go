package hubtest

// configPy is the hub's jupyterhub_config.py. Its values come from
// settings.json beside it, written by Start, so nothing is pasted into
// Python source.
const configPy = `# Written by bunbook's internal/hubtest for one test run.
import json, os

here = os.path.dirname(os.path.abspath(__file__))
with open(os.path.join(here, "settings.json")) as f:
    s = json.load(f)

c = get_config()  # noqa: F821

# Loopback only, random ports, everything in this folder.
c.JupyterHub.bind_url = s["bind_url"]
c.JupyterHub.hub_bind_url = s["hub_bind_url"]
c.ConfigurableHTTPProxy.api_url = s["proxy_api_url"]
c.ConfigurableHTTPProxy.command = s["proxy_command"]
c.ConfigurableHTTPProxy.pid_file = os.path.join(s["dir"], "proxy.pid")
c.JupyterHub.pid_file = os.path.join(s["dir"], "jupyterhub.pid")
c.JupyterHub.db_url = "sqlite:///" + os.path.join(s["dir"], "jupyterhub.sqlite")
c.JupyterHub.cookie_secret_file = os.path.join(s["dir"], "jupyterhub_cookie_secret")
c.JupyterHub.cleanup_servers = True
c.JupyterHub.cleanup_proxy = True

# Two students with one password; nobody else may log in.
c.JupyterHub.authenticator_class = "dummy"
c.DummyAuthenticator.password = s["password"]
c.Authenticator.allowed_users = set(s["users"]) | set(s.get("admins", []))
# Teachers: hub admins (Options.Admins), with the same password.
c.Authenticator.admin_users = set(s.get("admins", []))

# One server process per student, HOME = that student's folder.
c.JupyterHub.spawner_class = "simple"
c.SimpleLocalProcessSpawner.home_dir_template = os.path.join(s["homes"], "{username}")
c.Spawner.ip = "127.0.0.1"
c.Spawner.notebook_dir = "~"
c.Spawner.args = s["args"]
c.Spawner.environment = s["env"]
c.Spawner.start_timeout = 90
c.Spawner.http_timeout = 90

# The test's own admin token (a service), to read a server's pid and stop it.
c.JupyterHub.services = [{"name": "hubtest", "api_token": s["admin_token"]}]
c.JupyterHub.load_roles = [
    {"name": "hubtest-admin", "scopes": ["admin:users", "admin:servers"], "services": ["hubtest"]},
]
`
