# lazyrich: regenerate the figures and check the claims of four papers on lazy vs rich training.
#
#   snakemake --cores all                          # default profile (reduced scale, 2-core CPU)
#   snakemake --cores all --config profile=smoke   # every rule at tiny sizes (CI)
#   snakemake --cores all --config profile=paper   # the original settings (GPU)
#
# The profile's config lives in config/profiles/<profile>/<section>.yaml, one file per experiment, each
# validated against workflow/schemas/<section>.schema.yaml. Experiments add rule files under
# workflow/rules/ (included below); see docs/architecture.md.

import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(workflow.basedir) / "src"))

from lazyrich.config import ConfigError, load_profile, resolved_config_path
from lazyrich.data.inventory import data_labels


_extra = sorted(set(config) - {"profile"})
if _extra:
    raise ValueError(f"unknown --config key(s) {_extra}: the only command-line key is 'profile' "
                     "(edit config/profiles/<profile>/*.yaml for everything else)")
PROFILE = str(config.get("profile", "default"))
try:
    SECTIONS = load_profile(PROFILE)
except ConfigError as err:
    raise ValueError(str(err)) from None

RESULTS = f"results/{PROFILE}"
# report captions read settings, and the data each figure was computed on, from snakemake.config
config.update({"profile": PROFILE, **SECTIONS, "data_labels": data_labels(f"{RESULTS}/data/inventory.json")})

FIGDIR = f"paper_figures/{PROFILE}"
LOGS = f"logs/{PROFILE}"
# rules run `python -m lazyrich...`: put the Python running Snakemake first on PATH
os.environ["PATH"] = os.path.dirname(sys.executable) + os.pathsep + os.environ.get("PATH", "")
CONDA_ENV = "../../envs/environment.yaml"  # used only with --software-deployment-method conda

envvars:
    "PATH",


# path of a section's resolved config, for rule inputs (written by rule resolved_config, never at parse time)
config_file = lambda section: resolved_config_path(RESULTS, SECTIONS, section, PROFILE)


FIGURES = []       # every figure file; rule files extend it
CLAIM_INPUTS = []  # every result file a claim reads; rule files extend it
PAPER_CPU_PARTS = {}  # part name -> its result files: the paper-scale parts a 2-core CPU holds (paper_cpu.smk)

report: "workflow/report/workflow.rst"


include: "workflow/common.smk"


rule all:
    input:
        lambda wildcards: runnable(FIGURES),
        f"{RESULTS}/claims.json",
        f"{FIGDIR}/CLAIMS.md",
    default_target: True


for _rules in sorted(Path(workflow.basedir, "workflow", "rules").glob("*.smk")):
    include: str(_rules)

include: "workflow/paper_cpu.smk"  # after the rule files: they fill PAPER_CPU_PARTS
