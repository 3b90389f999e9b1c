"""python -m antt_desktop → the desktop application."""

import sys

from antt_desktop.app import main

sys.exit(main())
