"""Hypothesis profiles for the fuzz tests: `ci` (the default, seconds per test) and `large` (a longer search).

Choose one with HYPOTHESIS_PROFILE=large; bench/fuzz.py runs the readers at a larger budget still.
"""

from __future__ import annotations

import os

from hypothesis import HealthCheck, settings

settings.register_profile(
    "ci", max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large]
)
settings.register_profile(
    "large", max_examples=2_000, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large]
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))
