"""Show settings: podcast.toml -> Show, with defaults a feed reader accepts, and the cover art.

Settings are checked when they are read, before any audio is made, so a wrong value costs a
second, not a build. Every error names the file, the line where we can find it, the key and the fix.
"""

from __future__ import annotations

import difflib
import functools
import hashlib
import re
import textwrap
import tomllib
from pathlib import Path
from urllib.parse import urlsplit

from ..errors import ConfigError
from ..files import atomic_write
from ..model import Show

COVER_MIN_PX = 1400  # Apple Podcasts: square art, 1400 to 3000 px a side, JPEG or PNG, RGB
COVER_MAX_PX = 3000
GENERATED_COVER_PX = 1400  # the smallest accepted size keeps the file small
DESCRIPTION_MAX_BYTES = 4000  # Apple truncates (and validators reject) longer channel descriptions
IMAGE_FORMATS = {"PNG": ".png", "JPEG": ".jpg"}

# Apple Podcasts categories (category -> subcategories); the feed must use these exact names.
APPLE_CATEGORIES: dict[str, tuple[str, ...]] = {
    "Arts": ("Books", "Design", "Fashion & Beauty", "Food", "Performing Arts", "Visual Arts"),
    "Business": ("Careers", "Entrepreneurship", "Investing", "Management", "Marketing", "Non-Profit"),
    "Comedy": ("Comedy Interviews", "Improv", "Stand-Up"),
    "Education": ("Courses", "How To", "Language Learning", "Self-Improvement"),
    "Fiction": ("Comedy Fiction", "Drama", "Science Fiction"),
    "Government": (),
    "History": (),
    "Health & Fitness": ("Alternative Health", "Fitness", "Medicine", "Mental Health", "Nutrition",
                         "Sexuality"),
    "Kids & Family": ("Education for Kids", "Parenting", "Pets & Animals", "Stories for Kids"),
    "Leisure": ("Animation & Manga", "Automotive", "Aviation", "Crafts", "Games", "Hobbies",
                "Home & Garden", "Video Games"),
    "Music": ("Music Commentary", "Music History", "Music Interviews"),
    "News": ("Business News", "Daily News", "Entertainment News", "News Commentary", "Politics",
             "Sports News", "Tech News"),
    "Religion & Spirituality": ("Buddhism", "Christianity", "Hinduism", "Islam", "Judaism",
                                "Religion", "Spirituality"),
    "Science": ("Astronomy", "Chemistry", "Earth Sciences", "Life Sciences", "Mathematics",
                "Natural Sciences", "Nature", "Physics", "Social Sciences"),
    "Society & Culture": ("Documentary", "Personal Journals", "Philosophy", "Places & Travel",
                          "Relationships"),
    "Sports": ("Baseball", "Basketball", "Cricket", "Fantasy Sports", "Football", "Golf", "Hockey",
               "Rugby", "Running", "Soccer", "Swimming", "Tennis", "Volleyball", "Wilderness",
               "Wrestling"),
    "Technology": (),
    "True Crime": (),
    "TV & Film": ("After Shows", "Film History", "Film Interviews", "Film Reviews", "TV Reviews"),
}
CATEGORY_NAMES = tuple(
    name for top, subs in APPLE_CATEGORIES.items() for name in (top, *(f"{top} > {s}" for s in subs)))

KEYS = ("title", "description", "author", "owner", "owner_name", "owner_email", "language",
        "categories", "explicit", "link", "copyright", "image", "base_url", "locked", "podcast_guid")
REPORTED = ("title", "description", "author", "owner_name", "owner_email", "language", "categories",
            "explicit", "link", "copyright", "image", "base_url", "locked")
LANGUAGE_RE = re.compile(r"[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*")
EMAIL_RE = re.compile(r"[^@\s<>\"]+@[^@\s<>\"]+\.[^@\s<>\"]+")
UUID_RE = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")


class _Settings:
    """One settings file being read: knows where each key is, to point errors at its line."""

    def __init__(self, path: Path | None, text: str = "") -> None:
        self.path, self.lines = path, text.splitlines()

    def fail(self, key: str, problem: str, fix: str) -> ConfigError:
        line = self.line_of(key)
        where = f"{self.path}: " if self.path else ""
        where += f"line {line}: " if line else ""
        return ConfigError(f"{where}{key}: {problem}", hint=fix)

    def line_of(self, key: str) -> int | None:
        """The line that sets key (top level or in a table), found by its `key =` text."""
        name = key.split(".")[-1]
        pattern = re.compile(rf"^\s*(\"{re.escape(name)}\"|{re.escape(name)})\s*=")
        for number, line in enumerate(self.lines, 1):
            if pattern.match(line):
                return number
        return None


def load_show(path: Path | None, *, fallback_title: str = "", fallback_author: str = "",
              fallback_language: str = "", base_url: str | None = None
              ) -> tuple[Show, tuple[str, ...]]:
    """Read podcast.toml (or nothing) into a checked Show, and name the settings left to defaults.

    fallback_* come from the article (its publication, byline, language); base_url, when given
    (the --base-url option), wins over the file's.
    """
    table, settings = _read_table(path)
    values: dict[str, object] = {}
    for key, value in table.items():
        values.update(_check(settings, key, value))
    if base_url is not None:
        values["base_url"] = _check_url(_Settings(None), "--base-url", base_url, base=True)
    given = {key for key, value in values.items() if value not in ("", None)}

    title = values.get("title") or fallback_title.strip() or Show().title
    author = values.get("author") or fallback_author.strip() or title
    values.update(title=title, author=author)
    values.setdefault("owner_name", author)
    if not values.get("language") and LANGUAGE_RE.fullmatch(fallback_language.strip()):
        values["language"] = fallback_language.strip()
    if values.get("image"):
        values["image"] = _check_image(settings, values["image"])
    show = Show(**{k: v for k, v in values.items() if v not in ("", None)})
    used = tuple(k for k in REPORTED if k not in given)
    return show, used


def _read_table(path: Path | None) -> tuple[dict[str, object], _Settings]:
    if path is None:
        return {}, _Settings(None)
    path = Path(path)
    try:
        raw = path.read_bytes()
    except FileNotFoundError as exc:
        raise ConfigError(f"{path}: no such show settings file",
                          hint="check the --show path, or leave it out to use defaults") from exc
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read ({exc.strerror})",
                          hint="check the file's permissions") from exc
    try:
        text = raw.decode("utf-8")
        table = tomllib.loads(text)
    except UnicodeDecodeError as exc:
        raise ConfigError(f"{path}: not UTF-8 text", hint="save it as UTF-8") from exc
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: not valid TOML ({exc})",
                          hint="fix the syntax at that line (strings need quotes)") from exc
    return table, _Settings(path, text)


def _check(settings: _Settings, key: str, value: object) -> dict[str, object]:
    """One key's value, checked and converted: {field: value} for the Show.

    key is as written in the file (owner.email in an [owner] table), field the Show's name.
    """
    field = {"owner.name": "owner_name", "owner.email": "owner_email"}.get(key, key)
    if field not in KEYS:
        near = difflib.get_close_matches(key, KEYS, n=1)
        fix = f"did you mean '{near[0]}'?" if near else "known keys: " + ", ".join(KEYS)
        raise settings.fail(key, "unknown setting", fix)
    if key == "owner":
        return _check_owner(settings, value)
    if field in ("explicit", "locked"):
        if not isinstance(value, bool):
            raise settings.fail(key, f"{value!r} is not true or false", f"write {key} = true or {key} = false (no quotes)")
        return {field: value}
    if field == "categories":
        items = [value] if isinstance(value, str) else value
        if not isinstance(items, list) or not items or not all(isinstance(v, str) for v in items):
            raise settings.fail(key, "must be a list of category names", 'write categories = ["News", "Science > Astronomy"]')
        return {field: tuple(_check_category(settings, v) for v in items)}
    if not isinstance(value, str):
        raise settings.fail(key, f"{value!r} is not text", f'put the value in quotes: {key} = "…"')
    value = value.strip()
    if field in ("title", "author", "owner_name") and not value:
        raise settings.fail(key, "is empty", f"give the show's {field.replace('_', ' ')} or remove the line")
    if field == "description" and len(value.encode("utf-8")) > DESCRIPTION_MAX_BYTES:
        raise settings.fail(key, f"is {len(value.encode('utf-8'))} bytes long",
                            f"shorten it to at most {DESCRIPTION_MAX_BYTES} bytes (Apple's limit)")
    if field == "language" and not LANGUAGE_RE.fullmatch(value):
        raise settings.fail(key, f"{value!r} is not a language code", 'use a code like "en" or "en-US"')
    if field == "owner_email" and value and not EMAIL_RE.fullmatch(value):
        raise settings.fail(key, f"{value!r} is not an email address", 'write a full address like "you@example.org"')
    if field in ("link", "base_url") and value:
        value = _check_url(settings, key, value, base=field == "base_url")
    if field == "podcast_guid" and value and not UUID_RE.fullmatch(value.lower()):
        raise settings.fail(key, f"{value!r} is not a UUID", "remove it to derive one from the feed URL")
    if field == "image" and value:
        base = settings.path.parent if settings.path else Path.cwd()
        return {field: base / value}
    return {field: value.lower() if field == "podcast_guid" else value}


def _check_owner(settings: _Settings, value: object) -> dict[str, object]:
    """The [owner] table: name and email, each checked as its own key."""
    if not isinstance(value, dict):
        raise settings.fail("owner", "must be a table", 'write [owner] with name = "…" and email = "…"')
    unknown = sorted(set(value) - {"name", "email"})
    if unknown:
        raise settings.fail(f"owner.{unknown[0]}", "unknown setting", "an [owner] has name and email")
    out: dict[str, object] = {}
    for sub in ("name", "email"):
        if sub in value:
            out.update(_check(settings, f"owner.{sub}", value[sub]))
    return out


def _check_category(settings: _Settings, value: str) -> str:
    parts = [p.strip() for p in value.split(">")]
    wanted = " > ".join(parts).casefold()
    for name in CATEGORY_NAMES:
        if name.casefold() == wanted:
            return name
    near = difflib.get_close_matches(" > ".join(parts), CATEGORY_NAMES, n=1, cutoff=0.5)
    fix = f"did you mean '{near[0]}'?" if near else "use an Apple Podcasts category, e.g. 'News' or 'Science > Astronomy'"
    raise settings.fail("categories", f"{value!r} is not an Apple Podcasts category", fix)


def _check_url(settings: _Settings, key: str, value: str, *, base: bool) -> str:
    parts = urlsplit(value.strip())
    if parts.scheme not in ("http", "https") or not parts.netloc or any(c.isspace() for c in value.strip()):
        raise settings.fail(key, f"{value!r} is not an http(s) URL", 'write a full URL like "https://example.org/podcast/"')
    value = value.strip()
    return value if not base or value.endswith("/") else value + "/"


def _check_image(settings: _Settings, path: object) -> Path:
    """A given cover must be a square RGB PNG or JPEG of 1400-3000 px, as Apple Podcasts asks."""
    from PIL import Image, UnidentifiedImageError

    path = Path(str(path))
    try:
        with Image.open(path) as image:
            fmt, (width, height), mode = image.format, image.size, image.mode
    except FileNotFoundError as exc:
        raise settings.fail("image", f"{path} does not exist", "give the path of the cover, relative to the settings file") from exc
    except (UnidentifiedImageError, OSError) as exc:
        raise settings.fail("image", f"{path} is not an image", "use a PNG or JPEG file") from exc
    if fmt not in IMAGE_FORMATS:
        raise settings.fail("image", f"{path.name} is {fmt}, not PNG or JPEG", "convert the cover to PNG or JPEG")
    if path.suffix.lower() not in (IMAGE_FORMATS[fmt], ".jpeg" if fmt == "JPEG" else IMAGE_FORMATS[fmt]):
        raise settings.fail("image", f"{path.name} is a {fmt} file with a {path.suffix or 'missing'} extension",
                            f"rename it to end in {IMAGE_FORMATS[fmt]}")
    if width != height:
        raise settings.fail("image", f"{path.name} is {width}x{height} px, not square", "crop it to a square")
    if not COVER_MIN_PX <= width <= COVER_MAX_PX:
        raise settings.fail("image", f"{path.name} is {width}x{height} px",
                            f"resize it to between {COVER_MIN_PX} and {COVER_MAX_PX} px a side")
    if mode != "RGB":
        raise settings.fail("image", f"{path.name} has {mode} colour, not RGB",
                            "save it as RGB without transparency")
    return path


# --- cover art ---------------------------------------------------------------------------------


def cover_name(show: Show) -> str:
    """The file name of the show's art in OUT: cover.png, or cover.jpg for a given JPEG."""
    if show.image is not None and Path(show.image).suffix.lower() in (".jpg", ".jpeg"):
        return "cover.jpg"
    return "cover.png"


def ensure_cover(show: Show, out_dir: Path) -> Path:
    """Put the show's art in OUT (a copy of the given image, or one drawn from the title).

    The file is rewritten only when its bytes would change, atomically.
    """
    target = Path(out_dir) / cover_name(show)
    if show.image is not None:
        data = Path(show.image).read_bytes()
    else:
        data = draw_cover(show.title)
    if not (target.is_file() and target.read_bytes() == data):
        atomic_write(target, data)
    return target


@functools.lru_cache(maxsize=8)  # a build and its feed update both ask for it
def draw_cover(title: str, size_px: int = GENERATED_COVER_PX) -> bytes:
    """A square RGB PNG with the title on a colour chosen from the title: same title, same bytes."""
    import io

    from PIL import Image, ImageDraw

    digest = hashlib.sha256(title.encode("utf-8")).digest()
    background = tuple(40 + b % 100 for b in digest[:3])  # dark enough for white text
    image = Image.new("RGB", (size_px, size_px), background)
    draw = ImageDraw.Draw(image)
    margin = size_px // 10
    draw.rectangle((margin // 2, margin // 2, size_px - margin // 2, size_px - margin // 2),
                   outline=(255, 255, 255), width=max(4, size_px // 120))
    # Emoji and other astral-plane characters have no glyph in the fonts we can count on.
    drawable = " ".join("".join(c for c in title if ord(c) <= 0xFFFF).split()) or "Podcast"
    lines, font = _fit_title(draw, drawable, size_px - 2 * margin)
    line_h = font.size * 1.25
    top = (size_px - line_h * len(lines)) / 2
    for n, line in enumerate(lines):
        width = draw.textlength(line, font=font)
        draw.text(((size_px - width) / 2, top + n * line_h), line, font=font, fill=(255, 255, 255))
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()


def _fit_title(draw, title: str, width_px: int):
    """The largest font (down to a floor) at which the wrapped title fits the width."""
    for size in (160, 130, 110, 90, 72, 60):
        font = _font(size)
        lines = textwrap.wrap(title, width=max(8, int(width_px / (size * 0.55))))[:6]
        if all(draw.textlength(line, font=font) <= width_px for line in lines):
            return lines, font
    return lines, font


def _font(size: int):
    from PIL import ImageFont

    for name in ("DejaVuSans-Bold.ttf", "LiberationSans-Bold.ttf"):
        for folder in ("/usr/share/fonts/truetype/dejavu", "/usr/share/fonts/truetype/liberation"):
            candidate = Path(folder) / name
            if candidate.is_file():
                return ImageFont.truetype(str(candidate), size)
    return ImageFont.load_default(size=size)
