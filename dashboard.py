"""Policy Timeline: the Streamlit entry point. Run with `streamlit run dashboard.py`."""

import streamlit as st

from timeline import ui

st.set_page_config(page_title="Policy Timeline", page_icon=":material/timeline:", layout="wide")

PAGES = [
    st.Page("pages/timeline.py", title="Timeline", icon=":material/timeline:", default=True),
    st.Page("pages/events.py", title="Events", icon=":material/table_rows:"),
    st.Page("pages/actors.py", title="Actors", icon=":material/groups:"),
    st.Page("pages/sources.py", title="Sources", icon=":material/newspaper:"),
]
navigation = st.navigation(PAGES)
data = ui.dataset()
st.session_state["filters"] = ui.sidebar_filters(data.events)
if data.problems:
    with st.sidebar.expander(f":material/warning: {len(data.problems)} imported row(s) could not be read"):
        st.text("\n".join(data.problems))
navigation.run()
