"""Test-wide settings: under CI, hypothesis draws the same examples every run, so a CI
result can be reproduced; locally it keeps exploring new examples."""
import os

from hypothesis import settings

settings.register_profile("ci", derandomize=True, print_blob=True)
if os.environ.get("CI"):
    settings.load_profile("ci")
