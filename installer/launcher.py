"""The bundle's entry point: the desktop application (and `--self-test`)."""

import sys

from antt_desktop.app import main

if __name__ == "__main__":
    sys.exit(main())
