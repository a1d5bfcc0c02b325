# bunbook: the two commands the README promises, plus conveniences.
# Every target calls a script in scripts/, so the Dockerfile and CI run the
# very same steps (Jupyter's Docker images have no make).

.DEFAULT_GOAL := lessons
.PHONY: lessons test test-image site setup lab save-outputs bench bench-classroom class-report clean help

## lessons: set up what is missing, then execute every lesson into build/lessons (the main job)
lessons:
	@scripts/lessons.sh

## test: every test — gofmt, go vet, go test ./... (the notebook, browser, hub and server tests), then the image test
test:
	@scripts/test.sh

## site: render the course website into build/site from the saved notebooks (runs nothing; needs Sphinx)
site:
	@scripts/site.sh

## test-image: build the course image on stand-in bases and check it in containers, as CI does (root, docker.io, debootstrap; ~15 min from nothing)
test-image:
	@scripts/test-image.sh

## setup: build gonb/goimports and install the gonb Jupyter kernel for this checkout
setup:
	@scripts/setup.sh

## lab: open the lessons in JupyterLab (or the classic Notebook) on this machine
lab:
	@scripts/lab.sh

## save-outputs: maintainers — re-run the lessons and save fresh outputs into the committed notebooks
save-outputs:
	@scripts/save-outputs.sh

## bench: what each lesson cell costs next to the floor and the Python lesson (ARGS='--runs 3', see --help)
bench:
	@scripts/bench.sh bench $(ARGS)

## bench-classroom: how many students one machine holds (ARGS='--students 1,5,10', see --help)
bench-classroom:
	@scripts/bench.sh classroom $(ARGS)

## class-report: teachers — who is stuck where: HUB=<url> with CLASSREPORT_TOKEN=<admin token>, or HOMES=<folder of homes>; writes build/classreport.html
class-report:
	@scripts/class-report.sh

## clean: remove executed lessons, logs and the lessons' databases (keeps build/bin and the kernel)
clean:
	rm -rf build/lessons build/test.log build/test-summary.txt build/site build/site-work build/site-shots
	find notebooks -name '*.db' -delete

## help: list the targets
help:
	@sed -n 's/^## //p' $(MAKEFILE_LIST)
