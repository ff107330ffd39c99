"""A real headless browser for the tests that must see a page as a person does (Chromium, where installed)."""
from __future__ import annotations

import json
import shutil
import subprocess
from html import unescape
from pathlib import Path

BROWSERS = ("chromium", "chromium-browser", "google-chrome", "chrome")
SKIP_REASON = "no Chromium on this machine (apt-get install chromium): the page was not opened in a real browser"


def find() -> str | None:
    return next((path for name in BROWSERS if (path := shutil.which(name))), None)


def run(browser: str, profile: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([browser, "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                           "--disable-component-update", "--disable-sync", "--no-first-run",
                           f"--user-data-dir={profile}", "--window-size=1000,1800", *args],
                          check=False, capture_output=True, timeout=120, stdin=subprocess.DEVNULL)


def probe(browser: str, page: Path, script: str, tmp_path: Path, name: str):
    """Open ``page`` in the browser with ``script`` run on load; return what the script returned, and the DOM."""
    probed = tmp_path / f"{name}.html"
    body = f"<script>addEventListener('load', () => {{ const found = (() => {{{script}}})();" \
           "const out = document.createElement('pre'); out.id = 'probe'; out.textContent = JSON.stringify(found);" \
           "document.body.append(out); });</script></body>"
    probed.write_text(page.read_text(encoding="utf-8").replace("</body>", body), encoding="utf-8")
    dom = run(browser, tmp_path / f"profile-{name}", "--virtual-time-budget=5000", "--dump-dom", probed.as_uri())
    text = dom.stdout.decode("utf-8", "replace")
    assert '<pre id="probe">' in text, dom.stderr[-2000:]
    return json.loads(unescape(text.split('<pre id="probe">')[1].split("</pre>")[0])), text
