"""How long republishing OUT takes as a show grows, against the floor it cannot beat.

Floor: reading every episode.json and stat-ing every MP3 (what any rebuild from records must do).
Measured: publish() = read records + cover + index.html + feed.xml. Run:

    .venv/bin/python benchmarks/publish_bench.py [EPISODES ...]
"""

from __future__ import annotations

import json
import sys
import tempfile
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path

from podcast.model import Chapter, EpisodeRecord
from podcast.publishing.publish import publish
from podcast.publishing.records import episode_folder, write_record
from podcast.publishing.show import load_show


def make_out(out: Path, episodes: int) -> None:
    start = datetime(2020, 1, 1, tzinfo=timezone.utc)
    for n in range(episodes):
        slug = f"episode-{n:05d}"
        folder = episode_folder(out, slug)
        folder.mkdir(parents=True)
        (folder / f"{slug}.mp3").write_bytes(b"\xff\xfb" * 2048)  # only its size is read
        write_record(folder, EpisodeRecord(
            slug=slug, title=f"Story number {n} & more", description="A story, read aloud. " * 20,
            guid="", published=start + timedelta(hours=n), duration_s=600.0 + n,
            audio_bytes=4096, audio_file=f"{slug}.mp3",
            chapters=tuple(Chapter(f"Part {k}", k * 60_000, (k + 1) * 60_000) for k in range(8)),
            speakers=("James Head", "Li Chunlai"), narrator_voice="espeak-ng/en-us"))


def floor_s(out: Path) -> float:
    began = time.perf_counter()
    for record in sorted((out / "episodes").glob("*/episode.json")):
        doc = json.loads(record.read_text(encoding="utf-8"))
        (record.parent / doc["audio_file"]).stat()
    return time.perf_counter() - began


def main(sizes: list[int]) -> None:
    show, _ = load_show(None, fallback_title="Benchmark Show", base_url="https://pod.example/")
    print(f"{'episodes':>8} {'floor s':>9} {'publish s':>10} {'ratio':>7} {'feed KB':>8}")
    for size in sizes:
        with tempfile.TemporaryDirectory() as tmp:
            out = Path(tmp)
            make_out(out, size)
            floor = min(floor_s(out) for _ in range(3))
            runs = []
            for _ in range(3):
                (out / "feed.xml").unlink(missing_ok=True)  # force a real write each time
                began = time.perf_counter()
                done = publish(show, out)
                runs.append(time.perf_counter() - began)
            best = min(runs)
            print(f"{size:>8} {floor:>9.3f} {best:>10.3f} {best / floor:>7.1f} "
                  f"{done.feed.stat().st_size / 1024:>8.0f}")


if __name__ == "__main__":
    main([int(a) for a in sys.argv[1:]] or [10, 100, 1000])
