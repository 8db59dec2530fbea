"""Production settings: ``make publish`` builds with these.

SITEURL comes from the environment (the deploy workflow sets it), so the same commit can be
published to a preview host or the real domain.
"""

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from pelicanconf import *

SITEURL = os.environ.get("SITEURL", "https://verwaltungsrebellen-labor.de").rstrip("/")
SITE_ABSOLUTE_URL = SITEURL
FEED_DOMAIN = SITEURL
RELATIVE_URLS = False
