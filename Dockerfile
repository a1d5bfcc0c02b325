# bunbook in one step: JupyterLab with Go and this course's pinned GoNB kernel.
#
#   docker build -t bunbook .
#   docker run --rm -p 8888:8888 bunbook          # then open the http://127.0.0.1:8888/lab?token=… URL it prints
#
# Building offline (or in a classroom mirror)? Lesson 2 downloads Chinook at
# build time; point it at a copy inside the build context or a local mirror:
#   docker build --build-arg CHINOOK_SOURCE=https://mirror.example/chinook.zip -t bunbook .
#
# To keep your work on the host, mount the notebooks folder:
#   docker run --rm -p 8888:8888 -v "$PWD/notebooks:/home/jovyan/bunbook/notebooks" bunbook
#
# The image is thin on purpose: it runs the same scripts/setup.sh as the
# README's `make lessons`, and then executes every lesson once at build time,
# which downloads the modules and fills Go's build cache, so the first cell a
# student runs compiles in about a second instead of half a minute.

# Jupyter's maintained docker-stacks image (JupyterLab, nbconvert, user jovyan).
ARG BASE_IMAGE=quay.io/jupyter/base-notebook:latest
# Go from the official image: pinned by tag, no download script.
ARG GO_IMAGE=golang:1.26-bookworm

FROM ${GO_IMAGE} AS go

FROM ${BASE_IMAGE}
COPY --from=go /usr/local/go /usr/local/go
# CGO off: the SQLite driver (modernc) and GoNB are pure Go, and the base
# image has no C compiler. The tools go outside the checkout so that mounting
# a folder over it keeps the kernel working.
ENV PATH=/usr/local/go/bin:/home/jovyan/go/bin:${PATH} \
    GOPATH=/home/jovyan/go \
    CGO_ENABLED=0 \
    GOFLAGS=-buildvcs=false \
    BUNBOOK_BIN=/home/jovyan/go/bin

USER ${NB_UID}
RUN mkdir -p /home/jovyan/bunbook
WORKDIR /home/jovyan/bunbook
COPY --chown=${NB_UID}:${NB_GID} . .
# scripts/lessons.sh is `make lessons`: it runs scripts/setup.sh (build gonb
# and goimports from go.mod and gopls from tools/gopls, install the kernel
# with --go_work, check Jupyter), then executes every lesson headlessly into
# build/lessons.
ARG CHINOOK_SOURCE=
RUN CHINOOK_SOURCE="${CHINOOK_SOURCE}" scripts/lessons.sh

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

# JupyterLab (the base image's default command) opens here, on the lessons.
WORKDIR /home/jovyan/bunbook/notebooks
