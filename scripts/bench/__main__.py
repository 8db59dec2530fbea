"""Entry point of ``python -m scripts.bench`` (``make bench``)."""

import sys

from scripts.bench.cli import main

sys.exit(main())
