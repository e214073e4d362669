"""Episode records: what the feed is rebuilt from, and the identity an episode keeps for life."""

from __future__ import annotations

import json
import uuid
from dataclasses import replace
from datetime import datetime, timezone

import pytest

from podcast.errors import InputError
from podcast.model import Chapter, EpisodeRecord
from podcast.publishing.records import (dump_record, episode_folder, load_record, previous_record,
                             read_records, sidecar, write_record)

RECORD = EpisodeRecord(
    slug="far-side", title="Chang'e 6 & the far side <moon> 🌕 — القمر", description="Samples “home”.",
    guid="", published=datetime(2026, 11, 2, 9, 30, tzinfo=timezone.utc), duration_s=312.456,
    audio_bytes=2_500_123, audio_file="far-side.mp3",
    chapters=(Chapter("Opening", 0, 61_000), Chapter("Samples", 61_000, 312_456)),
    speakers=("James Head", "a U.S. State Department spokesperson"),
    narrator_voice="espeak-ng/en-us", byline=("Jane Writer", "Li Reporter"), source="article.txt",
    link="https://news.example.org/far-side", number=7,
    files=(("chapters", "chapters.json"), ("transcript_vtt", "transcript.vtt")))


def test_a_record_survives_the_round_trip_through_json_unchanged():
    record = replace(RECORD, guid="abc")
    assert load_record(dump_record(record)) == record
    doc = json.loads(dump_record(record))
    assert doc["published"] == "2026-11-02T09:30:00+00:00"
    assert "🌕" in dump_record(record)  # kept readable, not \\u-escaped


def test_writing_a_record_without_a_guid_gives_it_a_fresh_one(tmp_path):
    written = write_record(episode_folder(tmp_path, "far-side"), RECORD)
    assert uuid.UUID(written.guid)
    assert read_records(tmp_path) == (written,)


def test_a_rebuilt_episode_keeps_its_guid_and_first_publication_date(tmp_path):
    folder = episode_folder(tmp_path, "far-side")
    first = write_record(folder, RECORD)
    rebuilt = replace(RECORD, guid="", published=datetime(2026, 12, 1, tzinfo=timezone.utc),
                      duration_s=300.0, title="Corrected title")
    second = write_record(folder, rebuilt)
    assert (second.guid, second.published) == (first.guid, first.published)
    assert (second.title, second.duration_s) == ("Corrected title", 300.0)
    assert previous_record(tmp_path, "far-side") == second


def test_a_new_identity_is_given_only_when_asked(tmp_path):
    folder = episode_folder(tmp_path, "far-side")
    first = write_record(folder, RECORD)
    later = datetime(2026, 12, 1, tzinfo=timezone.utc)
    renewed = write_record(folder, replace(RECORD, published=later), keep_identity=False)
    assert renewed.guid != first.guid and renewed.published == later


def test_a_date_without_a_zone_is_taken_as_utc(tmp_path):
    written = write_record(episode_folder(tmp_path, "far-side"),
                           replace(RECORD, published=datetime(2026, 11, 2, 9, 30)))
    assert written.published == datetime(2026, 11, 2, 9, 30, tzinfo=timezone.utc)


def test_read_records_finds_every_episode_and_ignores_other_folders(tmp_path):
    assert read_records(tmp_path) == ()
    b = write_record(episode_folder(tmp_path, "b-story"), replace(RECORD, slug="b-story"))
    a = write_record(episode_folder(tmp_path, "a-story"), replace(RECORD, slug="a-story"))
    episode_folder(tmp_path, "half-built").mkdir()  # interrupted before its record was written
    assert read_records(tmp_path) == (a, b)
    assert previous_record(tmp_path, "half-built") is None


def test_a_broken_record_is_named_with_the_way_out(tmp_path):
    folder = episode_folder(tmp_path, "far-side")
    folder.mkdir(parents=True)
    (folder / "episode.json").write_text('{"slug": "far-side", "title": ', encoding="utf-8")
    with pytest.raises(InputError, match=r"far-side/episode\.json: not a usable episode record "
                                         r"\(bad JSON at line 1\); rebuild that episode"):
        read_records(tmp_path)
    (folder / "episode.json").write_text('{"slug": "far-side"}', encoding="utf-8")
    with pytest.raises(InputError, match=r"missing title"):
        previous_record(tmp_path, "far-side")


def test_a_record_in_the_wrong_folder_is_refused(tmp_path):
    write_record(episode_folder(tmp_path, "far-side"), RECORD)
    episode_folder(tmp_path, "far-side").rename(episode_folder(tmp_path, "renamed"))
    with pytest.raises(InputError, match="records slug 'far-side' but lives in 'renamed'"):
        read_records(tmp_path)


@pytest.mark.parametrize("name", ["../../etc/passwd", "sub/dir.mp3", ".."])
def test_file_names_must_stay_inside_the_episode_folder(name):
    text = dump_record(replace(RECORD, guid="g", audio_file=name))
    with pytest.raises(ValueError, match="plain name"):
        load_record(text)


def test_sidecars_are_found_by_recorded_or_standard_name_only_when_on_disk(tmp_path):
    record = write_record(episode_folder(tmp_path, "far-side"), RECORD)
    folder = episode_folder(tmp_path, "far-side")
    assert sidecar(tmp_path, record, "chapters") is None
    (folder / "chapters.json").write_text("{}")
    (folder / "transcript.srt").write_text("1\n")
    assert sidecar(tmp_path, record, "chapters") == folder / "chapters.json"
    assert sidecar(tmp_path, record, "transcript_srt") == folder / "transcript.srt"  # standard name
    assert sidecar(tmp_path, record, "transcript_vtt") is None
