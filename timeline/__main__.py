"""`python -m timeline`: see timeline.cli."""

from timeline.cli import main

raise SystemExit(main())
