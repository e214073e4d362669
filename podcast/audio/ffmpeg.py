"""Running ffmpeg: finding it, feeding it, chaining it, and turning its failures into ours.

The mixdown's heavy work is ffmpeg's. ffmpeg 5 runs one filter graph and one encoder in a
single thread, so a long chain (limiter -> encoder -> meter) is split into processes joined
by OS pipes: each stage then gets a core of its own and the chain runs at the speed of its
slowest stage instead of the sum of all of them.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import IO

from ..errors import EngineError, OutputError
from ..files import WRITE_HINT

NO_FFMPEG = ("install ffmpeg with MP3 support "
             "(Debian/Ubuntu: apt install ffmpeg; macOS: brew install ffmpeg)")
CHUNK_BYTES = 1 << 20
_WRITE_FAULTS = (b"No space left on device", b"Read-only file system", b"Disk quota exceeded")


def require_ffmpeg() -> str:
    """The ffmpeg executable, or an EngineError that says how to install it."""
    found = shutil.which("ffmpeg")
    if not found:
        raise EngineError("ffmpeg was not found on PATH", hint=NO_FFMPEG)
    return found


def run(cmd: list[str], *, what: str) -> subprocess.CompletedProcess:
    """Run ffmpeg to the end; its failure becomes an EngineError (or OutputError: disk full)."""
    try:
        done = subprocess.run(cmd, capture_output=True, stdin=subprocess.DEVNULL, check=False)
    except FileNotFoundError as exc:
        raise EngineError(f"{cmd[0]} was not found", hint=NO_FFMPEG) from exc
    if done.returncode != 0:
        raise failure(what, done.returncode, done.stderr)
    return done


def tail(stderr: bytes | str) -> str:
    """ffmpeg's last two lines: where it says what went wrong."""
    text = stderr.decode("utf-8", "replace") if isinstance(stderr, bytes) else stderr
    lines = [line.strip() for line in text.strip().splitlines() if line.strip()]
    return " | ".join(lines[-2:]) or "no message"


def failure(what: str, code: int, stderr: bytes) -> Exception:
    """ffmpeg's failure as the user's error: a full disk is an output fault, not a broken ffmpeg."""
    if any(fault in stderr for fault in _WRITE_FAULTS):
        return OutputError(f"cannot write the episode while {what}: {tail(stderr)}",
                           hint=WRITE_HINT)
    return EngineError(f"ffmpeg failed {what} (exit {code}): {tail(stderr)}",
                       hint=NO_FFMPEG if b"libmp3lame" in stderr else "")


def _read_log(log: IO[bytes], *, whole: bool, tail_bytes: int = 1 << 16) -> bytes:
    """A stage's stderr: all of it, or (for a log the caller keeps) its last lines."""
    size = log.seek(0, os.SEEK_END)
    log.seek(0 if whole else max(0, size - tail_bytes))
    text = log.read()
    log.seek(0)
    return text


class Chain:
    """ffmpeg processes joined stdout -> stdin, fed PCM by us; each one's stderr goes to a file
    so it can never block. Used as a context manager: leaving it normally waits for every stage
    and raises the first stage's failure; leaving it on an error kills them all.

    `stages` are (command, what it does) pairs; `cwds` optionally a working folder per stage;
    `logs` optionally a file per stage that keeps its whole stderr for the caller to read (a
    meter's block log runs to tens of MB for a long episode: only its tail is read here).
    """

    def __init__(self, stages: Sequence[tuple[list[str], str]], *,
                 cwds: Sequence[Path | None] | None = None,
                 logs: Sequence[IO[bytes] | None] | None = None) -> None:
        self.stages = list(stages)
        self.cwds = list(cwds) if cwds else [None] * len(self.stages)
        self.given_logs = list(logs) if logs else [None] * len(self.stages)
        self.stderr: list[bytes] = []
        self._silence = bytes(CHUNK_BYTES)
        self._procs: list[subprocess.Popen] = []
        self._logs: list = []

    def __enter__(self) -> Chain:
        previous = None
        try:
            for (cmd, _), cwd, given in zip(self.stages, self.cwds, self.given_logs):
                log = given or tempfile.TemporaryFile()
                self._logs.append(log)
                last = len(self._procs) == len(self.stages) - 1
                proc = subprocess.Popen(
                    cmd, cwd=cwd, stderr=log,
                    stdin=previous.stdout if previous else subprocess.PIPE,
                    stdout=subprocess.DEVNULL if last else subprocess.PIPE)
                if previous:
                    previous.stdout.close()  # the next stage holds it now: EOF flows through
                self._procs.append(proc)
                previous = proc
        except FileNotFoundError as exc:
            self._kill()
            raise EngineError(f"{self.stages[0][0][0]} was not found", hint=NO_FFMPEG) from exc
        except BaseException:
            self._kill()
            raise
        return self

    def write(self, data: bytes) -> None:
        try:
            self._procs[0].stdin.write(data)
        except BrokenPipeError:
            self._finish()  # a stage quit early: raise its own reason
            raise EngineError(f"ffmpeg stopped reading while {self.stages[0][1]}: "
                              f"{tail(self.stderr[0] if self.stderr else b'')}")

    def write_silence(self, samples: int, sample_bytes: int = 2) -> None:
        left = sample_bytes * samples
        while left > 0:
            self.write(self._silence[: min(left, CHUNK_BYTES)])
            left -= CHUNK_BYTES

    def _finish(self) -> None:
        try:
            self._procs[0].stdin.close()
        except BrokenPipeError:
            pass
        codes = [proc.wait() for proc in self._procs]
        self.stderr = [_read_log(log, whole=log is not given)
                       for log, given in zip(self._logs, self.given_logs)]
        self._close_logs()
        failed = [(code, err, what) for code, err, (_, what)
                  in zip(codes, self.stderr, self.stages) if code != 0]
        # A stage that failed leaves the one before it writing into a closed pipe: report the
        # stage that failed first-hand.
        for code, err, what in sorted(failed, key=lambda f: b"Broken pipe" in f[1]):
            raise failure(what, code, err)

    def _kill(self) -> None:
        for proc in self._procs:
            proc.kill()
        for proc in self._procs:
            proc.wait()
            for stream in (proc.stdin, proc.stdout):
                if stream:
                    stream.close()
        self._close_logs()

    def _close_logs(self) -> None:
        for log, given in zip(self._logs, self.given_logs):
            if log is not given:
                log.close()
        self._logs = []

    def __exit__(self, kind, error, trace) -> None:
        if kind is None:
            self._finish()
        else:  # interrupted or failed on our side: leave no ffmpeg running
            self._kill()


def limiter_chain(gain_db: float, limit_dbfs: float, *, oversampled_rate: int | None = None,
                  out_rate: int | None = None) -> str:
    """ffmpeg filters: gain in float, then a limiter, at oversampled_rate when given.

    Oversampled, a limiter's sample-peak ceiling holds true peaks too (BS.1770 oversamples 4x
    to measure true peak). Levelling measures loudness only, which oversampling hardly moves:
    there the limiter runs at the takes' own rate, many times cheaper.
    """
    limiter = (f"alimiter=limit={10 ** (limit_dbfs / 20):.5f}:attack=5:release=40"
               f":level=disabled:latency=1")
    if not oversampled_rate:
        return f"volume={gain_db:.3f}dB,{limiter}"
    return (f"volume={gain_db:.3f}dB,aresample={oversampled_rate},{limiter},"
            f"aresample={out_rate}")
