"""``python -m disclosure_model._compiled``: regenerate the committed generated modules."""

import sys

from . import main

sys.exit(main())
