"""Open a Snakemake HTML report in a real headless Chromium and record what a reader sees of each result.

The Snakemake 9 report is a React single-page app: the results (caption HTML and data URI of each file) are
a JSON object in the page, and a figure and its caption enter the DOM only once the reader opens that
result. A small script appended to a copy of the report does what a reader does, for every result in turn:
it opens the result's info panel (``app.showResultInfo``, what clicking a result row calls), clicks the
panel's view button (the eye icon), waits for the React render and the image decode, and records whether the
figure is displayed (an ``<img>`` of the result's data URI with a nonzero natural size) and the caption's
text as rendered in the panel. Chromium's ``--dump-dom`` then prints the page, from which
:func:`report_view` reads the records back.
"""

from __future__ import annotations

import html
import json
import os
import shutil
import subprocess
from pathlib import Path

CHROMIUM_NAMES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--no-first-run", "--allow-file-access-from-files")
MARKER = "lazyrich-report-view"

_CHECK = """
<script>
(function () {
  const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
  async function until(test, tries) {
    for (let i = 0; i < tries; i++) { const v = test(); if (v) return v; await sleep(20); }
    return null;
  }
  async function view() {
    const records = [];
    await until(() => typeof app !== "undefined" && app, 500);
    for (const path of Object.keys(results)) {
      const entry = results[path];
      const record = {path: path, mime: entry.mime_type, caption_text: "", image: null, errors: []};
      app.showResultInfo(path);
      const panel = await until(() => {
        const caption = document.querySelector("#app li.prose");
        return caption && app.state.resultPath === path ? caption : null;
      }, 200);
      if (panel) { record.caption_text = panel.innerText; } else { record.errors.push("no caption shown"); }
      if (entry.mime_type.startsWith("image/")) {
        const button = document.querySelector("#app ul a");
        if (button) { button.click(); } else { record.errors.push("no view button"); }
        const img = await until(() => {
          const found = [...document.querySelectorAll("#app img")].find((el) => el.src === entry.data_uri);
          return found && found.complete ? found : null;
        }, 500);
        if (img) {
          try { await img.decode(); } catch (err) { record.errors.push("decode: " + err); }
          const box = img.getBoundingClientRect();
          record.image = {natural: [img.naturalWidth, img.naturalHeight], shown: [box.width, box.height],
                          visible: getComputedStyle(img).visibility === "visible" && getComputedStyle(img).display !== "none"};
        } else { record.errors.push("figure not displayed"); }
      }
      records.push(record);
    }
    const out = document.createElement("pre");
    out.id = "%(marker)s";
    out.textContent = JSON.stringify({records: records});
    document.querySelectorAll("script, style").forEach((el) => el.remove());
    document.querySelector("#app").replaceChildren();
    document.body.appendChild(out);
  }
  window.addEventListener("load", () => { view().catch((err) => {
    const out = document.createElement("pre"); out.id = "%(marker)s";
    out.textContent = JSON.stringify({fatal: String(err)}); document.body.appendChild(out);
  }); });
})();
</script>
""" % {"marker": MARKER}


def find_chromium() -> str | None:
    """Path of a Chromium (or Chrome) executable on PATH, or None."""
    for name in CHROMIUM_NAMES:
        found = shutil.which(name)
        if found:
            return found
    return None


def report_view(report: Path, workdir: Path, chromium: str, timeout: int = 300) -> dict:
    """What a reader sees of every result of ``report``: ``{"records": [...]}`` (``{"fatal": ...}`` on error).

    Each record has the result ``path``, its ``mime`` type, the shown ``caption_text``, for images the
    ``image`` sizes (natural and on screen) and visibility, and ``errors``.
    """
    text = report.read_text(encoding="utf-8")
    page = workdir / "report_view.html"
    end = text.rfind("</body>")  # the last one: package sources in the page contain the string too
    page.write_text(text[:end] + _CHECK + text[end:] if end >= 0 else text + _CHECK, encoding="utf-8")
    profile = workdir / "chromium-profile"
    cmd = [chromium, *FLAGS, f"--user-data-dir={profile}", "--window-size=1600,1200",
           "--virtual-time-budget=600000", "--dump-dom", page.as_uri()]
    proc = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout,
                          env={**os.environ, "HOME": str(workdir)})
    start = proc.stdout.find(f'<pre id="{MARKER}">')
    if start < 0:
        raise RuntimeError(f"the report check did not finish in Chromium (rc {proc.returncode}):\n"
                           f"{proc.stdout[-2000:]}\n{proc.stderr[-3000:]}")
    body = proc.stdout[start + len(f'<pre id="{MARKER}">'):proc.stdout.index("</pre>", start)]
    return json.loads(html.unescape(body))
