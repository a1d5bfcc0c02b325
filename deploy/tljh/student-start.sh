#!/bin/sh
# Run by each student's Jupyter server as it starts (TLJH: the user
# environment's jupyter_server_config.py), as the student; install-course.sh
# fills in the paths. Never keeps a server from starting.
#  1. The lessons into ~/@LESSONS_DIR@: lessonsync copies new lessons,
#     merges the course's changes into the ones the student has, and never
#     overwrites a student's edit (docs/updates.md); the solutions notebook
#     only once the teacher shows it (BUNBOOK_SOLUTIONS).
#  2. The course's warm Go build cache, copied once per course install into
#     the student's own ~/.cache/go-build: the first cell then compiles only
#     itself (a cold cache costs ~110 CPU-s). A copy, not a shared cache: a
#     build cache writable by two students lets one run code in the other's
#     programs. Files the student already has are kept.
course=@COURSE@
gohome=@GO_HOME@
lessons=$HOME/@LESSONS_DIR@

# The course option BUNBOOK_SOLUTIONS (bunbook_hub.py sets it for every
# student): "hidden" leaves the solutions notebook out until it is "shown".
set --
[ "${BUNBOOK_SOLUTIONS:-shown}" = shown ] || set -- -exclude exercises/solutions.ipynb
"$gohome/bin/lessonsync" -from "$course/notebooks" -to "$lessons" "$@" ||
  echo "WARNING: bunbook: the lessons could not be put into $lessons" >&2

# copy_warm FROM TO: FROM's files TO, once per course install (the
# bunbook-warm stamp), keeping what TO has.
copy_warm() {
  [ -r "$1/bunbook-warm" ] || return 0
  cmp -s "$1/bunbook-warm" "$2/bunbook-warm" 2>/dev/null && return 0
  mkdir -p "$2" && cp -R -n "$1/." "$2/" && cp -f "$1/bunbook-warm" "$2/bunbook-warm"
}
cache=${XDG_CACHE_HOME:-$HOME/.cache}
copy_warm "$gohome/cache" "${GOCACHE:-$cache/go-build}" ||
  echo "WARNING: bunbook: the warm Go build cache could not be copied (the first cell compiles the course: about two minutes)" >&2
#  3. gopls's warm cache likewise (Tab completion and Shift+Tab docs; cold,
#     gopls needs ~1.6 GiB once).
copy_warm "$gohome/gopls-cache" "${GOPLSCACHE:-$cache/gopls}" ||
  echo "WARNING: bunbook: the warm gopls cache could not be copied" >&2
exit 0
