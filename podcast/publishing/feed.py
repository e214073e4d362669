"""Show + episode records -> OUT/feed.xml: RSS 2.0 with the iTunes and Podcasting 2.0 namespaces.

The only user of the feed library. feedgen writes RSS and the iTunes tags; two small feedgen
extensions below add what it lacks (the Podcasting 2.0 tags; itunes:explicit as Apple now spells
it). The feed is a pure function of its inputs: the same records give the same bytes, with
lastBuildDate taken from the newest episode, never from the clock.
"""

from __future__ import annotations

import re
import uuid
from pathlib import Path
from urllib.parse import quote

import lxml.etree  # noqa: F401  (feedgen.util reaches lxml.etree without importing it)
from feedgen.ext.base import BaseEntryExtension, BaseExtension
from feedgen.ext.podcast import PodcastExtension
from feedgen.ext.podcast_entry import PodcastEntryExtension
from feedgen.feed import FeedGenerator
from feedgen.util import xml_elem

from ..errors import InputError
from ..files import atomic_write
from ..layout import CHAPTERS, FEED, PAGE, TRANSCRIPT_SRT, TRANSCRIPT_VTT, Layout, episode_href
from ..model import EpisodeRecord, Show
from .records import sidecar
from .show import cover_name

ITUNES_NS = "http://www.itunes.com/dtds/podcast-1.0.dtd"
PODCAST_NS = "https://podcastindex.org/namespace/1.0"
# The Podcasting 2.0 spec derives podcast:guid as a UUIDv5 of the feed URL in this namespace.
PODCAST_GUID_NAMESPACE = uuid.UUID("ead4c236-bf58-58c6-a2c6-a6b28d128cb6")
ITEM_DESCRIPTION_MAX_BYTES = 4000
# The narrator is a synthetic voice reading words written by someone else: in the podcast
# taxonomy that is a "voice actor", not a "host" (a host presents the show in their own words).
NARRATOR_ROLE = "voice actor"
GUEST_ROLE = "guest"
TRANSCRIPT_TYPES = ((TRANSCRIPT_VTT, "text/vtt"), (TRANSCRIPT_SRT, "application/x-subrip"))
# XML 1.0 cannot carry these code points at all, escaped or not.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def write_feed(show: Show, records: tuple[EpisodeRecord, ...], out_dir: Path) -> Path:
    """Rebuild OUT/feed.xml from the records; the old feed stays whole until the new one is done.

    Nothing is written when the bytes would not change, so an unchanged feed keeps its date.
    """
    target = Layout(out_dir).feed
    data = render_feed(show, records, out_dir)
    if not (target.is_file() and target.read_bytes() == data):
        atomic_write(target, data)
    return target


def render_feed(show: Show, records: tuple[EpisodeRecord, ...], out_dir: Path) -> bytes:
    """The feed's bytes: every record as an item, newest first."""
    out_dir = Path(out_dir)
    episodes = newest_first(records)
    _check_unique_guids(episodes, out_dir)
    fg = FeedGenerator()
    fg.register_extension("podcast", _AppleFeed, _AppleEntry)
    fg.register_extension("podcastindex", _PodcastIndexFeed, _PodcastIndexEntry)
    _describe_channel(fg, show, episodes)
    for record in episodes:
        _add_item(fg.add_entry(order="append"), show, record, out_dir)
    return fg.rss_str(pretty=True, encoding="UTF-8", xml_declaration=True)


def newest_first(records: tuple[EpisodeRecord, ...]) -> tuple[EpisodeRecord, ...]:
    """Episodes in feed order: newest first, slug breaking ties so the order never wobbles."""
    return tuple(sorted(records, key=lambda r: (r.published, r.slug), reverse=True))


def public_url(show: Show, path: str) -> str:
    """The URL of a file under OUT: absolute under the base URL, else relative to the feed."""
    return show.base_url + quote(path)


def feed_url(show: Show) -> str:
    """Where the feed will be fetched from (relative when there is no base URL yet)."""
    return public_url(show, FEED)


def podcast_guid(show: Show) -> str | None:
    """podcast:guid: the one set by hand, else UUIDv5 of the feed URL without scheme or
    trailing slashes, as the Podcasting 2.0 spec says; None until the feed has a public URL."""
    if show.podcast_guid:
        return show.podcast_guid
    return guid_for_feed_url(feed_url(show)) if show.base_url else None


def guid_for_feed_url(url: str) -> str:
    """The Podcasting 2.0 podcast:guid of a feed URL (scheme and trailing slashes removed)."""
    bare = re.sub(r"^[A-Za-z][A-Za-z0-9+.-]*://", "", url.strip()).rstrip("/")
    return str(uuid.uuid5(PODCAST_GUID_NAMESPACE, bare))


def audio_path(out_dir: Path, record: EpisodeRecord) -> Path:
    """The episode's MP3 in OUT."""
    return Layout(out_dir).episode(record.slug).folder / record.audio_file


def episode_path(record: EpisodeRecord, name: str) -> str:
    """A file of the episode as a path relative to OUT (for URLs and links)."""
    return episode_href(record.slug, name)


# --- channel and items -------------------------------------------------------------------------


def _describe_channel(fg: FeedGenerator, show: Show, episodes: tuple[EpisodeRecord, ...]) -> None:
    page = show.link or show.base_url or PAGE
    cover = public_url(show, cover_name(show))
    fg.title(_clean(show.title))
    fg.link(href=feed_url(show), rel="self", type="application/rss+xml")
    fg.link(href=page, rel="alternate")  # after self: feedgen takes <link> from the last one
    fg.description(_clean(show.description))
    fg.language(show.language)
    if show.copyright:
        fg.copyright(_clean(show.copyright))
    fg.generator("podcast-builder")
    fg.image(url=cover, title=_clean(show.title), link=page)
    fg.lastBuildDate(episodes[0].published if episodes else None)
    fg.podcastindex.undated = not episodes  # a feed with no episodes has no build date to give

    fg.podcast.itunes_author(_clean(show.author))
    fg.podcast.itunes_image(cover)
    fg.podcast.itunes_explicit("yes" if show.explicit else "no")
    fg.podcast.itunes_type("episodic")
    for category in show.categories:
        top, _, sub = (part.strip() for part in category.partition(">"))
        fg.podcast.itunes_category({"cat": top, **({"sub": sub} if sub else {})})
    owner = _clean(show.owner_name or show.author)
    if show.owner_email:
        fg.podcast.itunes_owner(name=owner, email=show.owner_email)
    else:
        fg.podcast.owner_name_only = owner

    fg.podcastindex.guid = podcast_guid(show)
    fg.podcastindex.locked = (show.locked, show.owner_email)


def _add_item(fe, show: Show, record: EpisodeRecord, out_dir: Path) -> None:
    audio = audio_path(out_dir, record)
    if not audio.is_file():
        raise InputError(f"{audio}: the audio of episode {record.slug!r} is missing",
                         hint="rebuild that episode, or delete its folder to drop it from the feed")
    title = _clean(record.title) or record.slug  # an item needs a title; the slug is never blank
    fe.guid(record.guid, permalink=False)
    fe.title(title)
    fe.description(_clip(_clean(record.description) or title, ITEM_DESCRIPTION_MAX_BYTES))
    article = record.link if record.link.startswith(("http://", "https://")) else ""
    fe.link(href=article or f"{show.base_url}{PAGE}#{quote(record.slug)}")
    fe.enclosure(public_url(show, episode_path(record, record.audio_file)),
                 str(audio.stat().st_size), "audio/mpeg")
    fe.pubDate(record.published)

    fe.podcast.itunes_author(_clean(", ".join(record.byline)) or _clean(show.author))
    fe.podcast.itunes_duration(max(1, round(record.duration_s)))
    fe.podcast.itunes_image(public_url(show, cover_name(show)))
    fe.podcast.itunes_episode_type("full")
    if record.number is not None:
        fe.podcast.itunes_episode(record.number)

    pc = fe.podcastindex
    chapters = sidecar(out_dir, record, CHAPTERS)
    if chapters is not None:
        pc.chapters = public_url(show, episode_path(record, chapters.name))
    for kind, mime in TRANSCRIPT_TYPES:
        path = sidecar(out_dir, record, kind)
        if path is not None:
            pc.transcripts.append((public_url(show, episode_path(record, path.name)), mime, show.language))
    pc.persons = [(_clean(name), GUEST_ROLE) for name in record.speakers if _clean(name)]
    if record.narrator_voice:
        pc.persons.append((f"Narrator ({_clean(record.narrator_voice)})", NARRATOR_ROLE))


def _check_unique_guids(episodes: tuple[EpisodeRecord, ...], out_dir: Path) -> None:
    seen: dict[str, str] = {}
    for record in episodes:
        if record.guid in seen:
            raise InputError(f"{Layout(out_dir).episode(record.slug).folder}: has the same guid as episode "
                             f"{seen[record.guid]!r}", hint="a copied episode folder? delete one of them")
        seen[record.guid] = record.slug


def _clean(text: str) -> str:
    """Text as XML can carry it: lxml escapes <, & and quotes; we drop what XML 1.0 forbids."""
    return _NOT_XML.sub("", text or "").strip()


def _clip(text: str, max_bytes: int) -> str:
    data = text.encode("utf-8")
    if len(data) <= max_bytes:
        return text
    return data[: max_bytes - 3].decode("utf-8", errors="ignore").rstrip() + "…"


# --- feedgen extensions ------------------------------------------------------------------------


class _AppleFeed(PodcastExtension):
    """feedgen's iTunes tags, with itunes:explicit as true/false (Apple's current spelling) and an
    itunes:owner that may have a name before its email is known."""

    owner_name_only = ""

    def extend_rss(self, rss_feed):
        rss_feed = super().extend_rss(rss_feed)
        channel = rss_feed[0]
        _spell_explicit(channel)
        if self.owner_name_only and channel.find(f"{{{ITUNES_NS}}}owner") is None:
            owner = xml_elem(f"{{{ITUNES_NS}}}owner", channel)
            xml_elem(f"{{{ITUNES_NS}}}name", owner).text = self.owner_name_only
        return rss_feed


class _AppleEntry(PodcastEntryExtension):
    def extend_rss(self, entry):
        entry = super().extend_rss(entry)
        _spell_explicit(entry)
        return entry


def _spell_explicit(parent) -> None:
    tag = parent.find(f"{{{ITUNES_NS}}}explicit")
    if tag is not None:
        tag.text = {"yes": "true", "no": "false"}.get(tag.text, tag.text)


class _PodcastIndexFeed(BaseExtension):
    """Channel tags of the Podcasting 2.0 namespace: podcast:locked and podcast:guid."""

    def __init__(self) -> None:
        self.guid: str | None = None
        self.locked: tuple[bool, str] | None = None
        self.undated = False

    def extend_ns(self):
        return {"podcast": PODCAST_NS}

    def extend_rss(self, feed):
        channel = feed[0]
        if self.undated:
            for tag in channel.findall("lastBuildDate"):
                channel.remove(tag)
        if self.locked is not None:
            locked, owner = self.locked
            tag = xml_elem(f"{{{PODCAST_NS}}}locked", channel)
            tag.text = "yes" if locked else "no"
            if owner:
                tag.attrib["owner"] = owner
        if self.guid:
            xml_elem(f"{{{PODCAST_NS}}}guid", channel).text = self.guid
        return feed


class _PodcastIndexEntry(BaseEntryExtension):
    """Item tags of the Podcasting 2.0 namespace: chapters, transcripts, persons."""

    def __init__(self) -> None:
        self.chapters: str | None = None
        self.transcripts: list[tuple[str, str, str]] = []  # (url, mime type, language)
        self.persons: list[tuple[str, str]] = []  # (name, role)

    def extend_ns(self):
        return {"podcast": PODCAST_NS}

    def extend_rss(self, entry):
        if self.chapters:
            xml_elem(f"{{{PODCAST_NS}}}chapters", entry, url=self.chapters,
                     type="application/json+chapters")
        for url, mime, language in self.transcripts:
            xml_elem(f"{{{PODCAST_NS}}}transcript", entry, url=url, type=mime, language=language,
                     rel="captions")
        for name, role in self.persons:
            xml_elem(f"{{{PODCAST_NS}}}person", entry, role=role).text = name
        return entry

