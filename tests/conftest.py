"""Suite-wide pytest hooks (helpers for tests are in ``_support.py``)."""

import gametheory_re
from _support import in_ci


def pytest_report_header(config):
    """Say which gametheory_re is under test: the installed package or a source tree."""
    return [f"gametheory_re {gametheory_re.__version__} from {gametheory_re.__file__} (CI={'true' if in_ci() else 'unset'})"]
