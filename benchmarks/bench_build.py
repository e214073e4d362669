"""Time whole builds of the sample next to the floor, and the peak memory of a long build.

The floor is the least any build of the article can cost here: one eSpeak NG process speaking
the whole script's text, plus one ffmpeg encode of that speech, as long as the episode, in the
episode's format (CBR 96 kb/s mono 44.1 kHz MP3). Against it:

- cold: an empty output folder and cache (everything synthesized, mixed, tagged, published);
- warm: the same build again (nothing to synthesize, the finished mix from its cache; tags,
  sidecars and feed redone);
- edit: one paragraph changed (only its segments synthesized again).

With --long-words N it also builds a generated article of N words and reports the peak memory
of the whole process tree (build-episode and its eSpeak NG / ffmpeg children: see
treememory.py). Each figure is the median of --repeat rounds (default 3).

    python benchmarks/bench_build.py [ARTICLE] [--jobs N] [--repeat N] [--long-words 100000]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from statistics import median

from treememory import TreeMemory

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "examples" / "change6-far-side-samples.txt"


def run_build(args: list[str], cwd: Path) -> tuple[float, int, str]:
    """Run build-episode; return (seconds, peak memory of its process tree in KiB, stderr)."""
    cmd = [sys.executable, "-m", "podcast", *args]
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=cwd, env=env, stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE, text=True)
    with TreeMemory(proc.pid) as memory:
        _, err = proc.communicate()
    seconds = time.perf_counter() - start
    if proc.returncode:
        sys.exit(f"build failed ({proc.returncode}): {err.strip()}")
    return seconds, memory.peak_kb, err


def floor_seconds(text: str, work: Path, seconds: float) -> tuple[float, float]:
    """One eSpeak NG process for the whole text + one encode of `seconds` of that speech (the
    episode's length: the spoken text is looped to it, as the episode also has its pauses)."""
    wav, mp3 = work / "floor.wav", work / "floor.mp3"
    start = time.perf_counter()
    subprocess.run(["espeak-ng", "-v", "en-us", "-s", "165", "-w", str(wav)], input=text,
                   text=True, check=True)
    spoken = time.perf_counter() - start
    subprocess.run(["ffmpeg", "-v", "error", "-y", "-stream_loop", "-1", "-i", str(wav),
                    "-t", f"{seconds:.3f}", "-ac", "1", "-ar", "44100", "-c:a", "libmp3lame",
                    "-b:a", "96k", str(mp3)], check=True)
    return spoken, time.perf_counter() - start


def episode_seconds(out: Path) -> float:
    """The length of the episode a build wrote into out, from its record."""
    (record,) = out.glob("episodes/*/episode.json")
    return json.loads(record.read_text(encoding="utf-8"))["duration_s"]


def synthesized(stderr: str) -> str:
    m = re.search(r"(\d+) segments synthesized, (\d+) from the cache", stderr)
    return f"{m.group(1)} synthesized, {m.group(2)} cached" if m else "?"


def long_article(words: int) -> str:
    """A generated article of about `words` words: headings, narration and quotes."""
    rng = random.Random(7)
    vocab = ("the mission samples moon crater rocket engineers water station lunar orbit data "
             "team scientists launch surface craters history years program agency year "
             "results basin model research early said findings").split()
    people = ["Maria Lopez", "Tom Baker", "Ada Okafor", "Wu Weiren"]
    out, count, chapter = ["A Very Long Report on the Moon", ""], 0, 0
    while count < words:
        if count // 2500 >= chapter:
            chapter += 1
            out += [f"Part {chapter} of the Story", ""]
        sentence = " ".join(rng.choice(vocab) for _ in range(rng.randint(8, 20)))
        if rng.random() < 0.3:
            who = rng.choice(people)
            para = f"“{sentence.capitalize()},” {who} said. {sentence.capitalize()}."
        else:
            para = f"{sentence.capitalize()}. {sentence.capitalize()}."
        out += [para, ""]
        count += len(para.split())
    return "\n".join(out)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("article", nargs="?", type=Path, default=SAMPLE)
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--repeat", type=int, default=3, help="rounds to take the median of")
    parser.add_argument("--long-words", type=int, default=0,
                        help="also build a generated article this long and report peak memory")
    args = parser.parse_args()

    from podcast.reading.source import read_article
    from podcast.scripting.writer import write_script

    script = write_script(read_article(args.article))
    text = "\n\n".join(s.text for s in script.segments)
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        floors, colds, warms, edits = [], [], [], []
        for round_ in range(args.repeat):  # the median of several rounds: a busy machine
            out = work / f"out{round_}"   # slows one run, rarely all of them
            article = work / args.article.name
            shutil.copy(args.article, article)
            build = [str(article), "-o", str(out), "-j", str(args.jobs)]
            colds.append(run_build(build, work))
            floors.append(floor_seconds(text, work, episode_seconds(out)))
            warms.append(run_build(build, work))
            paragraphs = article.read_text(encoding="utf-8").split("\n\n")
            longest = max(range(len(paragraphs)), key=lambda i: len(paragraphs[i]))
            paragraphs[longest] = paragraphs[longest].replace(" the ", " this ", 1)
            article.write_text("\n\n".join(paragraphs), encoding="utf-8")
            edits.append(run_build(build, work))
        spoken = median(f[0] for f in floors)
        floor = median(f[1] for f in floors)
        cold, warm, edit = (median(r[0] for r in runs) for runs in (colds, warms, edits))
        cold_kb = max(r[1] for r in colds)

        print(f"machine: {os.cpu_count()} cores, Python {sys.version.split()[0]}, "
              f"jobs {args.jobs}; median of {args.repeat} rounds")
        print(f"article: {args.article.name}, {len(text.split())} words")
        print(f"floor  (1 eSpeak NG process {spoken:.1f} s + 1 encode): {floor:6.1f} s   1.00x")
        print(f"cold build (empty cache):          {cold:6.1f} s   {cold / floor:.2f}x"
              f"   peak memory {cold_kb / 1024:.0f} MB (PSS, whole process tree)")
        print(f"warm rebuild (nothing changed):    {warm:6.1f} s   {warm / floor:.2f}x   "
              f"({synthesized(warms[-1][2])})")
        print(f"rebuild after editing a paragraph: {edit:6.1f} s   {edit / floor:.2f}x   "
              f"({synthesized(edits[-1][2])})")

        if args.long_words:
            long_path = work / "long.txt"
            long_path.write_text(long_article(args.long_words), encoding="utf-8")
            seconds, kb, _ = run_build([str(long_path), "-o", str(work / "long-out")], work)
            print(f"long article ({args.long_words} words): {seconds:.0f} s, "
                  f"peak memory of the process tree {kb / 1024:.0f} MB (goal: under 300 MB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
