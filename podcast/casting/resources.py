"""Where the shipped voice data lives, installed or in a checkout."""

from __future__ import annotations

from pathlib import Path


def voices_dir() -> Path:
    """The `voices/` folder: package data after `pip install .`, the repo's folder in a checkout."""
    package = Path(__file__).resolve().parent.parent
    for candidate in (package / "voices", package.parent / "voices"):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError("voices/ data folder is missing; reinstall the package")
