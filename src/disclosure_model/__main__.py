"""``python -m disclosure_model``: the command line."""

import sys

from ._console import main

sys.exit(main())
