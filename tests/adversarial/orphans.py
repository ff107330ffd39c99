"""A correct solution that also leaves a daemon process running in a session of its own."""
import subprocess
import sys

subprocess.Popen([sys.executable, "-c", "import time; time.sleep(600)", "{MARK}"], start_new_session=True,
                 stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)

{SOLUTION}
