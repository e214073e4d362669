"""Bad input and faults through the real `build-episode` (issue 6): each gets one line,
`error: <what>; <fix>`, its documented exit status, no traceback, no half-written file, and the
episode and feed already published left byte-identical. Real eSpeak NG and ffmpeg throughout.
Killed and concurrent builds are in pipeline/test_fault_interrupts.py."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import feedparser
import podcastparser
import pytest
from lxml import etree

from fault_helpers import (BRIDGE, LIBRARY, LONGER, REAL_TOOLS, assert_one_line_error,
                           finish, leftovers, out, process, published, published_files, read_page,
                           write)
from podcast.errors import EXIT_CANT_CREATE, EXIT_CONFIG, EXIT_DATA, EXIT_NO_INPUT, EXIT_UNAVAILABLE
from podcast.pipeline.sources import MAX_EPISODE_WORDS

pytestmark = [pytest.mark.audio, pytest.mark.slow, REAL_TOOLS]
_FIXTURES = (out, published)  # used by name as pytest fixtures


# --- unreadable, huge and messy input ---------------------------------------------------------


def test_a_read_error_names_the_file_and_keeps_the_feed(out, run):
    """Root reads any file whatever its mode; /proc/self/mem fails the read itself (EIO)."""
    before = published_files(out)
    result = run("/proc/self/mem", "-o", out)
    assert_one_line_error(result.output, EXIT_NO_INPUT, result.exit_code,
                          "/proc/self/mem: cannot read", "Input/output error")
    assert published_files(out) == before and leftovers(out) == []


def test_permission_denied_even_as_root(out, run):
    """Reading another process's memory needs ptrace rights that root lacks for pid 1 here."""
    try:
        with open("/proc/1/mem", "rb") as fh:
            fh.read(1)
        pytest.skip("this machine lets us read /proc/1/mem")
    except PermissionError:
        pass
    except OSError:
        pytest.skip("/proc/1/mem fails here with another error")
    before = published_files(out)
    result = run("/proc/1/mem", "-o", out)
    assert_one_line_error(result.output, EXIT_NO_INPUT, result.exit_code,
                          "/proc/1/mem: permission denied", "chmod +r")
    assert published_files(out) == before and leftovers(out) == []


def test_debug_shows_the_traceback_of_a_read_error(tmp_path):
    code, err = finish(process("/proc/self/mem", "-o", tmp_path / "out", "--debug"))
    assert code != 0 and "Traceback" in err and "InputMissing" in err
    code, err = finish(process("/proc/self/mem", "-o", tmp_path / "out"))
    assert_one_line_error(err, EXIT_NO_INPUT, code, "/proc/self/mem")


@pytest.fixture(scope="module")
def ten_megabytes(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("big") / "big.txt"
    para = "The council met on Tuesday and talked about the budget for the new library. " * 6
    with path.open("w", encoding="utf-8") as fh:
        fh.write("A Very Long Article\n\n")
        while fh.tell() < 10 * 2**20:
            fh.write(para + "\n\n")
    return path


def test_a_ten_megabyte_article_is_refused_before_synthesis_with_the_limit(out, ten_megabytes, run):
    """1.9 million words is about 200 hours of audio: a user wants to hear it should be split,
    not to wait a day for a 7 GB MP3."""
    before = published_files(out)
    result = run(ten_megabytes, "-o", out)
    line = assert_one_line_error(result.output, EXIT_DATA, result.exit_code,
                                 str(ten_megabytes), f"{MAX_EPISODE_WORDS:,} words", "split it")
    assert re.search(r"about [\d,]+ hours", line)
    assert published_files(out) == before and leftovers(out) == []
    assert not (out / "episodes" / "a-very-long-article").exists()


def test_a_ten_megabyte_article_is_refused_before_the_script_writer_runs(out, ten_megabytes,
                                                                        monkeypatch, run):
    """The story's words are counted first: writing a script of 10 MB takes seconds that a
    refused article should not cost (the script-writer stands in here only to say it ran)."""
    import podcast.pipeline.sources

    def never(article):
        raise AssertionError("the script-writer ran")

    monkeypatch.setattr(podcast.pipeline.sources, "write_script", never)
    result = run(ten_megabytes, "-o", out)
    assert_one_line_error(result.output, EXIT_DATA, result.exit_code, str(ten_megabytes),
                          f"{MAX_EPISODE_WORDS:,} words", "split it")


def test_a_ten_megabyte_article_still_gets_its_script(tmp_path, ten_megabytes, run):
    script = tmp_path / "big.json"
    result = run(ten_megabytes, "--script-only", "--script-out", script, "-q")
    assert result.exit_code == 0, result.output
    doc = json.loads(script.read_text(encoding="utf-8"))
    assert sum(len(s["text"].split()) for s in doc["segments"]) > MAX_EPISODE_WORDS


SOUP = """<html><head><title>Parks & <Rec> Board Backs New Playground</title>
<script>var ad = "<p>Buy now</p>"; alert("x")</script><style>p { color: red }</style></head>
<body><div class=nav><a href=/>Home</a> | <a href=/news>News</a></div>
<div><p>The parks board voted on Tuesday to build a new playground beside the river,
after <b>three years <i>of</b> requests</i> from parents in the east of town.
<p>“Children here deserve a safe place to play,” said board chair Ann Lee, who led the vote.
<script>document.write("<p>injected by a script</p>")</script>
<p>Work starts in the spring and should take four months, Lee said, if the weather holds.
<div><span>The board will publish the plans <a href=x>online & at the library</div></span>
</body>"""


def test_html_soup_gives_the_story_without_scripts_or_styles(tmp_path, run):
    page = write(tmp_path / "soup.html", SOUP)
    script = tmp_path / "soup.json"
    result = run(page, "--script-only", "--script-out", script, "-q")
    assert result.exit_code == 0, result.output
    doc = json.loads(script.read_text(encoding="utf-8"))
    spoken = " ".join(s["text"] for s in doc["segments"])
    assert doc["title"] == "Parks & <Rec> Board Backs New Playground"
    for gone in ("alert", "Buy now", "injected", "color: red", "document.write"):
        assert gone not in spoken
    assert "voted on Tuesday to build a new playground" in spoken
    assert "three years of requests from parents" in spoken
    assert "Work starts in the spring" in spoken
    quotes = [s for s in doc["segments"] if s["role"] == "speaker"]
    assert [(q["speaker"], q["text"]) for q in quotes] == [
        ("Ann Lee", "Children here deserve a safe place to play.")]


@pytest.mark.parametrize("page", [
    "<div><div><div>",
    "<html><body><script>var story = 'not a story';</script></body></html>",
    '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;">]>'
    "<html><body><p>&b;&b;&b;</p></body></html>",
])
def test_html_with_no_story_names_the_page_and_keeps_the_feed(out, tmp_path, page, run):
    before = published_files(out)
    path = write(tmp_path / "page.html", page)
    result = run(path, "-o", out)
    assert_one_line_error(result.output, EXIT_DATA, result.exit_code, str(path), ".txt")
    assert published_files(out) == before and leftovers(out) == []


@pytest.mark.parametrize("make, status, words", [
    (lambda tmp: tmp / "missing.txt", EXIT_NO_INPUT, ["missing.txt: no such file"]),
    (lambda tmp: tmp, EXIT_NO_INPUT, ["is a folder", ".txt"]),
    (lambda tmp: _bytes(tmp / "song.mp3", b"ID3\x03\x00" + bytes(4000)), EXIT_DATA,
     ["song.mp3: binary data"]),
    (lambda tmp: _bytes(tmp / "latin.txt", "Caf\u00e9 News\n\nIt opened.".encode("cp1252")),
     EXIT_DATA, ["latin.txt: not UTF-8", "--encoding"]),
    (lambda tmp: _bytes(tmp / "empty.md", b"# Title only\n"), EXIT_DATA,
     ["empty.md: no story text"]),
])
def test_unusable_input_leaves_the_published_episode_and_feed_alone(out, tmp_path, make, status,
                                                                    words, run):
    before = published_files(out)
    result = run(make(tmp_path), "-o", out)
    assert_one_line_error(result.output, status, result.exit_code, *words)
    assert published_files(out) == before and leftovers(out) == []


def _bytes(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


# --- hostile titles and names -----------------------------------------------------------------

NUL = "\x00"
LONG = "Very " * 80
TITLE = (f'<script>alert("x")</script> Tom & Jerry’s "Big" ../../etc/passwd {NUL} {LONG}'
         "🎙️ مرحبا שלום")
SPEAKER = f"Zoë O'Brien-<Smith> & \"Sons\" ../x {NUL} 🎉 مرحبا " + "Long" * 50
CHAPTER = f'../../Chapter "two" & <b> {NUL} 🎙️'


def clean(text: str) -> str:
    return text.replace(NUL, "")


@pytest.fixture(scope="module")
def hostile(tmp_path_factory, run):
    tmp = tmp_path_factory.mktemp("hostile")
    doc = {"title": TITLE, "summary": f"A <b>summary</b> & more {NUL}",
           "byline": ['By <Me> & "You"'],
           "segments": [
               {"role": "narrator", "speaker": None, "chapter": f"Intro <&> ../ {NUL}",
                "text": "The council met on Tuesday to talk about the budget."},
               {"role": "speaker", "speaker": SPEAKER, "chapter": CHAPTER,
                "text": "We will build it and more, soon."},
               {"role": "speaker", "speaker": "محمد علي", "chapter": CHAPTER,
                "text": "It is done, and we are glad."}]}
    script = write(tmp / "hostile.json", json.dumps(doc))
    out = tmp / "out"
    result = run(script, "-o", out, "-q", "--base-url", "https://example.org/pod")
    assert result.exit_code == 0, result.output
    return out


def test_hostile_titles_make_safe_file_names_inside_out(hostile):
    (folder,) = (hostile / "episodes").iterdir()
    assert re.fullmatch(r"[a-z0-9-]{1,60}", folder.name)
    for path in hostile.rglob("*"):
        assert path.resolve().is_relative_to(hostile.resolve())
        assert NUL not in path.name and len(path.name) < 100
    assert (folder / f"{folder.name}.mp3").stat().st_size > 50_000


def test_hostile_titles_keep_the_feed_well_formed_with_the_text_intact(hostile):
    parsed = feedparser.parse(str(hostile / "feed.xml"))
    assert not parsed.bozo, parsed.get("bozo_exception")
    (entry,) = parsed.entries
    assert entry.title == clean(TITLE)
    with open(hostile / "feed.xml", "rb") as fh:
        pod = podcastparser.parse("https://example.org/pod/feed.xml", fh)
    assert pod["episodes"][0]["title"] == " ".join(clean(TITLE).split())  # it folds spaces
    feed = etree.parse(str(hostile / "feed.xml"))
    persons = feed.findall(".//{https://podcastindex.org/namespace/1.0}person")
    assert {clean(SPEAKER), "محمد علي"} <= {p.text for p in persons}


def test_hostile_titles_keep_the_show_page_valid_with_the_text_intact(hostile):
    page = read_page(hostile / "index.html")
    assert NUL not in page.html
    text = "".join(page.text)
    assert " ".join(clean(TITLE).split()) in " ".join(text.split())
    assert not any('alert("x")' in s for s in page.scripts)


def test_hostile_names_reach_the_tags_and_transcript_without_nul(hostile):
    from mutagen.id3 import ID3

    (folder,) = (hostile / "episodes").iterdir()
    tags = ID3(folder / f"{folder.name}.mp3")
    assert str(tags["TIT2"]).split() == clean(TITLE).split()
    vtt = (folder / "transcript.vtt").read_text(encoding="utf-8")
    assert NUL not in vtt and "<v Zoë O'Brien-&lt;Smith&gt; &amp; \"Sons\"" in vtt


# --- settings, cast and lexicon files; missing programs; unwritable output ---------------------


@pytest.mark.parametrize("option, name, text, words", [
    ("--cast", "cast.toml", '[narrator]\nvoice = "en-us"\nrate = 170\n"Ruth Okafor" = { voice = \n',
     ["cast.toml, line 4", "not valid TOML"]),
    ("--cast", "cast.toml", '"Ruth Okafor" = { voice = "en-us", rate = "fast" }\n',
     ["cast.toml, line 1", '"Ruth Okafor".rate', "whole number"]),
    ("--lexicon", "lexicon.toml", '[words]\n"Chang\'e" = \n', ["lexicon.toml, line 2", "TOML"]),
    ("--lexicon", "lexicon.toml", 'NASA = "Nassa"\n"Chang\'e" = 5\n',
     ["lexicon.toml, line 2", '"Chang\'e" must be a respelling']),
    ("--show", "podcast.toml", 'title = "Moon News"\nexplicit = "maybe"\n',
     ["podcast.toml", "line 2", "explicit"]),
])
def test_a_bad_toml_file_names_file_line_and_key(out, tmp_path, option, name, text, words, run):
    before = published_files(out)
    article = write(tmp_path / "library.txt", LIBRARY)
    result = run(article, option, write(tmp_path / name, text), "-o", out)
    assert_one_line_error(result.output, EXIT_CONFIG, result.exit_code, *words)
    assert published_files(out) == before and leftovers(out) == []


def test_a_bad_podcast_toml_found_in_the_working_folder_is_named(out, tmp_path):
    """No --show: ./podcast.toml is read when present, and named when wrong."""
    before = published_files(out)
    write(tmp_path / "podcast.toml", 'title = "Moon News"\nlanguage = 5\n')
    code, err = finish(process(write(tmp_path / "library.txt", LIBRARY), "-o", out,
                               cwd=tmp_path))
    assert_one_line_error(err, EXIT_CONFIG, code, "podcast.toml", "line 2", "language")
    assert published_files(out) == before and leftovers(out) == []


def test_an_unknown_voice_in_a_cast_file_names_the_line_and_how_to_list_voices(out, tmp_path, run):
    before = published_files(out)
    cast = write(tmp_path / "cast.toml", '"Ruth Okafor" = { voice = "zz-nope" }\n')
    result = run(write(tmp_path / "library.txt", LIBRARY), "--cast", cast, "-o", out)
    assert_one_line_error(result.output, EXIT_CONFIG, result.exit_code,
                          "cast.toml, line 1", '"Ruth Okafor"', "zz-nope",
                          "build-episode --list-voices --engine espeak")
    assert published_files(out) == before and leftovers(out) == []


def _path_with_only(tmp_path: Path, *programs: str) -> str:
    """A PATH holding the given programs and nothing else (so the others are 'not installed')."""
    bin_ = tmp_path / "bin"
    bin_.mkdir()
    for program in programs:
        (bin_ / program).symlink_to(shutil.which(program))
    return str(bin_)


@pytest.mark.parametrize("keep, options, words", [
    (("ffmpeg", "ffprobe"), [], ["eSpeak NG is not installed", "apt-get install espeak-ng"]),
    (("espeak-ng",), [], ["ffmpeg was not found", "apt install ffmpeg"]),
    (("espeak-ng", "ffmpeg"), ["--engine", "festival"], ["unknown TTS engine 'festival'",
                                                         "espeak"]),
])
def test_a_missing_program_says_how_to_install_it(out, tmp_path, keep, options, words):
    before = published_files(out)
    article = write(tmp_path / "library.txt", LIBRARY)
    code, err = finish(process(article, "-o", out, *options,
                               env={"PATH": _path_with_only(tmp_path, *keep)}))
    assert_one_line_error(err, EXIT_UNAVAILABLE, code, *words)
    assert published_files(out) == before and leftovers(out) == []


def test_out_that_is_a_file_is_refused_and_left_alone(tmp_path, run):
    target = write(tmp_path / "notes.txt", "my notes\n")
    result = run(write(tmp_path / "library.txt", LIBRARY), "-o", target)
    assert_one_line_error(result.output, EXIT_CANT_CREATE, result.exit_code,
                          f"{target}: is a file, not a folder", "--out")
    assert target.read_text() == "my notes\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["library.txt", "notes.txt"]


def test_out_where_nothing_can_be_created_is_refused_even_as_root(tmp_path, run):
    """/proc refuses new folders to everyone, root included."""
    result = run(write(tmp_path / "library.txt", LIBRARY), "-o", "/proc/podcast-out")
    assert_one_line_error(result.output, EXIT_CANT_CREATE, result.exit_code,
                          "/proc/podcast-out: cannot write here", "--out")


def test_a_read_only_out_is_refused_before_synthesis(out, tmp_path, run):
    """OUT bound read-only (as a published folder often is): root cannot write there either."""
    if subprocess.run(["mount", "--bind", str(out), str(out)], capture_output=True).returncode:
        pytest.skip("cannot bind-mount here (needs root with CAP_SYS_ADMIN)")
    try:
        done = subprocess.run(["mount", "-o", "remount,bind,ro", str(out)], capture_output=True)
        if done.returncode:
            pytest.skip("cannot remount read-only here")
        before = published_files(out)
        result = run(write(tmp_path / "bridge.txt", BRIDGE), "-o", out)
        assert_one_line_error(result.output, EXIT_CANT_CREATE, result.exit_code,
                              f"{out}: cannot write here", "Read-only file system", "--out")
        assert published_files(out) == before
    finally:
        subprocess.run(["umount", str(out)], check=True)
    assert leftovers(out) == []


@pytest.fixture
def small_disk(tmp_path):
    """A real 700 KB file system (tmpfs), so the disk fills up for root too."""
    mount = tmp_path / "disk"
    mount.mkdir()
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=700k", "tmpfs", str(mount)],
                          capture_output=True)
    if done.returncode != 0:
        pytest.skip("cannot mount a tmpfs here (needs root with CAP_SYS_ADMIN)")
    try:
        yield mount
    finally:
        subprocess.run(["umount", str(mount)], check=True)


def test_a_full_disk_fails_with_one_line_and_keeps_the_feed(published, small_disk, tmp_path, run):
    out = small_disk / "out"
    shutil.copytree(published, out, ignore=shutil.ignore_patterns(".cache"))
    before = published_files(out)
    article = write(tmp_path / "harbour.txt", LONGER)
    result = run(article, "-o", out, "--cache-dir", tmp_path / "cache")
    assert_one_line_error(result.output, EXIT_CANT_CREATE, result.exit_code,
                          "No space left on device", "free some disk space")
    assert published_files(out) == before and leftovers(out) == []
