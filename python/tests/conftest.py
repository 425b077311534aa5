import os
import sys

import pytest


@pytest.fixture
def multigen_cmd():
    """The `multigen` command the wheel installed next to this interpreter."""
    path = os.path.join(os.path.dirname(sys.executable), "multigen")
    assert os.path.exists(path), path
    return path
