"""Entry script of the frozen app: the same as the ``pmdesk`` console script."""

import sys

from pmdesk.app import main

if __name__ == "__main__":
    sys.exit(main())
