"""ID3v2.4 tags with mutagen: title, author, publication, date, language, source, summary, the
full spoken script, encoder, provenance (TXXX), a cover image, and chapters (CHAP + CTOC)."""

from __future__ import annotations

import dataclasses
import logging
import mimetypes
from pathlib import Path
from typing import TYPE_CHECKING, Any

from audiogen.errors import InputError

if TYPE_CHECKING:
    from collections.abc import Sequence

    from mutagen.id3 import ID3

    from audiogen.config import FeedSettings
    from audiogen.publish.chapters import Chapter
    from audiogen.types import Article

logger = logging.getLogger(__name__)
_warned: set[str] = set()

TOC_ID = "toc"
"""Element id of the table of contents (CTOC) frame."""

# ISO 639-1 -> ISO 639-2/T, for TLAN (ID3 wants three letters).
_ISO639 = dict(
    pair.split(":")
    for pair in """
    aa:aar ab:abk ae:ave af:afr ak:aka am:amh an:arg ar:ara as:asm av:ava ay:aym az:aze
    ba:bak be:bel bg:bul bi:bis bm:bam bn:ben bo:bod br:bre bs:bos ca:cat ce:che ch:cha
    co:cos cr:cre cs:ces cu:chu cv:chv cy:cym da:dan de:deu dv:div dz:dzo ee:ewe el:ell
    en:eng eo:epo es:spa et:est eu:eus fa:fas ff:ful fi:fin fj:fij fo:fao fr:fra fy:fry
    ga:gle gd:gla gl:glg gn:grn gu:guj gv:glv ha:hau he:heb hi:hin ho:hmo hr:hrv ht:hat
    hu:hun hy:hye hz:her ia:ina id:ind ie:ile ig:ibo ii:iii ik:ipk io:ido is:isl it:ita
    iu:iku ja:jpn jv:jav ka:kat kg:kon ki:kik kj:kua kk:kaz kl:kal km:khm kn:kan ko:kor
    kr:kau ks:kas ku:kur kv:kom kw:cor ky:kir la:lat lb:ltz lg:lug li:lim ln:lin lo:lao
    lt:lit lu:lub lv:lav mg:mlg mh:mah mi:mri mk:mkd ml:mal mn:mon mr:mar ms:msa mt:mlt
    my:mya na:nau nb:nob nd:nde ne:nep ng:ndo nl:nld nn:nno no:nor nr:nbl nv:nav ny:nya
    oc:oci oj:oji om:orm or:ori os:oss pa:pan pi:pli pl:pol ps:pus pt:por qu:que rm:roh
    rn:run ro:ron ru:rus rw:kin sa:san sc:srd sd:snd se:sme sg:sag sh:hbs si:sin sk:slk
    sl:slv sm:smo sn:sna so:som sq:sqi sr:srp ss:ssw st:sot su:sun sv:swe sw:swa ta:tam
    te:tel tg:tgk th:tha ti:tir tk:tuk tl:tgl tn:tsn to:ton tr:tur ts:tso tt:tat tw:twi
    ty:tah ug:uig uk:ukr ur:urd uz:uzb ve:ven vi:vie vo:vol wa:wln wo:wol xh:xho yi:yid
    yo:yor za:zha zh:zho zu:zul
""".split()
)


def iso639_2(lang: str) -> str:
    """Three-letter ISO 639-2 code for a BCP 47 tag (``en-US`` -> ``eng``); ``und`` if unknown."""
    base = lang.replace("_", "-").split("-")[0].lower()
    if len(base) == 3:
        return base
    return _ISO639.get(base, "und")


def credit(article: Article, feed: FeedSettings) -> Article:
    """``article`` with someone to credit, so that players never show "Unknown artist".

    With no byline, the author (the MP3's artist, ``TPE1``) is the publisher from the
    configuration (``[feed]`` ``author``, else its ``title``), else the site found in the page;
    with no site (``TALB``), the configuration's publisher, else its show title. When there is
    still no one to credit, a warning (once) says which setting to fill in.
    """
    site = article.site or feed.author or feed.title
    author = article.author or feed.author or feed.title or article.site
    if not author and article.source not in _warned:
        _warned.add(article.source)
        logger.warning(
            "%s: no author and no site, so players will show no artist: set author in [feed] "
            "of audiogen.toml (or author in the article's front matter)",
            article.source,
        )
    return dataclasses.replace(article, author=author, site=site)


def ascii_url(url: str) -> str:
    """``url`` as the ASCII URL the same address has (an ID3 URL frame holds Latin-1 only): the
    host in IDNA (``пример.рф`` -> ``xn--e1afmkfd.xn--p1ai``), other non-ASCII characters
    percent-encoded as UTF-8, what is ASCII already left alone."""
    from urllib.parse import quote, urlsplit, urlunsplit

    if url.isascii():
        return url
    parts = urlsplit(url)
    try:
        host = parts.hostname.encode("idna").decode("ascii") if parts.hostname else ""
    except UnicodeError:
        host = quote(parts.hostname or "", safe="")
    netloc = host if parts.port is None else f"{host}:{parts.port}"
    if parts.username:
        netloc = f"{quote(parts.username, safe='%')}@{netloc}"
    keep = "/?#[]@!$&'()*+,;=%:~"
    return urlunsplit(
        (parts.scheme, netloc, quote(parts.path, safe=keep), quote(parts.query, safe=keep),
         quote(parts.fragment, safe=keep))
    )  # fmt: skip


def write_tags(path: str | Path, tags: dict[str, Any]) -> None:
    """Write ID3v2.4 frames into the MP3 at ``path`` (replacing any there).

    ``tags`` keys: title, author, site, date, lang, url, summary, script, encoder, cover,
    ``txxx`` (a dict of description -> value) and ``chapters`` (a sequence of
    :class:`~audiogen.publish.chapters.Chapter`). Missing or empty values are left out.
    """
    from mutagen.id3 import (
        APIC,
        COMM,
        ID3,
        TALB,
        TCON,
        TDRC,
        TIT2,
        TLAN,
        TPE1,
        TSSE,
        TXXX,
        USLT,
        WOAS,
    )

    id3 = ID3()
    utf8 = 3
    if tags.get("title"):
        id3.add(TIT2(encoding=utf8, text=[tags["title"]]))
    if tags.get("author"):
        id3.add(TPE1(encoding=utf8, text=[tags["author"]]))
    if tags.get("site"):
        id3.add(TALB(encoding=utf8, text=[tags["site"]]))
    if tags.get("date"):
        id3.add(TDRC(encoding=utf8, text=[tags["date"][:10]]))  # ID3 has no zone: the day
    lang3 = iso639_2(tags.get("lang") or "und")
    id3.add(TLAN(encoding=utf8, text=[lang3]))
    id3.add(TCON(encoding=utf8, text=["Speech"]))
    if tags.get("url"):
        id3.add(WOAS(url=ascii_url(tags["url"])))
    if tags.get("summary"):
        id3.add(COMM(encoding=utf8, lang=lang3, desc="", text=[tags["summary"]]))
    if tags.get("script"):
        id3.add(USLT(encoding=utf8, lang=lang3, desc="", text=tags["script"]))
    if tags.get("encoder"):
        id3.add(TSSE(encoding=utf8, text=[tags["encoder"]]))
    for desc, value in (tags.get("txxx") or {}).items():
        id3.add(TXXX(encoding=utf8, desc=desc, text=[str(value)]))
    cover = tags.get("cover")
    if cover:
        cover_path = Path(cover)
        mime = mimetypes.guess_type(cover_path.name)[0]
        if mime not in ("image/jpeg", "image/png"):
            raise InputError(f"{cover}: the cover image must be a .jpg or .png file")
        try:
            data = cover_path.read_bytes()
        except OSError:
            raise InputError(
                f"{cover}: cover image not found: fix 'image' in the front matter"
            ) from None
        id3.add(APIC(encoding=utf8, mime=mime, type=3, desc="Cover", data=data))
    if tags.get("chapters"):
        add_chapters(id3, tags["chapters"])
    id3.save(str(path), v2_version=4)


def add_chapters(id3: ID3, chapters: Sequence[Chapter]) -> None:
    """Add one CHAP frame per chapter and a top-level, ordered CTOC listing them.

    Times are milliseconds in the decoded MP3; byte offsets are 0xFFFFFFFF ("use the times"), as
    the ID3 chapter addendum allows, because a CBR file's times are exact and offsets would go
    stale if the tag's size changed.
    """
    from mutagen.id3 import CHAP, CTOC, TIT2, CTOCFlags

    ids = [f"chp{i}" for i in range(len(chapters))]
    for element_id, c in zip(ids, chapters, strict=True):
        id3.add(
            CHAP(
                element_id=element_id,
                start_time=int(c.start_ms),
                end_time=int(c.end_ms),
                start_offset=0xFFFFFFFF,
                end_offset=0xFFFFFFFF,
                sub_frames=[TIT2(encoding=3, text=[c.title])],
            )
        )
    id3.add(
        CTOC(
            element_id=TOC_ID,
            flags=CTOCFlags.TOP_LEVEL | CTOCFlags.ORDERED,
            child_element_ids=ids,
            sub_frames=[TIT2(encoding=3, text=["Chapters"])],
        )
    )
