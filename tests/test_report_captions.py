"""Every report caption (a Jinja-templated reStructuredText file) renders without any docutils message in
every profile: an RST slip such as ``t_+`` (a reference) or ``|x|`` (a substitution) would otherwise show up in
the HTML report as a "Docutils System Messages" box instead of the caption. Fast: no workflow run (the
smoke pipeline test also checks the built report)."""

import io

import jinja2
import pytest
from docutils.core import publish_parts

from lazyrich.config import PROFILES, load_profile
from lazyrich.data.inventory import data_labels


def _captions(project_root):
    return sorted((project_root / "workflow/report").rglob("*.rst"))


def docutils_messages(rst: str) -> str:
    """Every docutils system message (info and up) produced while rendering ``rst`` to HTML, as text."""
    stream = io.StringIO()
    publish_parts(rst, writer="html", settings_overrides={"warning_stream": stream, "report_level": 1})
    return stream.getvalue()


@pytest.mark.parametrize("profile", PROFILES)
def test_every_caption_renders_cleanly(project_root, profile):
    class Snakemake:  # what a caption sees: snakemake.config (profile, every section, the data labels; Snakefile)
        config = {"profile": profile, **load_profile(profile), "data_labels": data_labels(project_root / "no-inventory")}

    env = jinja2.Environment(undefined=jinja2.StrictUndefined)
    captions = _captions(project_root)
    assert len(captions) > 50
    problems = {}
    for path in captions:
        messages = docutils_messages(env.from_string(path.read_text()).render(snakemake=Snakemake))
        if messages:
            problems[str(path.relative_to(project_root))] = messages
    assert not problems, problems
