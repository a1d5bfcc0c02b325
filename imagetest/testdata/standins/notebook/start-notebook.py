#!/usr/bin/env python3
"""Stand-in for docker-stacks' start-notebook.py: the server on port 8888.

Under a hub (JUPYTERHUB_API_TOKEN set) the real one starts
jupyterhub-singleuser; this stand-in has no JupyterHub and says so.
"""
import os
import sys

if "JUPYTERHUB_API_TOKEN" in os.environ:
    os.execvp("jupyterhub-singleuser", ["jupyterhub-singleuser", *sys.argv[1:]])
os.execvp("jupyter", ["jupyter", "notebook", "--ip=0.0.0.0", "--port=8888", "--no-browser", *sys.argv[1:]])
