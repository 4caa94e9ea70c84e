"""How many cases hypothesis draws for the reader properties, by profile.

``hostile-ci`` (chosen when ``CI`` is set, as in ``.ci/run``) draws 1,500 examples
for each of the seven reader properties: 10,500 cases. ``hostile-local`` draws a
tenth of that. ``HOSTILE_PROFILE`` names one to force it. The profiles apply to
these properties only: loading one globally would change every other property
of the suite that relies on hypothesis's defaults.
"""

from __future__ import annotations

import os
from datetime import timedelta

from hypothesis import HealthCheck, settings

CI_EXAMPLES = 1_500
#: far beyond what any of the small files needs: an example past it is a hang
DEADLINE = timedelta(seconds=5)
_QUIET = [HealthCheck.too_slow, HealthCheck.data_too_large]

settings.register_profile(
    "hostile-ci", max_examples=CI_EXAMPLES, deadline=DEADLINE, suppress_health_check=_QUIET
)
settings.register_profile(
    "hostile-local", max_examples=CI_EXAMPLES // 10, deadline=DEADLINE, suppress_health_check=_QUIET
)
PROFILE = os.environ.get("HOSTILE_PROFILE") or (
    "hostile-ci" if os.environ.get("CI") else "hostile-local"
)
#: the settings of every reader property
READERS = settings(settings.get_profile(PROFILE))
