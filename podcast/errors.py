"""Errors a user can act on: each names the input and the remedy, and carries an exit status.

Stages raise these and never print; the CLI turns them into one line and the exit status.
Exit statuses follow BSD sysexits(3) so scripts can tell the kinds of failure apart.
"""

from __future__ import annotations

EXIT_OK = 0
EXIT_FAILURE = 1  # an unexpected fault (a bug): run again with --debug and report it
EXIT_USAGE = 2  # bad command line (click's own status)
EXIT_DATA = 65  # the input is not a usable article or script
EXIT_NO_INPUT = 66  # the input is missing or cannot be read
EXIT_UNAVAILABLE = 69  # a required program (TTS engine, ffmpeg) is missing or failed
EXIT_CANT_CREATE = 73  # the output cannot be written (permissions, full disk)
EXIT_INTERRUPTED = 130  # Ctrl-C (SIGINT)
EXIT_TERMINATED = 143  # kill (SIGTERM): 128 + 15, as a shell reports it
EXIT_CONFIG = 78  # a settings, cast or lexicon file is wrong


class PodcastError(Exception):
    """Base of every error the user can fix; str() is the one-line message."""

    exit_code = EXIT_FAILURE

    def __init__(self, message: str, *, hint: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint

    def __str__(self) -> str:
        return f"{self.message}; {self.hint}" if self.hint else self.message


class InputMissing(PodcastError):
    """The article could not be opened."""

    exit_code = EXIT_NO_INPUT


class InputError(PodcastError):
    """The article was read but is not a story we can script (binary, empty, bad encoding)."""

    exit_code = EXIT_DATA


class ConfigError(PodcastError):
    """A TOML settings, cast or lexicon file is wrong."""

    exit_code = EXIT_CONFIG


class EngineError(PodcastError):
    """A TTS engine or ffmpeg is missing, or failed."""

    exit_code = EXIT_UNAVAILABLE


class RenderError(PodcastError):
    """Synthesis produced unusable audio (empty, truncated)."""

    exit_code = EXIT_UNAVAILABLE


class OutputError(PodcastError):
    """The output folder or a file in it cannot be written."""

    exit_code = EXIT_CANT_CREATE
