"""pmdesk: product strategy and project execution in one local workspace."""

__version__ = "0.1.0"
VERSION = f"pmdesk {__version__}"  # what --version prints
APP_NAME = "pmdesk"
APP_ID = "io.github.pmdesk.Pmdesk"
