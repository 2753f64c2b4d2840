"""``python -m disclosure_model.schema --write``: regenerate the committed schema files."""

import sys

from . import main

sys.exit(main())
