"""The repository's own tools: the Python version gate of `make`."""

import subprocess
import sys
from pathlib import Path

import pytest

CHECK = Path(__file__).resolve().parents[1] / "tools" / "check_python.py"


def run_as(version):
    code = f"import sys; sys.version_info = {version!r}; sys.argv = ['check_python.py', 'lab']; " \
           f"exec(compile(open({str(CHECK)!r}).read(), 'check_python.py', 'exec'))"
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)


@pytest.mark.parametrize("version", [(3, 11, 7), (3, 12, 0), (3, 13, 1)])
def test_supported_pythons_pass_silently(version):
    result = run_as(version)
    assert result.returncode == 0 and result.stdout == result.stderr == ""


@pytest.mark.parametrize("version", [(3, 10, 12), (3, 14, 0), (3, 9, 1)])
def test_other_pythons_stop_with_one_line(version):
    result = run_as(version)
    assert result.returncode == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1
    assert f"is Python {version[0]}.{version[1]}, but the course needs Python 3.11 to 3.13" in lines[0]
    assert "make PYTHON=python3.12 lab" in lines[0]
