"""Policy Timeline: the Streamlit entry point and home page. Run with `streamlit run dashboard.py`."""

import runpy
from pathlib import Path

from timeline import ui

ui.page_setup("Timeline")
runpy.run_path(str(Path(__file__).parent / "pages" / "timeline.py"))
