# Every student's Jupyter server reads this file (TLJH's user environment,
# /opt/tljh/user/etc/jupyter/) when it starts: it puts the course's lessons
# into ~/bunbook first. lessonsync copies new lessons, updates the ones the
# student has not changed and never overwrites one they have (the new version
# goes beside it). Without lessonsync, only missing files are copied.
import os
import shutil
import subprocess

source = "/opt/bunbook/notebooks"
target = os.path.join(os.path.expanduser("~"), "bunbook")
sync = "/opt/go/bin/lessonsync"

# The course option BUNBOOK_SOLUTIONS (bunbook_hub.py sets it for every
# student): "hidden" leaves the solutions notebook out until it is "shown".
withheld = [] if os.environ.get("BUNBOOK_SOLUTIONS", "shown") == "shown" else ["exercises/solutions.ipynb"]

try:
    if os.access(sync, os.X_OK):
        subprocess.run([sync, "-from", source, "-to", target] + [a for f in withheld for a in ("-exclude", f)],
                       check=True, timeout=60)
    else:
        shutil.copytree(source, target, dirs_exist_ok=True,
                        ignore=lambda d, names: [n for n in names
                                                 if os.path.relpath(os.path.join(d, n), source) in withheld],
                        copy_function=lambda src, dst: os.path.exists(dst) or shutil.copy2(src, dst))
except Exception as e:  # never keep a student's server from starting
    print(f"WARNING: bunbook: the lessons could not be put into {target}: {e}")
