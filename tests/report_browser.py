"""Open a Snakemake HTML report in a real headless Chromium and record what a reader sees of each result.

The Snakemake 9 report is a React single-page app: the results (caption HTML and data URI of each file) are
a JSON object in the page, and a figure and its caption enter the DOM only once the reader opens that
result. A small script appended to a copy of the report does what a reader does, for every result in turn:
it opens the result's info panel (``app.showResultInfo``, what clicking a result row calls), clicks the
panel's view button (the eye icon) and records the caption's text as rendered in the panel and whether the
figure is displayed (a visible ``<img>`` of the result's data URI in the page). React renders synchronously
under ``ReactDOM.flushSync``, so all this happens while the page loads; a copy of each displayed ``<img>``
delays the page's load event until the browser has loaded and decoded it, and at the load event the
figures' natural sizes are added. Chromium's ``--dump-dom`` prints the page right after the load event, from
which :func:`report_view` reads the records back.
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
  // runs while the page is still loading: React renders synchronously under flushSync, and each figure's
  // probe <img> delays the load event until the browser has loaded and decoded it
  const records = [], probes = [];
  const holder = document.createElement("div");
  holder.style.cssText = "position: absolute; left: -100000px; top: 0";
  document.body.appendChild(holder);
  try {
    ReactDOM.flushSync(() => root.render(e(App)));
    for (const path of Object.keys(results)) {
      const entry = results[path];
      const record = {path: path, mime: entry.mime_type, caption_text: "", image: null, errors: []};
      ReactDOM.flushSync(() => app.showResultInfo(path));
      const caption = document.querySelector("#app li.prose");
      if (caption && app.state.resultPath === path) { record.caption_text = caption.innerText; }
      else { record.errors.push("no caption shown"); }
      if (entry.mime_type.startsWith("image/")) {
        const button = document.querySelector("#app ul a");
        if (button) { ReactDOM.flushSync(() => button.click()); } else { record.errors.push("no view button"); }
        const img = [...document.querySelectorAll("#app img")].find((el) => el.src === entry.data_uri);
        if (img) {
          const style = getComputedStyle(img);
          record.image = {visible: style.visibility === "visible" && style.display !== "none" && img.isConnected};
          const probe = img.cloneNode();
          holder.appendChild(probe);
          probes.push([record, probe]);
        } else { record.errors.push("figure not displayed"); }
      }
      records.push(record);
    }
  } catch (err) { records.push({fatal: String(err)}); }
  window.addEventListener("load", () => {
    for (const [record, probe] of probes) {
      record.image.natural = [probe.naturalWidth, probe.naturalHeight];
      record.image.complete = probe.complete;
    }
    const out = document.createElement("pre");
    out.id = "%(marker)s";
    out.textContent = JSON.stringify({records: records});
    document.querySelectorAll("script, style").forEach((el) => el.remove());
    document.querySelector("#app").replaceChildren();
    holder.remove();
    document.body.appendChild(out);
  });
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

    Each record has the result ``path``, its ``mime`` type, the shown ``caption_text``, for images
    ``image`` = ``{visible, complete, natural: [width, height]}``, and ``errors``.
    """
    text = report.read_text(encoding="utf-8")
    page = workdir / "report_view.html"
    end = text.rfind("</body>")  # the last one: package sources in the page contain the string too
    page.write_text(text[:end] + _CHECK + text[end:] if end >= 0 else text + _CHECK, encoding="utf-8")
    profile = workdir / "chromium-profile"
    cmd = [chromium, *FLAGS, f"--user-data-dir={profile}", "--window-size=1600,1200",
           "--dump-dom", page.as_uri()]
    proc = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout,
                          env={**os.environ, "HOME": str(workdir)})
    start = proc.stdout.find(f'<pre id="{MARKER}">')
    if start < 0:
        raise RuntimeError(f"the report check did not finish in Chromium (rc {proc.returncode}):\n"
                           f"{proc.stdout[-2000:]}\n{proc.stderr[-3000:]}")
    body = proc.stdout[start + len(f'<pre id="{MARKER}">'):proc.stdout.index("</pre>", start)]
    return json.loads(html.unescape(body))
