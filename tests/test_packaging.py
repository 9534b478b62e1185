"""pyproject.toml declares the runtime dependencies: the very pins of requirements.txt."""

from __future__ import annotations

from pathlib import Path

import pytest
from setuptools.config.pyprojecttoml import read_configuration

ROOT = Path(__file__).resolve().parent.parent


# Older setuptools call [tool.setuptools] "beta"; the declaration itself is standard.
@pytest.mark.filterwarnings("ignore:.*beta.*")
def test_pyproject_declares_the_pinned_requirements() -> None:
    config = read_configuration(ROOT / "pyproject.toml", expand=True)
    declared = config["project"]["dependencies"]
    pinned = [
        line.strip()
        for line in (ROOT / "requirements.txt").read_text().splitlines()
        if line.strip() and not line.lstrip().startswith("#")
    ]
    assert declared == pinned
    assert all("==" in requirement for requirement in declared)
