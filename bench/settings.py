"""The production settings, measured: every response says how many queries it took, and one trivial view.

Only the benchmark uses these (bench.pages, bench.cluster); they add nothing a page would notice.
"""

from portal.settings.production import *  # noqa: F403

MIDDLEWARE = ["bench.middleware.count_queries", *MIDDLEWARE]  # noqa: F405
ROOT_URLCONF = "bench.urls"
