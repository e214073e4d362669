"""Peak memory of a process and all its children together (Linux /proc), for the benchmarks.

Sampled every 50 ms. A build runs several programs at once (eSpeak NG, and the limiter,
encoder and meter ffmpegs), so their peaks add up. Each process counts its proportional set
size (PSS): the ffmpegs share their libraries' pages, which resident size (RSS) would count
once per process.
"""

from __future__ import annotations

import os
import re
import threading
from pathlib import Path


class TreeMemory:
    """`with TreeMemory(pid) as memory:` ... then memory.peak_kb, memory.by_process."""

    def __init__(self, pid: int | None = None) -> None:
        self.pid = pid or os.getpid()
        self.peak_kb, self.by_process = 0, {}
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)

    def __enter__(self) -> TreeMemory:
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        self._thread.join()

    def largest(self) -> str:
        """The largest of each program seen, as text."""
        return ", ".join(f"{name} {kb / 1024:.0f} MB" for name, kb in
                         sorted(self.by_process.items(), key=lambda item: -item[1]))

    def _sample(self) -> None:
        while not self._stop.wait(0.05):
            total, todo = 0, [self.pid]
            while todo:
                pid = todo.pop()
                try:
                    rollup = Path(f"/proc/{pid}/smaps_rollup").read_text()
                    kb = int(re.search(r"^Pss:\s+(\d+)", rollup, re.M).group(1))
                    name = Path(f"/proc/{pid}/comm").read_text().strip()
                    for task in Path(f"/proc/{pid}/task").iterdir():
                        todo += [int(c) for c in (task / "children").read_text().split()]
                except (OSError, AttributeError):
                    continue  # it ended meanwhile
                total += kb
                self.by_process[name] = max(self.by_process.get(name, 0), kb)
            self.peak_kb = max(self.peak_kb, total)
