"""Time a cold and a warm render of the sample article, next to the floor they compare with.

The floor: one eSpeak NG process speaking the whole article text in the narrator's voice, the
least any eSpeak render of it can cost on this machine. A cold render (empty cache) pays for
one process per piece, but spreads them over the workers; a warm render (everything cached)
should cost next to nothing, because it synthesizes nothing.

    python benchmarks/bench_render.py [--jobs N] [--repeat N] [ARTICLE]
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from podcast.casting.cast import cast_script
from podcast.casting.voicefiles import load_cast, load_lexicon
from podcast.engines.espeak import EspeakEngine
from podcast.model import NARRATOR, Script, Segment
from podcast.casting.pronunciation import speakable_text
from podcast.audio.synthesis import render_takes
from podcast.audio.takes import count_words

SAMPLE = Path(__file__).resolve().parent.parent / "examples" / "change6-far-side-samples.txt"


def read_script(path: Path) -> Script:
    """The script-writer's script of the article; its paragraphs as narration if there is none."""
    try:
        from podcast.reading.source import read_article
        from podcast.scripting.writer import write_script
    except ImportError:
        paragraphs = [p.strip() for p in path.read_text(encoding="utf-8").split("\n\n")]
        segments = tuple(Segment(NARRATOR, None, p, "Story") for p in paragraphs if p)
        return Script(path.stem, "", (), segments)
    return write_script(read_article(path))


def best_of(repeat: int, run) -> tuple[float, object]:
    best, result = float("inf"), None
    for _ in range(repeat):
        start = time.perf_counter()
        result = run()
        best = min(best, time.perf_counter() - start)
    return best, result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("article", nargs="?", type=Path, default=SAMPLE)
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--repeat", type=int, default=3, help="report the best of N runs")
    args = parser.parse_args()

    script = read_script(args.article)
    cast = load_cast(None, "espeak")
    lexicon = load_lexicon(None)
    lines = cast_script(script, cast)
    words = sum(count_words(s.text) for s in script.segments)

    with tempfile.TemporaryDirectory() as tmp:
        tmp_dir = Path(tmp)
        # Floor: the whole text, one process, one voice, no cache, no checks.
        whole = " ".join(speakable_text(s.text, lexicon, "espeak") for s in script.segments)
        floor_wav = tmp_dir / "floor.wav"
        voice_args = ["-v", cast.narrator.name]
        if cast.narrator.rate_wpm:
            voice_args += ["-s", str(cast.narrator.rate_wpm)]
        floor_s, _ = best_of(args.repeat, lambda: subprocess.run(
            ["espeak-ng", *voice_args, "-b", "1", "-w", str(floor_wav), "--stdin"],
            input=whole.encode("utf-8"), check=True))

        cold_runs, engine = [], None
        for run in range(args.repeat):
            engine = EspeakEngine()
            cache = tmp_dir / f"cold-{run}"
            start = time.perf_counter()
            takes = render_takes(lines, lexicon=lexicon, cache_dir=cache, jobs=args.jobs,
                                 engines={"espeak": engine})
            cold_runs.append(time.perf_counter() - start)
        cold_s, cold_calls = min(cold_runs), engine.calls

        warm_engine = EspeakEngine()
        warm_s, warm_takes = best_of(args.repeat, lambda: render_takes(
            lines, lexicon=lexicon, cache_dir=tmp_dir / "cold-0", jobs=args.jobs,
            engines={"espeak": warm_engine}))

    audio_s = sum(t.duration_ms for t in takes) / 1000
    print(f"sample: {args.article.name}: {len(lines)} segments, {words} words, "
          f"{audio_s:.1f} s of speech ({words * 60 / audio_s:.0f} words a minute)")
    print(f"machine: {os.cpu_count()} cores; render with --jobs {args.jobs}; best of {args.repeat}")
    print()
    print(f"{'':34}{'seconds':>9}{'x floor':>9}{'x realtime':>12}{'engine calls':>14}")
    rows = [("floor: one espeak-ng, whole text", floor_s, 1),
            ("cold render (empty cache)", cold_s, cold_calls),
            ("warm render (all cached)", warm_s, warm_engine.calls)]
    for label, seconds, calls in rows:
        print(f"{label:34}{seconds:9.3f}{seconds / floor_s:9.2f}{audio_s / seconds:12.0f}"
              f"{calls:14d}")
    cached = sum(t.cached for t in warm_takes)
    print(f"\nwarm run: {cached}/{len(warm_takes)} takes from the cache, "
          f"{warm_engine.calls} synthesized")
    return 0


if __name__ == "__main__":
    sys.exit(main())
