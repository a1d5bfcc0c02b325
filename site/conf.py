# Sphinx configuration of the course website. `make site` (site/build.py)
# runs Sphinx with this folder as its configuration directory on a staged copy
# of notebooks/: the saved outputs are rendered, nothing is executed.
#
# The site must be self-contained (no CDN, no font service): every asset comes
# from the Debian packages of Sphinx, nbsphinx and the book theme, or from
# site/_static. build.py fails the build when a page references anything else.
import os

project = "bunbook"
author = "the bunbook authors"
copyright = "the bunbook authors"

# build.py passes the repository and branch the Binder, download and source
# links point at (BUNBOOK_REPOSITORY=owner/name, BUNBOOK_BRANCH).
repository = os.environ.get("BUNBOOK_REPOSITORY", "bunbook/bunbook")
branch = os.environ.get("BUNBOOK_BRANCH", "main")
repository_url = f"https://github.com/{repository}"
# Where notebooks/ sits under the Jupyter server root of the Docker image that
# Binder builds ("" when the image starts Jupyter inside notebooks/).
binder_prefix = os.environ.get("BUNBOOK_BINDER_PREFIX", "")

extensions = ["nbsphinx", "myst_parser"]
source_suffix = {".md": "markdown"}  # nbsphinx adds .ipynb
exclude_patterns = ["**/.ipynb_checkpoints"]
master_doc = "index"
language = "en"

# Never execute: the site shows the outputs saved in the committed notebooks.
nbsphinx_execute = "never"
# GoNB cells are Go. nbsphinx takes the lexer from the notebook's
# language_info, which build.py sets to "go" in the staged copy; this covers a
# notebook without language_info.
nbsphinx_codecell_lexer = "go"
pygments_style = "tango"
# Only Jupyter widgets need RequireJS, and nbsphinx would load it from a CDN.
nbsphinx_requirejs_path = ""
# MathJax only on pages with math (none so far); nbsphinx would otherwise
# load it on every notebook page, from a CDN.
nbsphinx_assume_equations = False
html_scaled_image_link = False

myst_enable_extensions = ["colon_fence"]
myst_heading_anchors = 3

# The raw-html role is for links whose text is code, which build.py writes as
# HTML (reST cannot nest code in a link). Then a launch bar above every notebook: Binder (which builds the repository's
# Dockerfile), the notebook file itself (build.py puts the committed notebook
# next to its page), and its source on GitHub.
nbsphinx_prolog = (
    r"""
{% set nbpath = env.doc2path(env.docname, base=None) %}
{% set nbname = nbpath.split('/')[-1] %}
{% set root = '../' * env.docname.count('/') %}
.. role:: raw-html(raw)
   :format: html

.. raw:: html

    <nav class="bunbook-launch" aria-label="Run this notebook">
      <a class="bunbook-binder" href="https://mybinder.org/v2/gh/"""
    + repository
    + "/"
    + branch
    + "?urlpath=lab/tree/"
    + binder_prefix
    + r"""{{ nbpath }}"><img src="{{ root }}_static/images/logo_binder.svg" alt="">Launch on Binder</a>
      <a class="bunbook-download" href="{{ nbname }}" download>Download the notebook (.ipynb)</a>
      <a class="bunbook-source" href="""
    + f'"{repository_url}/blob/{branch}/notebooks/'
    + r"""{{ nbpath }}">View on GitHub</a>
    </nav>
"""
)

html_theme = "sphinx_book_theme"
html_title = "bunbook"
html_static_path = ["_static"]
html_favicon = "_static/favicon.svg"
html_css_files = ["bunbook.css"]
html_copy_source = False  # no _sources/: the download link serves the notebook
html_show_sourcelink = False
html_last_updated_fmt = None
html_show_copyright = False
html_theme_options = {
    "repository_url": repository_url,
    "repository_branch": branch,
    "path_to_docs": "notebooks",
    "use_repository_button": True,
    "use_download_button": False,  # it would serve the staged copy, not the notebook
    "use_fullscreen_button": False,
    "home_page_in_toc": True,
    "show_navbar_depth": 2,
    "extra_navbar": "",
    "search_bar_text": "Search the course…",
    "extra_footer": f'<p>Source: <a href="{repository_url}">{repository_url}</a></p>',
}
