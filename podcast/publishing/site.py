"""Show + episode records -> OUT/index.html: the show page a listener opens in a browser.

One static file: styles and the few lines of script are inline, every link is relative, so the
page works from file:// and from any static host, with no fonts or scripts fetched from anywhere.
Chapter links seek the episode's player; without JavaScript they open the MP3 at that time.
"""

from __future__ import annotations

import html
from pathlib import Path
from urllib.parse import quote

from ..files import atomic_write
from ..layout import CHAPTERS, TRANSCRIPT_VTT, Layout, episode_href
from ..model import EpisodeRecord, Show
from .feed import feed_url, newest_first
from .records import sidecar
from .show import cover_name
from .sidecars import read_chapters, read_transcript

_STYLE = """
:root { color-scheme: light dark; --accent: #2b6cb0; }
body { font: 17px/1.5 system-ui, sans-serif; max-width: 46rem; margin: 0 auto; padding: 1rem; }
header { display: flex; gap: 1.25rem; align-items: center; flex-wrap: wrap; }
header img { width: 10rem; height: 10rem; border-radius: .5rem; }
h1 { margin: 0 0 .25rem; }
a { color: var(--accent); }
.subscribe { display: inline-block; padding: .3rem .8rem; border: 2px solid var(--accent);
             border-radius: 1rem; text-decoration: none; font-weight: 600; }
article { border-top: 1px solid #8884; margin-top: 2rem; padding-top: 1rem; }
audio { width: 100%; margin: .5rem 0; }
.meta { color: #777; font-size: .9em; }
ol.chapters { padding-left: 1.5rem; }
.chapters time, .transcript time { font-variant-numeric: tabular-nums; color: #777; margin-right: .5rem; }
.transcript p { margin: .25rem 0; }
.transcript b { margin-right: .3rem; }
"""

# Seek the player named by a chapter link; wait for the audio's metadata if it has none yet.
_SCRIPT = """
document.addEventListener('click', function (event) {
  var link = event.target.closest('a[data-start]');
  if (!link) return;
  var player = document.getElementById(link.getAttribute('data-player'));
  if (!player) return;
  event.preventDefault();
  var start = parseFloat(link.getAttribute('data-start'));
  function seek() {
    player.currentTime = start;
    var playing = player.play();
    if (playing && playing.catch) playing.catch(function () {});
  }
  if (player.readyState >= 1) seek();
  else { player.addEventListener('loadedmetadata', seek, {once: true}); player.load(); }
});
"""


def write_site(show: Show, records: tuple[EpisodeRecord, ...], out_dir: Path) -> Path:
    """Rebuild OUT/index.html from the records (atomically; untouched when nothing changed)."""
    target = Layout(out_dir).page
    data = render_site(show, records, out_dir).encode("utf-8")
    if not (target.is_file() and target.read_bytes() == data):
        atomic_write(target, data)
    return target


def render_site(show: Show, records: tuple[EpisodeRecord, ...], out_dir: Path) -> str:
    """The page's HTML: the show, then every episode newest first."""
    out_dir = Path(out_dir)
    e = _escape
    subscribe = feed_url(show)
    episodes = "\n".join(_episode(record, out_dir, show.language) for record in newest_first(records))
    return f"""<!DOCTYPE html>
<html lang="{e(show.language)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{e(show.title)}</title>
<link rel="alternate" type="application/rss+xml" title="{e(show.title)}" href="{e(subscribe)}">
<style>{_STYLE}</style>
</head>
<body>
<header>
<img src="{e(quote(cover_name(show)))}" alt="Cover art of {e(show.title)}" width="160" height="160">
<div>
<h1 dir="auto">{e(show.title)}</h1>
<p dir="auto">{e(show.description)}</p>
<p><a class="subscribe" href="{e(subscribe)}" type="application/rss+xml">Subscribe (RSS feed)</a>
<span class="meta">Paste the feed address into your podcast app.</span></p>
</div>
</header>
<main>
{episodes or '<p>No episodes yet.</p>'}
</main>
<script>{_SCRIPT}</script>
</body>
</html>
"""


def _episode(record: EpisodeRecord, out_dir: Path, language: str) -> str:
    e = _escape
    slug = record.slug
    audio = quote(episode_href(slug, record.audio_file))
    player = f"player-{slug}"
    byline = f" · {e(', '.join(record.byline))}" if record.byline else ""
    source = f' · <a href="{e(record.link)}">original article</a>' if record.link.startswith(("http://", "https://")) else ""
    chapters = "".join(
        f'<li><a href="{audio}#t={c.start_ms / 1000:.3f}" data-player="{e(player)}" '
        f'data-start="{c.start_ms / 1000:.3f}"><time>{_clock(c.start_ms)}</time>'
        f'<span dir="auto">{e(c.title)}</span></a></li>'
        for c in record.chapters or read_chapters(sidecar(out_dir, record, CHAPTERS)))
    chapters_html = f'<h3>Chapters</h3>\n<ol class="chapters">{chapters}</ol>' if chapters else ""
    cues = read_transcript(sidecar(out_dir, record, TRANSCRIPT_VTT))
    transcript = "".join(
        f'<p dir="auto"><a href="{audio}#t={c.start_ms / 1000:.3f}" data-player="{e(player)}" '
        f'data-start="{c.start_ms / 1000:.3f}"><time>{_clock(c.start_ms)}</time></a>'
        f'{f"<b>{e(c.speaker)}:</b>" if c.speaker else ""}{e(c.text)}</p>'
        for c in cues)
    transcript_html = (f'<details class="transcript"><summary>Transcript</summary>{transcript}</details>'
                       if transcript else "")
    return f"""<article id="{e(slug)}">
<h2 dir="auto">{e(record.title)}</h2>
<p class="meta"><time datetime="{record.published.isoformat()}">{record.published:%d %B %Y}</time> · {_clock(record.duration_s * 1000)}{byline}{source}</p>
<p dir="auto">{e(record.description)}</p>
<audio id="{e(player)}" controls preload="metadata" src="{audio}"></audio>
<p class="meta"><a href="{audio}" download>Download the MP3</a></p>
{chapters_html}
{transcript_html}
</article>"""


def _clock(ms: float) -> str:
    total = int(ms // 1000)
    hours, rest = divmod(total, 3600)
    return f"{hours}:{rest // 60:02d}:{rest % 60:02d}" if hours else f"{rest // 60}:{rest % 60:02d}"


def _escape(text: object) -> str:
    return html.escape(str(text), quote=True)
