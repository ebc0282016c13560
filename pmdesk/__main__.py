"""Allow ``python -m pmdesk``."""

import sys

from pmdesk.app import main

if __name__ == "__main__":
    sys.exit(main())
