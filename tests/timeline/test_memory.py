import subprocess
import sys
import textwrap

import pytest

from timeline.memory import return_large_blocks
from timeline.paths import PROJECT_ROOT

# What a session's rerun does to the allocator: in a thread of its own, large arrays are made and
# freed while small blocks made between them live on.
RERUNS = textwrap.dedent(
    """
    import sys
    import threading
    import numpy as np
    from timeline.memory import return_large_blocks

    def resident_mb():
        for line in open("/proc/self/status"):
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024

    if sys.argv[1] == "fixed":
        assert return_large_blocks()
    np.ones(3_000_000).sum()  # a first large block freed: glibc would now keep blocks below its size
    before = resident_mb()
    kept = []

    def rerun():
        arrays = []
        for _ in range(40):
            arrays.append(np.ones(250_000))  # 2 MB each, written so their pages are resident
            kept.append(b"x" * 2_000)

    for _ in range(4):
        session = threading.Thread(target=rerun)
        session.start()
        session.join()
    print(resident_mb() - before)
    """
)


def _kept_mb(mode: str) -> float:
    done = subprocess.run(
        [sys.executable, "-c", RERUNS, mode], capture_output=True, text=True, check=True, cwd=PROJECT_ROOT
    )
    return float(done.stdout)


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="glibc's allocator")
def test_reruns_give_their_large_blocks_back_to_the_system():
    assert return_large_blocks()
    kept_by_default, kept_fixed = _kept_mb("default"), _kept_mb("fixed")
    assert kept_by_default > 40  # the threshold's adjustment, which this module turns off, keeps them
    assert kept_fixed < 10
