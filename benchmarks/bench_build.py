"""Time whole builds of the sample next to the floor, and the peak memory of a long build.

The floor is the least any build of the article can cost here: one eSpeak NG process speaking
the whole article text, plus one ffmpeg encode of audio that long in the episode's format
(CBR 96 kb/s mono 44.1 kHz MP3). Against it:

- cold: an empty output folder and cache (everything synthesized, mixed, tagged, published);
- warm: the same build again (nothing to synthesize; the mix, tags and feed are redone);
- edit: one paragraph changed (only its segments synthesized again).

With --long-words N it also builds a generated article of N words and reports the peak memory
of the whole process tree (build-episode and its eSpeak NG / ffmpeg children), sampled every
50 ms from /proc.

    python benchmarks/bench_build.py [ARTICLE] [--jobs N] [--long-words 100000]
"""

from __future__ import annotations

import argparse
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "examples" / "change6-far-side-samples.txt"


def tree_rss_kb(pid: int) -> int:
    """Resident memory of a process and all its descendants, in KiB (Linux /proc)."""
    total, todo = 0, [pid]
    while todo:
        p = todo.pop()
        try:
            status = Path(f"/proc/{p}/status").read_text()
            total += int(re.search(r"VmRSS:\s+(\d+)", status).group(1)) if "VmRSS" in status else 0
            for task in Path(f"/proc/{p}/task").iterdir():
                todo += [int(c) for c in (task / "children").read_text().split()]
        except (OSError, AttributeError):
            continue
    return total


def run_build(args: list[str], cwd: Path) -> tuple[float, int, str]:
    """Run build-episode; return (seconds, peak tree RSS in KiB, its stderr)."""
    cmd = [sys.executable, "-m", "podcast", *args]
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=cwd, env=env, stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE, text=True)
    peak = [0]

    def sample() -> None:
        while proc.poll() is None:
            peak[0] = max(peak[0], tree_rss_kb(proc.pid))
            time.sleep(0.05)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    _, err = proc.communicate()
    seconds = time.perf_counter() - start
    sampler.join()
    if proc.returncode:
        sys.exit(f"build failed ({proc.returncode}): {err.strip()}")
    return seconds, peak[0], err


def floor_seconds(text: str, work: Path) -> tuple[float, float]:
    """One eSpeak NG process for the whole text + one encode of that much audio."""
    wav, mp3 = work / "floor.wav", work / "floor.mp3"
    start = time.perf_counter()
    subprocess.run(["espeak-ng", "-v", "en-us", "-s", "165", "-w", str(wav)], input=text,
                   text=True, check=True)
    spoken = time.perf_counter() - start
    subprocess.run(["ffmpeg", "-v", "error", "-y", "-i", str(wav), "-ac", "1", "-ar", "44100",
                    "-c:a", "libmp3lame", "-b:a", "96k", str(mp3)], check=True)
    return spoken, time.perf_counter() - start


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
    parser.add_argument("--long-words", type=int, default=0,
                        help="also build a generated article this long and report peak memory")
    args = parser.parse_args()

    from podcast.article import read_article
    from podcast.scriptwriter import write_script

    script = write_script(read_article(args.article))
    text = "\n\n".join(s.text for s in script.segments)
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        spoken, floor = floor_seconds(text, work)
        out = work / "out"
        article = work / args.article.name
        shutil.copy(args.article, article)
        build = [str(article), "-o", str(out), "-j", str(args.jobs)]
        cold, cold_kb, _ = run_build(build, work)
        warm, _, warm_err = run_build(build, work)
        paragraphs = article.read_text(encoding="utf-8").split("\n\n")
        longest = max(range(len(paragraphs)), key=lambda i: len(paragraphs[i]))
        paragraphs[longest] = paragraphs[longest].replace(" the ", " this ", 1)
        article.write_text("\n\n".join(paragraphs), encoding="utf-8")
        edit, _, edit_err = run_build(build, work)

        print(f"machine: {os.cpu_count()} cores, Python {sys.version.split()[0]}, jobs {args.jobs}")
        print(f"article: {args.article.name}, {len(text.split())} words")
        print(f"floor  (1 eSpeak NG process {spoken:.1f} s + 1 encode): {floor:6.1f} s   1.00x")
        print(f"cold build (empty cache):          {cold:6.1f} s   {cold / floor:.2f}x"
              f"   peak memory {cold_kb / 1024:.0f} MB")
        print(f"warm rebuild (nothing changed):    {warm:6.1f} s   {warm / floor:.2f}x   "
              f"({synthesized(warm_err)})")
        print(f"rebuild after editing a paragraph: {edit:6.1f} s   {edit / floor:.2f}x   "
              f"({synthesized(edit_err)})")

        if args.long_words:
            long_path = work / "long.txt"
            long_path.write_text(long_article(args.long_words), encoding="utf-8")
            seconds, kb, _ = run_build([str(long_path), "-o", str(work / "long-out")], work)
            print(f"long article ({args.long_words} words): {seconds:.0f} s, "
                  f"peak memory of the process tree {kb / 1024:.0f} MB (goal: under 300 MB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
