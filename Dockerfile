# bunbook: JupyterLab with Go, this course's pinned GoNB kernel and its
# lessons, for one student (`docker run`) or a classroom (JupyterHub).
#
#   docker build -t bunbook .
#   docker run --rm -p 8888:8888 bunbook          # then open the http://127.0.0.1:8888/lab?token=… URL it prints
#
# Building offline (or in a classroom mirror)? Lesson 2 downloads Chinook at
# build time; point it at a copy inside the build context (a relative path is
# relative to the context) or at a local mirror:
#   docker build --build-arg CHINOOK_SOURCE=chinook.zip -t bunbook .
#   docker build --build-arg CHINOOK_SOURCE=https://mirror.example/chinook.zip -t bunbook .
#
# Hub-proof: a hub mounts each student's volume over /home/jovyan, so nothing
# the course needs lives there. Go, the modules and a build cache warmed by
# running every lesson at build time are in /opt/go; the gonb kernel is
# installed system-wide (/usr/local/share/jupyter/kernels/gonb); the course
# (the Go module the lessons import, and the lessons) is in /opt/bunbook. At
# every server start a docker-stacks start hook (before-notebook.d) copies
# the lessons into ~/bunbook without overwriting a notebook the student
# changed (see README, "Classroom image"). The image keeps docker-stacks'
# entrypoint and default command: JupyterLab under `docker run`,
# jupyterhub-singleuser under a hub.
#
# The build fails when a lesson fails: every lesson runs once (make lessons).

# Jupyter's maintained docker-stacks image (JupyterLab, start hooks, user
# jovyan), pinned by its date tag (docker-stacks: "use a date tag" to avoid a
# moving reference); move it on deliberately, with a new course release.
ARG BASE_IMAGE=quay.io/jupyter/base-notebook:2025-03-14
# Go from the official image: pinned by its full version, no download script.
ARG GO_IMAGE=golang:1.26.8-bookworm

FROM ${GO_IMAGE} AS go

FROM ${BASE_IMAGE}
USER root
COPY --from=go /usr/local/go /usr/local/go
# CGO off: the SQLite driver (modernc) and GoNB are pure Go, and the base
# image has no C compiler. GOTOOLCHAIN=local: never download another Go.
ENV GOPATH=/opt/go \
    GOMODCACHE=/opt/go/pkg/mod \
    GOCACHE=/opt/go/cache \
    BUNBOOK_BIN=/opt/go/bin \
    PATH=/opt/go/bin:/usr/local/go/bin:${PATH} \
    CGO_ENABLED=0 \
    GOFLAGS=-buildvcs=false \
    GOTOOLCHAIN=local
# The notebook user (uid 1000, gid 100) owns Go's folders, so the build cache
# stays writable for the kernel; the kernel folder is the notebook user's
# only while the build installs the kernel.
RUN install -d -o 1000 -g 100 /opt/bunbook /opt/go /usr/local/share/jupyter/kernels && \
    mkdir -p /usr/local/bin/before-notebook.d

USER 1000:100
WORKDIR /opt/bunbook
# Modules and GoNB's tools first: this layer is rebuilt only when go.mod or
# go.sum change, not on every lesson edit.
COPY --chown=1000:100 go.mod go.sum ./
RUN umask 0002 && export HOME=/tmp/build-home && go mod download && \
    go build -o /opt/go/bin/gonb github.com/janpfeifer/gonb && \
    go build -o /opt/go/bin/goimports golang.org/x/tools/cmd/goimports && \
    rm -rf /tmp/build-home

COPY --chown=1000:100 . .
# scripts/lessons.sh is `make lessons`: scripts/setup.sh (gonb, goimports and
# gopls (tools/gopls)
# from go.mod, the kernel installed with --go_work=/opt/bunbook, here into the
# system-wide folder), then every lesson executed headlessly; a failing
# lesson fails the build. umask 0002: the build cache it fills stays
# writable for group 100. HOME is a throw-away folder, so the image's home
# gets no leftovers (Jupyter's and Go's dot folders). Then lessonsync, for
# the start hook, and bunbook-reset (the same program) for students.
ARG CHINOOK_SOURCE=
RUN umask 0002 && export HOME=/tmp/build-home && \
    case "${CHINOOK_SOURCE}" in ""|/*|*://*) ;; *) CHINOOK_SOURCE=/opt/bunbook/${CHINOOK_SOURCE} ;; esac && \
    JUPYTER_DATA_DIR=/usr/local/share/jupyter JUPYTER_RUNTIME_DIR=/tmp/jupyter-runtime \
    CHINOOK_SOURCE="${CHINOOK_SOURCE}" scripts/lessons.sh && \
    go build -o /opt/go/bin/lessonsync ./cmd/lessonsync && \
    ln -s lessonsync /opt/go/bin/bunbook-reset && \
    rm -rf /tmp/build-home /tmp/jupyter-runtime

# --- classroom (issue 20): gopls's cache warm, kernels culled -------------
# A new student's gopls reads a warm cache (GOPLSCACHE below) instead of
# type-checking the course itself (cold: ~1.6 GiB peak, warm ~150 MiB).
# The kernel's go/goimports/gopls wrappers (scripts/kernel) came with
# make lessons. The Jupyter server culls idle and runaway kernels
# (deploy/jupyter_server_config.py; BUNBOOK_KERNEL_CULL_TIMEOUT, seconds).
RUN umask 0002 && export HOME=/tmp/build-home && \
    scripts/warm-gopls.sh /opt/go/gopls-cache && \
    rm -rf /tmp/build-home
USER root
RUN install -D -m 0644 /opt/bunbook/deploy/jupyter_server_config.py \
        /usr/local/etc/jupyter/jupyter_server_config.py
ENV GOPLSCACHE=/opt/go/gopls-cache \
    BUNBOOK_KERNEL_CULL_TIMEOUT=1800
# The course release: the tag the hub recipes pin (bunbook:<release>).
LABEL org.bunbook.release="2026.12"
USER 1000:100
# --- end classroom ----------------------------------------------------------

# No leftovers: the executed copies, the build's Chinook copy and what the
# lessons created (lesson1.db, …); chinook.db stays beside the lessons, for
# offline classrooms. The course becomes read-only (root's): students work
# on the copy the start hook puts into their home.
USER root
RUN rm -rf /opt/bunbook/build /opt/bunbook/chinook.zip && \
    find /opt/bunbook/notebooks \( -name '.ipynb_checkpoints' -o -name '*.db-*' \
        -o \( -name '*.db' ! -name chinook.db \) \) -prune -exec rm -rf {} + && \
    test -s /opt/bunbook/notebooks/chinook.db && \
    chown -R root:root /opt/bunbook /usr/local/share/jupyter/kernels && \
    chmod -R go-w /opt/bunbook /usr/local/share/jupyter/kernels && \
    ln -sf /opt/bunbook/image/before-notebook.d/50-bunbook-lessons /usr/local/bin/before-notebook.d/

# The contract with the JupyterHub recipes (the hub tests read these lines):
#   the notebook user and its ids, the home a hub mounts the student's volume
#   on, where the student's lessons land, and where the course is kept.
LABEL org.bunbook.image="bunbook" \
      org.bunbook.notebook-user="jovyan" \
      org.bunbook.notebook-uid="1000" \
      org.bunbook.notebook-gid="100" \
      org.bunbook.home="/home/jovyan" \
      org.bunbook.lessons="/home/jovyan/bunbook" \
      org.bunbook.course="/opt/bunbook"
# BUNBOOK_LESSONS_SOURCE: the lessons as shipped; BUNBOOK_LESSONS_DIR: the
# student's copy (the start hook syncs one into the other). CHINOOK_SOURCE:
# a student who deletes chinook.db gets it back offline from the image.
# GOPROXY: GoNB runs `go get` on every cell; the image's module cache
# answers it first, so an offline classroom works, and other modules still
# come from the public proxy where there is internet.
ENV BUNBOOK_COURSE=/opt/bunbook \
    GOPROXY=file:///opt/go/pkg/mod/cache/download,https://proxy.golang.org,direct \
    BUNBOOK_LESSONS_SOURCE=/opt/bunbook/notebooks \
    BUNBOOK_LESSONS_DIR=/home/jovyan/bunbook \
    CHINOOK_SOURCE=/opt/bunbook/notebooks/chinook.db

# Back to the base image's user and folder; its ENTRYPOINT and CMD stay.
USER 1000
WORKDIR /home/jovyan
