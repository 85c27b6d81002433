"""Who is in a Korean story: the same :class:`Cast` as ``cast.py`` builds, found the Korean way.

Hangul has no capital letters, so names are not mined from capitals:

* scripts and subtitles name their speakers in the cue (``서윤 : ...``), and the reader's
  character records (``서윤(29)``) add the rest;
* in action lines and prose a name is written with its endings (``서윤을``, ``도현이가``,
  ``서윤 씨``, ``도현아``): an eojeol is a known name when what follows the name is only
  titles, the vocative, the familiar ``이`` and particles (``text/ko/honorifics.toml``);
* prose names people the script never cues: a stem that takes the familiar ``이`` before a
  particle (``점순이가``, ``점순이의``: only names do) or that Kiwi tags as a proper noun
  (``NNP``) several times is a character; a three-syllable proper noun ending in a known
  two-syllable name is that character's full name (``한서윤`` -> ``서윤``);
* a title used as a form of address (``선배,`` ``오빠.``) names the addressee when only one
  other speaker of the scene can be meant;
* gender only where the text shows it: kin terms say who speaks (a woman says ``오빠`` and
  ``언니``, a man ``형`` and ``누나``) and whom they call, and a gendered title after a name
  (``도현 오빠``) says who that is; otherwise it stays unknown (the couple score does not need it).

>>> from dramaturg.story import Story, Part, Scene, Block, BlockKind, Span
>>> lines = [("서윤이 도현을 본다.", None), ("오빠.", "서윤"), ("응.", "도현")]
>>> blocks = [Block(BlockKind.DIALOGUE if sp else BlockKind.ACTION, t, Span("k.txt", i + 1, i + 1),
...           speaker=sp) for i, (t, sp) in enumerate(lines)]
>>> scene = Scene("S#1", Span("k.txt", 1, 3), blocks=blocks)
>>> story = Story("t", [Part("episode", 1, "1", Span("k.txt", 1, 3), [scene])], language="ko")
>>> cast = build_cast_ko(story.reindex())
>>> sorted(cast.present[0]), cast.members["서윤"].gender, cast.members["도현"].gender
(['도현', '서윤'], 'f', 'm')
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from functools import lru_cache

from dramaturg.analyze.cast_model import (
    _QUOTED,
    BlockRef,
    Cast,
    CastMember,
    _blank,
    _lang,
    _narrator,
    index_story,
    narrator_and_talk,
    speaker_counts,
)
from dramaturg.story import BlockKind, Story
from dramaturg.text.count import count_words
from dramaturg.text.korean import base_name
from dramaturg.text.korean_tokens import morphemes_of
from dramaturg.text.lexicon import fold, load_lexicon

_EOJEOL = re.compile(r"[\uac00-\ud7a3]+")
# a stem with the familiar 이 and a particle after it: only a name takes both (점순이가)
_FAMILIAR = re.compile(
    r"(?<![\w])([\uac00-\ud7a3]{2,3}?)이(?:가|는|를|의|도|한테|에게|랑|하고|와|만|야|였|었)(?!\w)"
)
_VOC_BEFORE = re.compile(r"(?:^|[,.!?…~—(]\s*)$")
_VOC_AFTER = re.compile(r"^[^\w\s]*(?:[,.!?…~]|$)")
_SPEECH_TURNS = 3  # a title of address looks for the addressee this many turns either way
_base = lru_cache(maxsize=65536)(base_name)  # without known names: a pure function of the token


@lru_cache(maxsize=1)
def _cast_lex() -> tuple[float, int, float, tuple[str, ...]]:
    """First-person density, the bare-modifier share and count that mark a place, and the
    callings written after a name (``text/ko/cast.toml``)."""
    lex = load_lexicon("cast", "ko")
    places = lex.get("places", {})
    return (
        float(lex.get("first_person", {}).get("density", 0)),
        int(places.get("bare_min", 0)),
        float(places.get("bare_share", 1.0)),
        tuple(lex.get("callings", {}).get("after", ())),
    )


def _places(
    texts: list[str], tokens: list[list[tuple[str, str, int, int]]], names: Counter[str]
) -> set[str]:
    """Mined names that mostly stand bare before a noun: countries and towns, not people
    (``낙랑 추장``, ``고구려 군사``). Kiwi's tags tell the noun after it from a verb (a script's
    ``서윤 들어온다`` is a person) and a title after it (``서윤 씨``) is a person's."""
    _d, least, share, _c = _cast_lex()
    if not least:
        return set()
    titles = _titles()[0]
    bare: Counter[str] = Counter()
    seen: Counter[str] = Counter()
    for text, toks in zip(texts, tokens, strict=True):
        for i, (form, tag, a, e) in enumerate(toks):
            if tag != "NNP" or not (m := _EOJEOL.match(text, a)):
                continue
            name = _base(m.group())
            if name not in names:
                continue
            seen[name] += 1
            nxt = toks[i + 1] if i + 1 < len(toks) else None
            if (
                m.group() == form == name
                and nxt is not None
                and nxt[1] == "NNG"
                and nxt[2] == e + 1
                and text[e] == " "
            ):
                word = _EOJEOL.match(text, nxt[2])
                if word and word.group() not in titles and _base(word.group()) not in titles:
                    bare[name] += 1
    return {n for n, k in bare.items() if k >= least and k >= share * seen[n]}


def _merge_callings(
    alias_of: dict[str, str], members: dict[str, CastMember], spoken: set[str]
) -> None:
    """``호동왕자`` is ``호동`` when both are found; the calling alone (``왕자``) is an alias of
    the one character who bears it. Updates ``alias_of`` and ``members`` in place."""
    callings = _cast_lex()[3]
    bearers: dict[str, set[str]] = defaultdict(set)
    for name in list(members):
        for c in callings:
            stem = name[: -len(c)]
            if name.endswith(c) and len(stem) >= 2:
                bearers[c].add(alias_of.get(stem, name) if stem in members else name)
                if stem in members and name not in spoken:
                    del members[name]
                    for a, n in alias_of.items():
                        if n == name:
                            alias_of[a] = alias_of[stem]
                break
    for c, who in bearers.items():
        if len(who) == 1 and c not in members and c not in alias_of:
            alias_of[c] = next(iter(who))


@lru_cache(maxsize=1)
def _titles() -> tuple[dict[str, str], dict[str, str]]:
    """Titles with the gender of whom they name, and kin terms with the gender of the user."""
    lex = load_lexicon("honorifics", "ko")
    return dict(lex.get("titles", {})), dict(lex.get("speaker_gender", {}))


def _mine_prose_names(refs: list[BlockRef], known: set[str], stop: frozenset[str]) -> Counter[str]:
    """Name stems from narration and action: the familiar 이 + particle, and Kiwi proper nouns."""
    texts = [r.block.text for r in refs if r.block.kind is not BlockKind.DIALOGUE]
    familiar: Counter[str] = Counter()
    for text in texts:
        familiar.update(m.group(1) for m in _FAMILIAR.finditer(text))
    proper: Counter[str] = Counter()
    tokens = morphemes_of(texts)
    for text, toks in zip(texts, tokens, strict=True):
        for form, tag, a, _b in toks:
            if tag != "NNP" or len(form) < 2:
                continue
            m = _EOJEOL.match(text, a)
            proper[base_name(m.group() if m else form, known=known or None)] += 1
    least = 3
    out: Counter[str] = Counter()
    for name, n in (familiar + proper).items():
        if len(name) < 2 or name in stop or not _EOJEOL.fullmatch(name):
            continue
        if familiar.get(name, 0) >= least or proper.get(name, 0) >= least:
            out[name] = n
    for name in _places(texts, tokens, out):
        del out[name]
    return out


def build_cast_ko(story: Story, refs: list[BlockRef] | None = None) -> Cast:
    """Find the characters of a Korean story, their aliases, genders, and presence per block."""
    lang = _lang("ko")
    titles, kin_speaker = _titles()
    refs = refs if refs is not None else index_story(story)

    # speakers (script cues, the reader's records) are the characters
    spoken = speaker_counts(story, refs)
    members: dict[str, CastMember] = {}
    alias_of: dict[str, str] = {}
    for sp in spoken:
        members[sp] = CastMember(sp)
        alias_of[sp] = sp
        for a in story.characters[sp].aliases if sp in story.characters else ():
            alias_of[a] = sp
    # names in the running text that no cue gives
    for name in _mine_prose_names(refs, set(alias_of), lang.stop):
        if name in alias_of:
            continue
        full = next((k for k in alias_of if len(name) == len(k) + 1 and name.endswith(k)), None)
        if full is not None:  # surname + given name: 한서윤 is 서윤
            alias_of[name] = alias_of[full]
            continue
        members[name] = CastMember(name)
        alias_of[name] = name
    _merge_callings(alias_of, members, set(spoken))
    # "어린 서윤" beside "서윤": the same person at another age (cast.toml [ages])
    ages = set(load_lexicon("cast", "ko").get("ages", {}).get("words", []))
    for name in list(members):
        first, _, rest = name.partition(" ")
        if first in ages and rest in members and rest != name:
            del members[name]
            for a, n in list(alias_of.items()):
                if n == name:
                    alias_of[a] = rest
    for a, n in alias_of.items():
        members[n].aliases.add(a)
    spaced = sorted((a for a in alias_of if " " in a), key=len, reverse=True)
    heads = {a[0] for a in alias_of}
    known = list(alias_of)
    memo: dict[str, str | None] = {}

    def name_of(tok: str) -> str | None:
        who = memo.get(tok, "")
        if who == "":
            if tok in alias_of:
                who = alias_of[tok]
            else:
                base = base_name(tok, known=known)
                who = alias_of.get(base) if base != tok else None
            memo[tok] = who
        return who

    lookup = {a: n for a, n in alias_of.items()}
    votes: dict[str, Counter[str]] = defaultdict(Counter)
    present: list[frozenset[str]] = []
    named: list[dict[str, list[tuple[int, int]]]] = []
    speakers: list[str | None] = []
    focus: list[frozenset[str]] = []
    first_person: list[int] = []
    turns: list[tuple[int, int, str]] = []  # (scene index, g, speaker)
    addressed: Counter[tuple[str, str]] = Counter()
    vocatives: list[tuple[int, str, str]] = []  # (g, speaker, title) to resolve by scene
    fp = lang.first_person
    fp_words = narration_words = 0
    for r in refs:
        b = r.block
        text = b.text
        spans: dict[str, list[tuple[int, int]]] = defaultdict(list)
        skip_to = 0
        for m in _EOJEOL.finditer(text):
            if m.start() < skip_to:
                continue
            tok = m.group()
            multi = next((a for a in spaced if text.startswith(a, m.start())), None)
            if multi is not None:
                end = m.start() + len(multi)
                if end == len(text) or not text[end].isalnum():
                    spans[alias_of[multi]].append((m.start(), end))
                    skip_to = end
                    continue
            if tok[0] not in heads:
                continue
            who = name_of(tok)
            if who is None:
                continue
            size = next(
                (
                    len(a)
                    for a in sorted(members[who].aliases, key=len, reverse=True)
                    if tok.startswith(a)
                ),
                len(tok),
            )
            spans[who].append((m.start(), m.start() + size))
            # a gendered title right after the name says who that is (도현 오빠)
            after = _EOJEOL.match(text, m.end() + 1) if text[m.end() : m.end() + 1] == " " else None
            rest = tok[size:]
            for t in (rest, after.group() if after else ""):
                g = titles.get(_base(t)) if t else None
                if g:
                    votes[who][g] += 1
        here = set(spans)
        utterances = list(b.speech())
        quoted = [(u.offset, u.offset + len(u.text)) for u in utterances]
        if b.kind is not BlockKind.DIALOGUE and not quoted:
            quoted = [(q.start(), q.end()) for q in _QUOTED.finditer(text)]
        speaker = None
        for u in utterances:
            sp = lookup.get(u.speaker) if u.speaker else None
            if sp:
                speaker = speaker or sp
                members[sp].lines += 1
                members[sp].dialogue_words += count_words(u.text)
                here.add(sp)
        if speaker is None and quoted and b.kind is not BlockKind.DIALOGUE:
            speaker = _attribute_ko(text, quoted, spans, lang.speech_verbs)
            if speaker:
                members[speaker].lines += 1
                members[speaker].dialogue_words += sum(count_words(text[a:e]) for a, e in quoted)
        if speaker:
            turns.append((r.scene.index, r.g, speaker))
            for a, e in quoted:
                for m in _EOJEOL.finditer(text, a, e):
                    tok = m.group()
                    base = _base(tok)
                    title = base if base in titles else (tok if tok in titles else None)
                    if title is not None:
                        g = kin_speaker.get(title)
                        if g:
                            votes[speaker][g] += 1
                        if _VOC_BEFORE.search(text[max(a, m.start() - 3) : m.start()]) and (
                            _VOC_AFTER.match(text[m.end() : m.end() + 2])
                        ):
                            vocatives.append((r.g, speaker, title))
                        continue
                    # a name called out: 도현아, 서윤 씨, / 지수야
                    who = name_of(tok) if tok[0] in heads else None
                    if (
                        who
                        and who != speaker
                        and (_base(tok) != tok or _VOC_AFTER.match(text[m.end() : m.end() + 2]))
                    ):
                        rest = tok[len(base_name(tok, known=known)) :]
                        nxt = text[m.end() : m.end() + 4]
                        if rest in ("아", "야") or re.match(r"\s*(?:씨|님|선배)?\s*[,.!?…~]", nxt):
                            addressed[(speaker, who)] += 1
        narration = _blank(text, quoted) if quoted else text
        if fp is not None and fp.search(fold(narration)):
            first_person.append(r.g)
        if fp is not None and b.kind is BlockKind.PARAGRAPH:
            fp_words += sum(1 for _ in fp.finditer(fold(narration)))
            narration_words += count_words(narration)
        present.append(frozenset(here))
        named.append(dict(spans))
        speakers.append(speaker)
        focus.append(frozenset())
        for who, ss in spans.items():
            members[who].mentions += len(ss)

    # a title of address names the one other speaker of the scene it can mean
    by_scene: dict[int, list[tuple[int, str]]] = defaultdict(list)
    for s, g, sp in turns:
        by_scene[s].append((g, sp))
    for g, speaker, title in vocatives:
        scene_turns = by_scene[refs[g].scene.index]
        want = titles.get(title) or None
        others = {sp for _g, sp in scene_turns if sp != speaker}
        if len(others) > 1:
            i = next(k for k, (gg, _sp) in enumerate(scene_turns) if gg == g)
            near = scene_turns[max(0, i - _SPEECH_TURNS) : i + _SPEECH_TURNS + 1]
            others = {sp for _g, sp in near if sp != speaker}
        if len(others) != 1:
            continue
        who = next(iter(others))
        if want:
            votes[who][want] += 1
        addressed[(speaker, who)] += 1
        text = refs[g].block.text
        at = text.find(title)
        named[g].setdefault(who, []).append((at, at + len(title)))
        present[g] = present[g] | {who}

    for name, v in votes.items():
        (g, n), *rest = v.most_common() + [("", 0)]
        if n >= 1 and n > 2 * (rest[0][1] if rest else 0):
            members[name].gender = g
    for g, here in enumerate(present):
        r = refs[g]
        for who in here:
            members[who].blocks.append(g)
            members[who].scenes.add(r.scene.index)

    # a first-person narrator (나) is on the page wherever the narration says 나 / 내가
    # told by an "I": first-person words dense in the narration, however it is paragraphed
    density = _cast_lex()[0]
    told = density and narration_words and 1000 * fp_words >= density * narration_words
    known = _narrator(addressed, members, lang) if told else None
    narrator, talk = narrator_and_talk(
        refs, first_person, addressed, members, present, turns, lang, known=known
    )
    members = {n: m for n, m in members.items() if m.blocks or m.lines}
    for n in members:
        lookup.setdefault(n, n)
    return Cast(
        members,
        refs,
        present,
        named,
        speakers,
        talk,
        addressed,
        focus,
        narrator,
        {k.casefold(): v for k, v in lookup.items() if v in members},
        language="ko",
    )


def _attribute_ko(
    text: str,
    quoted: list[tuple[int, int]],
    spans: dict[str, list[tuple[int, int]]],
    verbs: re.Pattern[str],
) -> str | None:
    """Who speaks the quoted words of a Korean paragraph: the name before a speech verb
    (``"…" 하고 점순이가 말했다``), else the one name outside the quotes."""
    outside = {
        who: [s for s in ss if not any(a <= s[0] < e for a, e in quoted)]
        for who, ss in spans.items()
    }
    outside = {w: ss for w, ss in outside.items() if ss}
    for m in verbs.finditer(text):
        if any(a <= m.start() < e for a, e in quoted):
            continue
        best: tuple[int, str] | None = None
        for who, ss in outside.items():
            for _s, e in ss:
                d = m.start() - e
                if 0 <= d <= 20 and (best is None or d < best[0]):
                    best = (d, who)
        if best:
            return best[1]
    if len(outside) == 1:
        return next(iter(outside))
    return None
