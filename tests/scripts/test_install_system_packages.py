"""The system-package script waits for another apt run's lock instead of failing at once."""

import os
import subprocess

from tests.pages.conftest import PROJECT_ROOT


def fake_tool(folder, name: str, body: str) -> None:
    tool = folder / name
    tool.write_text(f"#!/usr/bin/env bash\n{body}\n")
    tool.chmod(0o755)


def test_every_apt_get_call_waits_for_the_lock(tmp_path):
    calls = tmp_path / "calls"
    fake_tool(tmp_path, "dpkg-query", "exit 1")  # every package missing
    fake_tool(tmp_path, "apt-get", f'echo "$*" >> {calls}')
    fake_tool(tmp_path, "sudo", '"$@"')
    fake_tool(tmp_path, "id", "echo 0")
    environment = {**os.environ, "PATH": f"{tmp_path}:{os.environ['PATH']}"}
    subprocess.run(
        [str(PROJECT_ROOT / "scripts" / "install-system-packages.sh")], env=environment, check=True, timeout=60
    )
    made = calls.read_text().splitlines()
    assert [call.split()[2] for call in made] == ["update", "install"]
    assert all(call.startswith("-o DPkg::Lock::Timeout=600 ") for call in made)
