"""Benchmarks: scale measurements that are run by hand, never by the test suite."""

import logging

from streamlit.runtime.scriptrunner_utils import script_run_context

# Streamlit warns "missing ScriptRunContext" whenever a bench calls a cached function outside a page
# run (hundreds of times per bench): the figures drowned in it. A filter, because Streamlit resets
# its loggers' levels when its configuration is read.
logging.getLogger(script_run_context.__name__).addFilter(
    lambda record: "missing ScriptRunContext" not in record.getMessage()
)
