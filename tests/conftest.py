"""Test-wide settings.

The tests mirror the package (tests/core, exercises, grading, widgets, notebooks); what
they share lives in tests/support, put on sys.path here (``from submissions import
nbmake``, ``import learner_support``). Under CI, hypothesis draws the same examples every
run, so a CI result can be reproduced; locally it keeps exploring new examples."""
import os
import sys
from pathlib import Path

from hypothesis import settings

sys.path.insert(0, str(Path(__file__).resolve().parent / "support"))

settings.register_profile("ci", derandomize=True, print_blob=True)
if os.environ.get("CI"):
    settings.load_profile("ci")
