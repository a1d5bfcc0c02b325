#!/usr/bin/env python3
"""Build the course website from the committed notebooks and their saved outputs.

    site/build.py [--notebooks notebooks] [--course site/course.toml] [--docs docs] [--out build/site]

Nothing is executed: no Go, no kernel. The steps:

1. check the course: every notebook under --notebooks is in the course order
   (site/course.toml) and every listed notebook exists; every notebook has a
   title (a first "# heading") and saved outputs, and no cell holds an error
   output or was left unrun. A failure names the notebook, the cell and the fix.
2. stage a copy of the notebooks for Sphinx (build/site-work/src): Go as the
   code cells' lexer, <kbd> keys kept, files the notebooks link to copied
   along, and links to folders or files elsewhere in the repository (say
   ../../helpers/exercise) pointed at GitHub; a relative link to a file that
   does not exist fails the build.
3. render it with Sphinx, nbsphinx and the book theme (warnings are errors).
4. check the result is self-contained: no page loads a script, stylesheet,
   image or font from outside the site.
   The teachers' guide (docs/*.md, listed in the course file's [[guide]]
   entries) is staged under guide/ the same way, and every relative link in
   README.md and docs/ must lead to a file that exists (and, for a heading
   anchor in a Markdown file, to a heading that exists).
5. drop the themes' stray files from _static, give each SVG diagram its
   title as alt text and a full-size link, put each committed notebook next
   to its page (the download link), add .nojekyll (GitHub Pages), and only
   then replace --out: a failed build leaves the previous site in place.
"""

import argparse
import html
import html.parser
import json
import os
import pathlib
import posixpath
import re
import shutil
import subprocess
import sys
import tomllib

ROOT = pathlib.Path(__file__).resolve().parent.parent
SITE = ROOT / "site"


class BuildError(Exception):
    """A problem in the course's sources; the message says where and how to fix it."""


def rel(path):
    """path as the user typed it: relative to the repository when inside it."""
    path = pathlib.Path(path).resolve()
    try:
        return str(path.relative_to(ROOT))
    except ValueError:
        return str(path)


# ---------------------------------------------------------------- 1. checks


def load_course(course_file, notebooks):
    """The course order: notebook paths relative to notebooks/, checked both ways."""
    try:
        course = tomllib.loads(pathlib.Path(course_file).read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as err:
        raise BuildError(f"{rel(course_file)}: {err}")
    lessons = course.get("lesson", [])
    if not lessons:
        raise BuildError(f"{rel(course_file)} lists no lessons: add a [[lesson]] with notebook = \"….ipynb\"")
    order, problems = [], []
    for i, lesson in enumerate(lessons, 1):
        nb = lesson.get("notebook")
        if not isinstance(nb, str) or not nb.endswith(".ipynb"):
            problems.append(f"{rel(course_file)}: lesson {i} needs notebook = \"<path under notebooks/>.ipynb\"")
            continue
        if nb in order:
            problems.append(f"{rel(course_file)}: {nb} is listed twice")
        elif not (notebooks / nb).is_file():
            problems.append(f"{rel(course_file)}: lesson {i}, {nb}, does not exist in {rel(notebooks)}/")
        order.append(nb)
    present = sorted(
        p.relative_to(notebooks).as_posix()
        for p in notebooks.rglob("*.ipynb")
        if ".ipynb_checkpoints" not in p.parts
    )
    for nb in present:
        if nb not in order:
            problems.append(
                f"{rel(notebooks / nb)} is not in the course order: add it to {rel(course_file)} "
                f"([[lesson]] notebook = \"{nb}\") where it belongs, so it gets a page and a place in the navigation"
            )
    if problems:
        raise BuildError("\n".join(problems))
    return lessons


def cell_label(i, cell):
    first = "".join(cell.get("source", "")).strip().splitlines()
    first = next((line for line in first if line.strip() and line.strip() != "%%"), "")
    if len(first) > 60:
        first = first[:57] + "…"
    return f"cell {i} ({cell.get('cell_type')}{': ' + first if first else ''})"


def check_notebook(path):
    """Problems that would publish a broken lesson, one line each; and the title."""
    try:
        nb = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as err:
        return [f"{rel(path)}: not a readable notebook: {err}"], None
    name = rel(path)
    if nb.get("nbformat") != 4 or not isinstance(nb.get("cells"), list):
        return [f"{name}: not an nbformat 4 notebook"], None
    cells = nb["cells"]
    problems = []
    title = None
    if cells and cells[0].get("cell_type") == "markdown":
        m = re.match(r"#\s+(.+)", "".join(cells[0].get("source", "")).lstrip())
        title = m and m.group(1).strip()
    if not title:
        problems.append(f"{name}: no title: its first cell must be markdown starting with a '# Heading' (the page title)")
    fix = f"run it and save its outputs: scripts/save-outputs.sh {name}"
    code = [(i, c) for i, c in enumerate(cells) if c.get("cell_type") == "code" and "".join(c.get("source", "")).strip()]
    if code and not any(c.get("outputs") for _, c in code):
        problems.append(f"{name}: no saved outputs in any of its {len(code)} code cells: {fix}")
        return problems, title
    for i, c in code:
        errors = [o for o in c.get("outputs", []) if o.get("output_type") == "error"]
        if errors:
            e = errors[0]
            value = (e.get("evalue") or "").strip().splitlines()
            problems.append(
                f"{name}: {cell_label(i, c)} has an error output: {e.get('ename', 'error')}: "
                f"{value[0] if value else ''} — fix the cell, then {fix}"
            )
        elif c.get("execution_count") is None and not c.get("outputs"):
            problems.append(f"{name}: {cell_label(i, c)} has not been run (no saved outputs): {fix}")
    return problems, title


# ---------------------------------------------------------------- 2. staging

LINK = re.compile(r"(\]\(\s*<?)([^)\s>]+)(>?(?:\s+\"[^\"]*\")?\s*\))|((?:href|src)=\")([^\"]+)(\")")


def is_external(target):
    return re.match(r"[a-z][a-z0-9+.-]*:", target, re.I) or target.startswith(("#", "//"))


def rewrite_links(text, nb_rel, notebooks, course, repo_url, branch, where):
    """Relative links in a markdown cell, made to work on the site.

    Returns the new text, the problems, and the files under notebooks/ the
    cell links to (staged next to the notebooks, so Sphinx publishes them).
    A link to a lesson stays (nbsphinx turns x.ipynb into x.html); a link to
    a file beside the notebooks (an image, a data file) stays and the file is
    published; a link to a folder, or to a file elsewhere in the repository
    (../../helpers/exercise), points at it on GitHub; a link to nothing is an
    error.
    """
    problems, files = [], []
    nb_dir = posixpath.dirname(nb_rel)

    def fix(target):
        if is_external(target):
            return target
        path, _, anchor = target.partition("#")
        if not path:
            return target
        in_nb = posixpath.normpath(posixpath.join(nb_dir, path))
        if in_nb in course:
            return target
        if in_nb.endswith(".ipynb"):
            problems.append(f"{where} links to {target}, a notebook that is not in the course order")
            return target
        # Beside the notebooks: look in the folder being built. Elsewhere in
        # the repository: look in the repository, which the link leads to.
        repo_path = posixpath.normpath(posixpath.join("notebooks", in_nb))
        on_disk = notebooks / in_nb if not in_nb.startswith("../") else ROOT / repo_path
        if repo_path.startswith("../") or not on_disk.exists():
            problems.append(f"{where} links to {target}, which does not exist ({rel(on_disk)}): fix or remove the link")
            return target
        if on_disk.is_file() and not in_nb.startswith("../"):
            files.append(in_nb)
            return target
        kind = "tree" if on_disk.is_dir() else "blob"
        return f"{repo_url}/{kind}/{branch}/{repo_path}" + (f"#{anchor}" if anchor else "")

    def sub(m):
        if m.group(2) is not None:
            return m.group(1) + fix(m.group(2)) + m.group(3)
        return m.group(4) + fix(m.group(5)) + m.group(6)

    return LINK.sub(sub, text), problems, files


# nbsphinx converts markdown with pandoc, whose reST writer drops inline HTML:
# <kbd>Shift</kbd> becomes Sphinx's :kbd: role instead (escaped spaces let it
# touch the text around it, as in Shift+Enter).
KBD = re.compile(r"<kbd>([^<`]+)</kbd>")
# reST cannot nest code in a link, so pandoc writes [`x`](url) as broken
# markup: such a link becomes HTML (site/conf.py defines the raw-html role).
CODE_LINK = re.compile(r"\[`([^`\]]+)`\]\(\s*<?([^)\s>]+)>?\s*\)")


def code_link(m):
    href = m.group(2)
    path, hash_, anchor = href.partition("#")
    if not is_external(href) and path.endswith(".ipynb"):
        href = path[: -len(".ipynb")] + ".html" + hash_ + anchor
    a = f'<a class="reference" href="{html.escape(href)}"><code class="docutils literal">{html.escape(m.group(1))}</code></a>'
    a = a.replace("\\", "\\\\").replace("`", "\\`")
    return "``\\ :raw-html:`" + a + "`\\ ``{=rst}"


def stage(notebooks, order, src, repo_url, branch):
    problems = []
    for nb_rel in order:
        nb = json.loads((notebooks / nb_rel).read_text(encoding="utf-8"))
        # GoNB notebooks are Go, whatever the saved language_info says.
        info = nb.setdefault("metadata", {}).setdefault("language_info", {})
        info["name"] = "go"
        info["pygments_lexer"] = "go"
        for i, cell in enumerate(nb["cells"]):
            if cell.get("cell_type") != "markdown":
                continue
            text, bad, files = rewrite_links(
                "".join(cell["source"]), nb_rel, notebooks, set(order), repo_url, branch,
                f"{rel(notebooks / nb_rel)}: {cell_label(i, cell)}",
            )
            problems += bad
            for f in files:
                (src / f).parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(notebooks / f, src / f)
            text = CODE_LINK.sub(code_link, text)
            cell["source"] = KBD.sub(r"``\\ :kbd:`\1`\\ ``{=rst}", text)
        out = src / nb_rel
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(json.dumps(nb, ensure_ascii=False, indent=1), encoding="utf-8")
    if problems:
        raise BuildError("\n".join(problems))


def md_cell(text):
    return text.replace("|", "\\|").replace("\n", " ")


def write_index(src, lessons, titles, repo_url, guide=()):
    rows = ["| Lesson | What you learn |", "| --- | --- |"]
    for lesson in lessons:
        doc = lesson["notebook"][: -len(".ipynb")]
        rows.append(f"| {{doc}}`{md_cell(titles[lesson['notebook']])} <{doc}>` | {md_cell(lesson.get('learn', ''))} |")
    toc = ["```{toctree}", ":hidden:", ":maxdepth: 2", ""]
    toc += [lesson["notebook"][: -len(".ipynb")] for lesson in lessons]
    toc.append("```")
    if guide:
        toc += ["", "```{toctree}", ":hidden:", ":caption: For teachers", ":maxdepth: 1", ""]
        toc += ["guide/" + page[: -len(".md")] for page in guide]
        toc.append("```")
    text = (SITE / "index.md").read_text(encoding="utf-8")
    text = text.replace("{{ lessons }}", "\n".join(rows))
    text = text.replace("{{ toctree }}", "\n".join(toc))
    text = text.replace("{{ repository_url }}", repo_url)
    text = text.replace("{{ repository_name }}", repo_url.rstrip("/").rsplit("/", 1)[-1])
    (src / "index.md").write_text(text, encoding="utf-8")


def binder_prefix():
    """The lessons' folder relative to where the Dockerfile's image starts Jupyter.

    Jupyter starts in the image's last WORKDIR; Binder's paths are relative
    to that. The image puts the lessons where its `org.bunbook.lessons` label
    says (the start hook copies them into the home); without that label, the
    lessons are the notebooks/ folder of the WORKDIR of its `COPY . .`.
    """
    try:
        text = (ROOT / "Dockerfile").read_text(encoding="utf-8")
    except OSError:
        return "notebooks/"
    workdir, copied, last = "/", None, "/"
    for line in text.splitlines():
        m = re.match(r"\s*WORKDIR\s+(\S+)", line, re.I)
        if m:
            workdir = posixpath.join(workdir, m.group(1))
            last = workdir
        elif copied is None and re.match(r"\s*COPY\s+(--\S+\s+)*\.\s+\.\s*$", line, re.I):
            copied = workdir
    label = re.search(r'org\.bunbook\.lessons="([^"]+)"', text)
    if label:
        lessons = label.group(1)
    elif copied is not None:
        lessons = posixpath.join(copied, "notebooks")
    else:
        return "notebooks/"
    prefix = posixpath.relpath(lessons, last)
    return "" if prefix == "." else prefix + "/"


# ---------------------------------------------------------------- 2b. the guide

MD_LINK = re.compile(r"(?<!!)\[([^\]]*)\]\(\s*<?([^)\s>]+)>?\s*\)")
FENCE = re.compile(r"^```.*?^```", re.M | re.S)


def md_anchors(path):
    """The heading anchors GitHub and myst give a Markdown file."""
    text = FENCE.sub("", path.read_text(encoding="utf-8"))
    anchors = set()
    for m in re.finditer(r"^#{1,6}\s+(.+?)\s*$", text, re.M):
        slug = re.sub(r"[^\w\- ]", "", m.group(1).strip().lower().replace("`", ""))
        anchors.add(slug.replace(" ", "-"))
    return anchors


def check_md_links(path):
    """Problems with the relative links of one Markdown file of the repository."""
    problems = []
    text = FENCE.sub("", path.read_text(encoding="utf-8"))
    for m in MD_LINK.finditer(text):
        target = m.group(2)
        if is_external(target) and not target.startswith("#"):
            continue
        file, _, anchor = target.partition("#")
        dest = (path.parent / file).resolve() if file else path
        if not dest.exists():
            problems.append(f"{rel(path)} links to {target}, which does not exist: fix or remove the link")
        elif anchor and dest.suffix == ".md" and anchor not in md_anchors(dest):
            problems.append(f"{rel(path)} links to {target}, but {rel(dest)} has no heading with the anchor #{anchor}")
    return problems


def load_guide(course, docs):
    """The guide's pages (file names in docs/), checked both ways like the lessons."""
    if "guide" not in course:  # a course without a guide (the build's own tests)
        return []
    pages = [g.get("page") for g in course.get("guide", [])]
    problems = [f"[[guide]] entry {i}: page = \"<file in docs/>.md\"" for i, p in enumerate(pages, 1)
                if not isinstance(p, str) or not p.endswith(".md")]
    present = sorted(p.name for p in docs.glob("*.md")) if docs.is_dir() else []
    problems += [f"docs/{p} is listed in the guide but does not exist" for p in pages if isinstance(p, str) and p not in present]
    problems += [f"docs/{p} is not in the guide: add [[guide]] page = \"{p}\" to site/course.toml" for p in present if p not in pages]
    for md in [docs.parent / "README.md", *(docs / p for p in present)]:
        if md.exists():
            problems += check_md_links(md)
    if problems:
        raise BuildError("\n".join(problems))
    return pages


def stage_guide(pages, docs, src, repo_url, branch):
    """docs/*.md into src/guide/: links between guide pages stay, links to
    anything else in the repository lead to it on GitHub."""
    (src / "guide").mkdir(parents=True, exist_ok=True)
    for page in pages:
        text = (docs / page).read_text(encoding="utf-8")

        def fix(m):
            label, target = m.group(1), m.group(2)
            file, hash_, anchor = target.partition("#")
            if not file or is_external(target):
                return m.group(0)
            if "/" not in file and file in pages:
                return m.group(0)
            repo_path = posixpath.normpath(posixpath.join("docs", file))
            kind = "tree" if (ROOT / repo_path).is_dir() else "blob"
            return f"[{label}]({repo_url}/{kind}/{branch}/{repo_path}{hash_}{anchor})"

        (src / "guide" / page).write_text(MD_LINK.sub(fix, text), encoding="utf-8")


# ---------------------------------------------------------------- 3. Sphinx


def sphinx(src, out, doctrees, env, notebooks):
    cmd = [
        sys.executable, "-m", "sphinx", "-b", "html", "-q", "-W", "--keep-going",
        "-c", str(SITE), "-d", str(doctrees), str(src), str(out),
    ]
    proc = subprocess.run(cmd, env={**os.environ, **env}, capture_output=True, text=True)
    sys.stdout.write(proc.stdout)
    if proc.returncode != 0:
        # Name the notebooks, not their staged copies.
        err = proc.stderr.strip().replace(str(src) + os.sep, rel(notebooks) + os.sep)
        raise BuildError(f"sphinx-build failed (status {proc.returncode}):\n{err}")


# ---------------------------------------------------------------- 4. self-contained


class Assets(html.parser.HTMLParser):
    """The URLs a page loads by itself (not the links a reader may follow)."""

    LOADS = {"script": "src", "img": "src", "iframe": "src", "source": "src", "audio": "src",
             "video": "src", "embed": "src", "object": "data"}

    def __init__(self):
        super().__init__()
        self.urls = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "link" and a.get("href") and ({"stylesheet", "preload", "icon", "modulepreload"} & set((a.get("rel") or "").split())):
            self.urls.append(a["href"])
        elif tag in self.LOADS and a.get(self.LOADS[tag]):
            self.urls.append(a[self.LOADS[tag]])
        if "style" in a:
            self.urls += re.findall(r"url\(\s*['\"]?([^'\")]+)", a["style"])

    def handle_data(self, data):
        if self.lasttag == "style":
            self.urls += re.findall(r"@import\s+['\"]([^'\"]+)|url\(\s*['\"]?([^'\")]+)", data)


def check_self_contained(out):
    problems = []
    for page in sorted(out.rglob("*.html")):
        parser = Assets()
        parser.feed(page.read_text(encoding="utf-8"))
        for url in parser.urls:
            url = next((u for u in url if u), "") if isinstance(url, tuple) else url
            if re.match(r"(https?:)?//|file:", url, re.I):
                problems.append(f"{page.relative_to(out)} loads {url} from outside the site: vendor it under site/_static or turn it off in site/conf.py")
    for css in sorted(out.rglob("*.css")):
        for url in re.findall(r"url\(\s*['\"]?((?:https?:)?//[^'\")]+)", css.read_text(encoding="utf-8", errors="replace")):
            problems.append(f"{css.relative_to(out)} loads {url} from outside the site")
    if problems:
        raise BuildError("\n".join(problems))


# ---------------------------------------------------------------- 5. finish

# nbsphinx writes an output image with its path as alt text; a markdown image
# keeps the alt text its author wrote.
SVG_IMG = re.compile(r'<img alt="((?:\.\./)*_images/[^"]+\.svg)" src="\1" />')
SVG_TITLE = re.compile(r"<title>(.*?)</title>", re.S)


def prune_static(out):
    """Drop what the themes' static folders ship by mistake: the book theme's
    Python package files, pydata's webpack-macros.html (a Jinja template that
    would be served as a broken page)."""
    static = out / "_static"
    for junk in [*static.rglob("__pycache__"), *static.rglob("*.py"), *static.rglob("*.html")]:
        if junk.is_dir():
            shutil.rmtree(junk)
        elif junk.exists():
            junk.unlink()


def describe_diagrams(out):
    """Give each SVG output its own <title> as alt text (nbsphinx puts the
    file name there) and a link that opens it at full size."""
    for page in out.rglob("*.html"):
        text = page.read_text(encoding="utf-8")

        def sub(m):
            svg = (page.parent / m.group(1)).read_text(encoding="utf-8", errors="replace")
            title = SVG_TITLE.search(svg)
            alt = html.escape(html.unescape(title.group(1).strip()) if title else "diagram", quote=True)
            return (f'<a class="bunbook-zoom" href="{m.group(1)}" title="Open the diagram at full size">'
                    f'<img alt="{alt}" src="{m.group(1)}" /></a>')

        new = SVG_IMG.sub(sub, text)
        if new != text:
            page.write_text(new, encoding="utf-8")


# ---------------------------------------------------------------- main


def build(notebooks, course_file, out, work, docs=ROOT / "docs"):
    notebooks = pathlib.Path(notebooks).resolve()
    out = pathlib.Path(out).resolve()
    work = pathlib.Path(work).resolve()
    repository = os.environ.get("BUNBOOK_REPOSITORY", "bunbook/bunbook")
    branch = os.environ.get("BUNBOOK_BRANCH", "main")
    repo_url = f"https://github.com/{repository}"

    lessons = load_course(course_file, notebooks)
    guide = load_guide(tomllib.loads(pathlib.Path(course_file).read_text(encoding="utf-8")), pathlib.Path(docs).resolve())
    order = [lesson["notebook"] for lesson in lessons]
    problems, titles = [], {}
    for nb in order:
        bad, titles[nb] = check_notebook(notebooks / nb)
        problems += bad
    if problems:
        raise BuildError("\n".join(problems))

    src, doctrees, new = work / "src", work / "doctrees", work / "site"
    for d in (src, new):
        shutil.rmtree(d, ignore_errors=True)
    src.mkdir(parents=True)
    stage(notebooks, order, src, repo_url, branch)
    stage_guide(guide, pathlib.Path(docs).resolve(), src, repo_url, branch)
    write_index(src, lessons, titles, repo_url, guide)
    sphinx(src, new, doctrees, {
        "BUNBOOK_REPOSITORY": repository,
        "BUNBOOK_BRANCH": branch,
        "BUNBOOK_BINDER_PREFIX": os.environ.get("BUNBOOK_BINDER_PREFIX", binder_prefix()),
    }, notebooks)
    prune_static(new)
    check_self_contained(new)
    describe_diagrams(new)
    for nb in order:
        shutil.copyfile(notebooks / nb, new / nb)
    (new / ".nojekyll").write_text("")  # GitHub Pages: serve _static/ as is

    old = out.with_name(out.name + ".old")
    shutil.rmtree(old, ignore_errors=True)
    if out.exists():
        out.rename(old)
    new.rename(out)
    shutil.rmtree(old, ignore_errors=True)
    return order


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--notebooks", default=ROOT / "notebooks", help="folder of the lessons (default notebooks)")
    ap.add_argument("--course", default=SITE / "course.toml", help="the course order (default site/course.toml)")
    ap.add_argument("--out", default=ROOT / "build" / "site", help="where the site goes (default build/site)")
    ap.add_argument("--docs", default=ROOT / "docs", help="the teachers' guide, checked with the README.md beside it (default docs)")
    ap.add_argument("--work", default=None, help="staging folder (default: <out>-work)")
    args = ap.parse_args()
    out = pathlib.Path(args.out)
    work = args.work or out.with_name(out.name + "-work")
    try:
        order = build(args.notebooks, args.course, out, work, args.docs)
    except BuildError as err:
        print(f"make site: the site was not built:\n{err}", file=sys.stderr)
        return 1
    print(f"make site: {len(order)} lessons rendered into {rel(out)}/ (open {rel(out)}/index.html, or serve the folder)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
