# Every student's Jupyter server reads this file (TLJH's user environment,
# /opt/tljh/user/etc/jupyter/) when it starts, as the student:
# bunbook-student-start puts the course's lessons into ~/bunbook (merging the
# course's changes cell by cell, never losing an edit: docs/updates.md) and copies the warm Go build cache
# (see deploy/tljh/student-start.sh); bunbook_kernels.py culls idle and
# runaway kernels. install-course.sh fills in the path.
import subprocess

try:
    subprocess.run(["@GO_HOME@/bin/bunbook-student-start"], check=True, timeout=300)
except Exception as e:  # never keep a student's server from starting
    print(f"WARNING: bunbook: student start-up failed: {e}")

load_subconfig("bunbook_kernels.py")  # noqa: F821
