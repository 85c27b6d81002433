"""Who is in the story: characters with their aliases, where they appear, who talks to whom.

Names come from two places. Scripts name their speakers in the cue (``MINA``); prose and
action lines name people in running text (``Mr. Darcy``, ``Darcy``, ``Fitzwilliam Darcy``).
Name forms are mined from capitalised words that the draft rarely writes in lower case, then
grouped into characters: a bare first or last name, or a title plus a surname, joins the full
name it can only belong to (a title's gender must agree). A form that could belong to several
people stays a character of its own rather than being guessed. No name lists are used; the
language data (titles, pronouns, speech verbs, non-name capitals) sits in ``text/<lang>/cast.toml``.

>>> from dramaturg.story import Story, Part, Scene, Block, BlockKind, Span
>>> text = "Mr. Darcy bowed. Elizabeth Bennet smiled at Darcy, and Elizabeth laughed."
>>> blocks = [Block(BlockKind.PARAGRAPH, text, Span("n.txt", 1, 1))] * 3
>>> scene = Scene(None, Span("n.txt", 1, 3), blocks=blocks)
>>> story = Story("t", [Part("chapter", 1, "I", Span("n.txt", 1, 3), [scene])], form="prose")
>>> cast = build_cast(story.reindex())
>>> sorted(cast.resolve(n) for n in ["Darcy", "Elizabeth"])
['Elizabeth Bennet', 'Mr. Darcy']
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from functools import lru_cache

from dramaturg.analyze.cast_ko import build_cast_ko
from dramaturg.analyze.cast_model import (
    _QUOTED,
    BlockRef,
    Cast,
    CastMember,
    CoupleScore,
    _blank,
    _key,
    _Lang,
    _lang,
    co_present,
    couple_scores,
    described_before_named,
    index_story,
    narrator_and_talk,
    nickname_frames,
    role_callings,
    speaker_counts,
)
from dramaturg.analyze.coref import resolve
from dramaturg.read.prose_cast import salutation, writer_tries
from dramaturg.story import BlockKind, Story
from dramaturg.text.count import count_words
from dramaturg.text.languages import get_language
from dramaturg.text.lexicon import fold, load_lexicon

__all__ = [
    "BlockRef",
    "Cast",
    "CastMember",
    "CoupleScore",
    "build_cast",
    "co_present",
    "couple_scores",
    "index_story",
]


_Form = tuple[str, tuple[str, ...]]  # (honorific or "", name tokens)
_WORD = re.compile(r"[^\W\d_]+(?:['’\-][^\W\d_]+)*")
_OPENERS = set('.!?“"‘—:;(')
_POSSESSIVE = re.compile(r"['’]s$")


_CAP_WORD = re.compile(r"(?<![^\W\d_])[^\W\d_a-z][^\W\d_]*(?:['’\-][^\W\d_]+)*")
_LOWER_WORD = re.compile(r"(?<![^\W\d_])[a-z][a-z]*")


def _mine_name_words(texts: Iterable[str], lang: _Lang) -> set[str]:
    """Capitalised words used mid-sentence and seldom in lower case: likely name parts."""
    cap_mid: Counter[str] = Counter()
    cap_init: Counter[str] = Counter()
    lower: Counter[str] = Counter()
    for text in texts:
        lower.update(_LOWER_WORD.findall(text))
        for m in _CAP_WORD.finditer(text):
            w = _POSSESSIVE.sub("", m.group())
            if not w[0].isupper() or (len(w) > 1 and w.isupper()):
                continue
            i = m.start() - 1
            while i >= 0 and text[i] in " \t\n\r’'”":
                i -= 1
            if i >= 0 and text[i] not in _OPENERS:
                cap_mid[w] += 1
            else:
                cap_init[w] += 1
    total = sum(lower.values()) + sum(cap_mid.values()) + sum(cap_init.values())
    least = 1 if total < 5000 else 2  # short drafts name people only a few times
    out = set()
    for w in set(cap_mid) | set(cap_init):
        n = cap_mid.get(w, 0)
        if w.casefold() in lang.stop:
            continue
        low = lower.get(w.lower(), 0)
        if n >= least and low <= 0.25 * n:
            out.add(w)
        elif n == 0 and cap_init.get(w, 0) >= 2 * least and low == 0:
            out.add(w)  # a name that only ever opens sentences ("Jane was kind.")
    return out


def _mine_forms(
    refs: list[BlockRef], lang: _Lang, name_words: set[str]
) -> tuple[Counter[_Form], dict[_Form, Counter[str]]]:
    """Count name forms (title + name tokens) and gather gender votes from nearby pronouns."""
    hon = "|".join(
        re.escape(h) for h in sorted(lang.honorifics, key=len, reverse=True) if h.strip()
    )
    nw = lang.name_word
    pattern = re.compile(rf"(?:\b(?P<hon>{hon})\.?\s+)?(?P<name>\b{nw}(?:[ \t]*+\n?[ \t]*+{nw})*)")
    forms: Counter[_Form] = Counter()
    votes: dict[_Form, Counter[str]] = defaultdict(Counter)
    places: Counter[str] = Counter()
    for ref in refs:
        if ref.block.kind is BlockKind.DIALOGUE:
            continue
        text = ref.block.text
        for m in pattern.finditer(text):
            tokens = m.group("name").split()
            h = m.group("hon") or ""
            if not h and tokens and tokens[0] in lang.honorifics:
                h, tokens = tokens[0], tokens[1:]
            # keep the run of name words (drop sentence openers like "Then")
            tokens = [_POSSESSIVE.sub("", t) for t in tokens]
            run: list[str] = []
            for t in tokens:
                if t in name_words and t not in lang.honorifics:
                    run.append(t)
                elif run:
                    break
            if not run or len(run) > 3:
                continue
            if not h and len(run) == 1:
                before = text[max(0, m.start() - 12) : m.start()].split()
                if before and before[-1].casefold() in lang.place_words:
                    places[run[0]] += 1
            form = (_norm_hon(h), tuple(run))
            forms[form] += 1
            g = _pronoun_after(text, m.end(), lang)
            if g:
                votes[form][g] += 1
    # names mostly met after "at", "in", "from" are places, not people
    for (h, run), n in list(forms.items()):
        if not h and len(run) == 1 and places[run[0]] > 0.3 * n and not votes.get((h, run)):
            del forms[(h, run)]
        elif not h and len(run) == 1 and places[run[0]] > 0.4 * n:
            del forms[(h, run)]
    return forms, votes


def _norm_hon(h: str) -> str:
    return h.rstrip(".")


_CLAUSE_END = re.compile(r"[.;!?“”\"]")


def _pronoun_after(text: str, pos: int, lang: _Lang) -> str | None:
    """The gender of the first pronoun after a name, within its clause (the name's referent)."""
    window = text[pos : pos + 70]
    stop = _CLAUSE_END.search(window)
    if stop:
        window = window[: stop.start()]
    best: tuple[int, str] | None = None
    for g, pat in lang.pronouns.items():
        m = pat.search(window)
        if m and (best is None or m.start() < best[0]):
            best = (m.start(), g)
    return best[1] if best else None


def _surface(form: _Form) -> str:
    h, toks = form
    return (
        f"{h}. "
        if h and len(h) <= 3 and h.lower() in {"mr", "mrs", "ms", "dr"}
        else (f"{h} " if h else "")
    ) + " ".join(toks)


def _cluster(
    forms: Counter[_Form], votes: dict[_Form, Counter[str]], lang: _Lang, least: int = 2
) -> dict[_Form, _Form]:
    """Map every form to the head form of its character."""

    def hon_gender(f: _Form) -> str | None:
        return lang.honorifics.get(f[0]) or None

    head: dict[_Form, _Form] = {}
    fulls = [f for f in forms if len(f[1]) >= 2 and forms[f] >= least]
    for f in forms:
        if len(f[1]) >= 2 and forms[f] < least:
            head[f] = f
    # gender of a form: its title, then pronoun votes
    gender: dict[_Form, str | None] = {}
    for f in forms:
        v = Counter(votes.get(f, Counter()))
        g = hon_gender(f)
        if g:
            v[g] += 3 * forms[f]
        gender[f] = v.most_common(1)[0][0] if v else None

    weight: Counter[_Form] = Counter()

    def ok(c: _Form, g: str | None, f: _Form | None = None) -> bool:
        # a titled form joins a full name of its gender; one of unknown gender only when the
        # full name is not rare beside it
        if g is None or gender.get(c) == g:
            return True
        if f is not None and weight[head.get(c, c)] < 0.2 * forms[f]:
            return False
        return gender.get(c) is None

    titles: dict[_Form, set[str]] = defaultdict(set)
    # full names with a title ("Sir Walter Elliot") join the untitled full name of that gender
    for f in fulls:
        head[f] = f
    for f in fulls:
        if f[0] and ("", f[1]) in forms and ok(("", f[1]), hon_gender(f)):
            head[f] = ("", f[1])
    for f in fulls:
        if f[0]:
            titles[head[f]].add(f[0])

    def dominant(cands: list[_Form]) -> _Form | None:
        roots: Counter[_Form] = Counter()
        for c in cands:
            roots[head.get(c, c)] += forms[c]
        if not roots:
            return None
        top, n = roots.most_common(1)[0]
        return top if n >= 0.75 * sum(roots.values()) else None

    by_count = sorted(forms, key=lambda f: -forms[f])
    for f in fulls:
        weight[head[f]] += forms[f]
    # a bare first name joins the one full name it begins ("Emma" -> "Emma Woodhouse")
    for f in by_count:
        if f in head or f[0] or len(f[1]) != 1:
            continue
        target = dominant([c for c in fulls if c[1][0] == f[1][0]])
        if target is not None:
            head[f] = head.get(target, target)
            weight[head[f]] += forms[f]
    # a title + one name: "Mr. Darcy" (surname) or "Sir Walter" (first name). When the draft
    # writes the title with a full name ("Mr. John Knightley"), the short titled form is
    # someone else (that is why the full name was needed).
    for f in by_count:
        if f in head or not f[0]:
            continue
        h, (t, *_) = f
        g = hon_gender(f)
        # (a formal introduction or two, "Captain Frederick Wentworth", does not count)
        if any(c[0] == h and c[1][-1] == t and forms[c] >= 5 for c in fulls):
            head[f] = f
            continue
        # a person keeps one title: "Mr. Elliot" is not "Sir Walter Elliot"
        cands = [c for c in fulls if ok(c, g, f) and titles[head[c]] <= {h}]
        last = [c for c in cands if c[1][-1] == t]
        first = [c for c in cands if c[1][0] == t]
        target = dominant(last) or dominant(first)
        head[f] = head.get(target, target) if target else f
        weight[head[f]] += forms[f]
        if target:
            titles[head[f]].add(h)
    # a bare name: a full name's first name, else the surname of one full or titled form
    for f in by_count:
        if f in head:
            continue
        t = f[1][0]
        first = [c for c in fulls if c[1][0] == t]
        titled = [c for c in forms if c[0] and c[1] == f[1] and head.get(c) == c]
        last = [c for c in fulls if c[1][-1] == t] + titled
        target = dominant(first) if first else dominant(last)
        head[f] = head.get(target, target) if target else f
    # flatten chains
    for f in list(head):
        seen = 0
        while head[head[f]] != head[f] and seen < 5:
            head[f] = head[head[f]]
            seen += 1
    return head


def build_cast(story: Story, refs: list[BlockRef] | None = None) -> Cast:
    """Find the characters, their aliases and genders, and who is present in each block."""
    strategy = get_language(story.language).cast_strategy
    if strategy == "morphemes":  # no capitals to mine names from: see analyze/cast_ko.py
        return build_cast_ko(story, refs)
    lang = _lang(story.language)
    refs = refs if refs is not None else index_story(story)
    if story.form == "prose" and story.characters:
        # the prose reader built the cast (read/prose_cast.py): index it, do not re-mine it
        members, surface_to_name = _reader_members(story)
        _merge_nicknames(refs, members, surface_to_name, story.language or "en")
        return _index_cast(story, refs, lang, members, surface_to_name)
    texts = [r.block.text for r in refs if r.block.kind is not BlockKind.DIALOGUE]
    name_words = _mine_name_words(texts, lang)
    forms, votes = _mine_forms(refs, lang, name_words)
    head = _cluster(forms, votes, lang, 1 if len(refs) < 200 else 2)

    # characters from name forms
    groups: dict[_Form, list[_Form]] = defaultdict(list)
    for f, h in head.items():
        groups[h].append(f)
    members: dict[str, CastMember] = {}
    surface_to_name: dict[str, str] = {}
    gender_votes: dict[str, Counter[str]] = {}
    least = 2 if len(refs) < 200 else 3
    for fs in groups.values():
        total = sum(forms[f] for f in fs)
        if total < least:
            continue
        name = _canonical(fs, forms)
        m = members.setdefault(name, CastMember(name))
        v: Counter[str] = gender_votes.setdefault(name, Counter())
        for f in fs:
            s = _surface(f)
            m.aliases.add(s)
            surface_to_name[s] = name
            if f[0]:
                g = lang.honorifics.get(f[0])
                if g:
                    v[g] += 3 * forms[f]
            v.update(votes.get(f, Counter()))
    # speakers (script cues, attributed prose speech) and the reader's own character records
    spoken = speaker_counts(story, refs)
    for sp in spoken:
        known = _match_known(sp, surface_to_name, members)
        aliases = {sp, *(story.characters[sp].aliases if sp in story.characters else ())}
        if known is None:
            members[sp] = CastMember(sp)
            known = sp
        elif known != sp and story.form != "prose":
            # keep the reader's cue name as canonical so it matches Block.speaker
            old = members.pop(known)
            old.name = sp
            members[sp] = old
            for s, n in list(surface_to_name.items()):
                if n == known:
                    surface_to_name[s] = sp
            gender_votes[sp] = gender_votes.pop(known, Counter())
            known = sp
        for a in aliases:
            members[known].aliases.add(a)
            surface_to_name[a] = known
            if a.isupper() and len(a) > 1:
                t = a.title()
                members[known].aliases.add(t)
                surface_to_name[t] = known

    if story.form != "prose":
        _merge_ages(members, surface_to_name, gender_votes, story.language or "en")
    for name, m in members.items():
        v = gender_votes.get(name)
        if v:
            (g, n), *rest = v.most_common() + [("", 0)]
            if n >= 2 and n >= 1.5 * (rest[0][1] if rest else 0):
                m.gender = g
    return _index_cast(story, refs, lang, members, surface_to_name)


def _merge_ages(
    members: dict[str, CastMember],
    surface_to_name: dict[str, str],
    gender_votes: dict[str, Counter[str]],
    language: str,
) -> None:
    """A cue that is another cue with an age word in front ("YOUNG EDWARD" beside "EDWARD")
    is that character at another age: one person of the story, under the plain name."""
    ages = {w.casefold() for w in load_lexicon("cast", language).get("ages", {}).get("words", [])}
    if not ages:
        return
    for name in list(members):
        first, _, rest = name.partition(" ")
        if first.casefold() not in ages or rest not in members or rest == name:
            continue
        young = members.pop(name)
        into = members[rest]
        into.aliases |= young.aliases | {name}
        for s, n in list(surface_to_name.items()):
            if n == name:
                surface_to_name[s] = rest
        surface_to_name[name] = rest
        gender_votes.setdefault(rest, Counter()).update(gender_votes.pop(name, Counter()))
        if not into.gender:
            into.gender = young.gender


def _reader_members(story: Story) -> tuple[dict[str, CastMember], dict[str, str]]:
    """The characters the reader found, with every name they go by."""
    members: dict[str, CastMember] = {}
    surface_to_name: dict[str, str] = {}
    for ch in story.characters.values():
        m = CastMember(ch.name, set(ch.names()), ch.gender)
        members[ch.name] = m
        for a in ch.names():
            surface_to_name[a] = ch.name
            words = a.split()
            # "Mr Knightley" and "Mr. Knightley" are one form
            if len(words) > 1 and not words[0].endswith("."):
                surface_to_name.setdefault(f"{words[0]}. {' '.join(words[1:])}", ch.name)
    return members, surface_to_name


def _lookup(members: dict[str, CastMember], surface_to_name: dict[str, str]) -> dict[str, str]:
    """Every name form, folded (``_key``), to the character it names."""
    lookup = {_key(s): n for s, n in surface_to_name.items()}
    for n in members:
        lookup[_key(n)] = n
    return lookup


def _merge_nicknames(
    refs: list[BlockRef],
    members: dict[str, CastMember],
    surface_to_name: dict[str, str],
    language: str,
) -> None:
    """A name the text gives someone already on the page ("my pet name for him is Sandy") is
    that person: the last one of that gender named (or called by their title's noun, "our
    doctor") before the frame, in its paragraph or the three before it; a frame with no
    him / her ("a pet name. 'Good morning, Enemy!'") takes the last one named."""
    frames = nickname_frames(language)
    if not frames:
        return
    lookup = _lookup(members, surface_to_name)
    found: list[tuple[int, int, str, str | None]] = []
    for r in refs:
        text = r.block.text
        if "call" not in text and "name" not in text:
            continue
        for pat in frames:
            for m in pat.finditer(text):
                nick = lookup.get(_key(m.group("n")))
                said = m.groupdict().get("p")
                gender = None if said is None else "m" if said == "him" else "f"
                if nick and members[nick].gender in (None, gender):
                    found.append((r.g, m.start(), nick, gender))
    if not found:
        return
    callings = role_callings(refs, lookup, language)
    surfaces = sorted(surface_to_name, key=len, reverse=True)
    alias_re = re.compile(
        r"(?<![\w’])(?<!\w')(?:" + "|".join(re.escape(s) for s in surfaces) + r")(?!\w)"
    )
    for g, start, nick, gender in found:
        if nick not in members:
            continue
        who = None
        for i in range(g, max(-1, g - 4), -1):
            text = refs[i].block.text[:start] if i == g else refs[i].block.text
            cands = [(m.start(), lookup.get(_key(m.group()))) for m in alias_re.finditer(text)]
            cands += [(s, w) for s, _, w in callings.get(i, ()) if i != g or s < start]
            ok = [
                (p, w)
                for p, w in cands
                if w and w != nick and (gender is None or members[w].gender == gender)
            ]
            if ok:
                who = max(ok)[1]
                break
        if who is None:
            continue
        old = members.pop(nick)
        members[who].aliases |= old.aliases | {nick}
        for s, n in list(surface_to_name.items()):
            if n == nick:
                surface_to_name[s] = who
        surface_to_name[nick] = who


def _index_cast(
    story: Story,
    refs: list[BlockRef],
    lang: _Lang,
    members: dict[str, CastMember],
    surface_to_name: dict[str, str],
) -> Cast:
    """Where each character is on the page: named, speaking, or met as a pronoun."""
    lookup = _lookup(members, surface_to_name)

    # speaker names as the reader gave them may be aliases of a mined character
    def canon_speaker(sp: str | None) -> str | None:
        if not sp:
            return None
        return lookup.get(_key(sp), sp if sp in members else None)

    # presence: one alternation of every surface form, longest first
    surfaces = sorted(surface_to_name, key=len, reverse=True)
    alias_re = (
        re.compile(
            r"(?<![\w’])(?<!\w')(?:"
            + "|".join(
                r"\.?\s+".join(re.escape(p) for p in re.split(r"\.?\s+", s)) for s in surfaces
            )
            + r")(?!\w)(?!['’](?!s\b)\w)"
        )
        if surfaces
        else None
    )
    hon = "|".join(re.escape(h) for h in sorted(lang.honorifics, key=len, reverse=True))
    hon_before = re.compile(rf"\b(?:{hon})\.?\s+$")
    present: list[frozenset[str]] = []
    focus: list[frozenset[str]] = []
    named: list[dict[str, list[tuple[int, int]]]] = []
    salience: dict[str, float] = {}  # character -> recent prominence in this part
    first_person: list[int] = []  # blocks whose narration says I / me / my
    part_of_last = -1
    speakers: list[str | None] = []
    turns: list[tuple[int, int, str]] = []  # (scene index, g, speaker)
    addressed: Counter[tuple[str, str]] = Counter()
    addressee = next((c.name for c in story.characters.values() if c.role == "addressee"), None)
    quote_spans: list[list[tuple[int, int, str | None]]] = []
    addressees: list[str | None] = []
    described = described_before_named(refs, lookup, story.language or "en")
    callings = role_callings(refs, lookup, story.language or "en")
    for r in refs:
        b = r.block
        spans: dict[str, list[tuple[int, int]]] = defaultdict(list)
        if alias_re is not None:
            for m in alias_re.finditer(b.text):
                who = lookup.get(_key(m.group()))
                # "Mr Wentworth" is not "Wentworth" when the titled form is someone else's
                if who and not hon_before.search(b.text, max(0, m.start() - 16), m.start()):
                    spans[who].append((m.start(), m.end()))
        for s, e, who, gender in described.get(r.g, ()):
            # "the girl" is her while no other woman is named beside her
            if not any(o != who and members[o].gender == gender for o in spans if o in members):
                spans[who].append((s, e))
        for s, e, who in callings.get(r.g, ()):
            # "the doctor" is Dr. MacRae, the one doctor of the story
            if who in members:
                spans[who].append((s, e))
        here = set(spans)
        speaker = None
        utterances = list(b.speech())
        quoted = [(u.offset, u.offset + len(u.text)) for u in utterances]
        if b.kind is not BlockKind.DIALOGUE and not quoted:
            quoted = [(q.start(), q.end()) for q in _QUOTED.finditer(b.text)]
        block_quotes: list[tuple[int, int, str | None]] = []
        for u in utterances:
            sp = canon_speaker(u.speaker)
            block_quotes.append((u.offset, u.offset + len(u.text), sp))
            if sp:
                speaker = speaker or sp
                members[sp].lines += 1
                members[sp].dialogue_words += count_words(u.text)
                here.add(sp)
        if speaker is None and quoted and b.kind is not BlockKind.DIALOGUE:
            speaker = _attribute(b.text, quoted, spans, lang)
            if speaker:
                members[speaker].lines += 1
                members[speaker].dialogue_words += sum(count_words(b.text[a:e]) for a, e in quoted)
        if speaker:
            turns.append((r.scene.index, r.g, speaker))
            # a name set off by commas inside the speech is the person addressed
            for who, ss in spans.items():
                if who != speaker and any(
                    a <= s < e and _vocative(b.text, s, ee) for s, ee in ss for a, e in quoted
                ):
                    addressed[(speaker, who)] += 1
        # pronoun focus: "he"/"she" in narration refers to the last character of that gender
        # named in this part (within a few blocks), unless one is named in this block
        if r.part.index != part_of_last:
            salience.clear()
            part_of_last = r.part.index
        referred: set[str] = set()
        narration = _blank(b.text, quoted) if quoted else b.text
        # letters: the salutation names whom the letter's "you" is
        if b.kind is BlockKind.PARAGRAPH and (greeted := salutation(b.text)):
            # a new letter: a new "you" (a greeting the cast does not know, an epithet such
            # as "Dear Man," inside a letter, leaves the "you" as it was)
            addressee = _greeted_member(greeted, lookup) or lookup.get(_key(greeted)) or addressee
        quote_spans.append(block_quotes)
        addressees.append(addressee)
        if lang.first_person is not None and lang.first_person.search(fold(narration)):
            first_person.append(r.g)
        for gnd, pat in lang.pronouns.items():
            if not pat.search(narration):
                continue
            here_g = [w for w in spans if members[w].gender == gnd]
            if here_g:
                referred.update(here_g)
            else:
                cands = {w: sc for w, sc in salience.items() if members[w].gender == gnd}
                if cands:
                    referred.add(max(cands, key=lambda w: cands[w]))
        # salience: recent, repeated mentions (and speaking) keep a character in focus
        for w in list(salience):
            salience[w] *= 0.5
            if salience[w] < 0.2:
                del salience[w]
        for who, ss in spans.items():
            salience[who] = salience.get(who, 0.0) + len(ss)
        if speaker:
            salience[speaker] = salience.get(speaker, 0.0) + 1
        focus.append(frozenset(referred - here))
        for who, ss in spans.items():
            members[who].mentions += len(ss)
        for who in here:
            members[who].blocks.append(r.g)
            members[who].scenes.add(r.scene.index)
        present.append(frozenset(here))
        named.append(dict(spans))
        speakers.append(speaker)

    # a first-person narrator ("I") is on the page wherever the narration says I / me / my
    declared = next((c.name for c in story.characters.values() if c.role == "narrator"), None)
    sections = _section_writers(refs, lookup)
    narrator, talk = narrator_and_talk(
        refs,
        first_person,
        addressed,
        members,
        present,
        turns,
        lang,
        known=declared,
        sections=sections,
    )

    mentions, quotes = resolve(
        [r.block for r in refs],
        [r.scene.index for r in refs],
        named,
        quote_spans,
        {n: m.gender for n, m in members.items()},
        narrator=narrator,
        addressees=addressees,
        language=story.language or "en",
        narrators=sections,
    )
    # drop mined names that never appear in running text nor speak (mentions counted above)
    members = {n: m for n, m in members.items() if m.blocks or m.lines}
    cast = Cast(members, refs, present, named, speakers, talk, addressed, focus, narrator, lookup)
    cast.mentions = mentions
    cast.quotes = quotes
    cast.narrators = [w if w in members else None for w in sections] if any(sections) else []
    if narrator in members and members[narrator].gender is None:
        members[narrator].gender = _narrator_sex(refs, quotes, narrator, story.language or "en")
    if any(c.role == "addressee" for c in story.characters.values()):
        cast.written_to = [w if w in members else None for w in addressees]
    return cast


def _section_writers(refs: list[BlockRef], lookup: dict[str, str]) -> list[str | None]:
    """Per block, the cast member who writes its section, when the book names the writer of
    each ("THE STORY CONTINUED BY MARIAN HALCOMBE", read/prose.py); empty when none does.
    The heading's name is looked up whole, then without its title, then by its last word
    ("Mr. Murthwaite", "Franklin Blake")."""
    if not any(r.scene.narrator for r in refs):
        return []
    found: dict[str, str | None] = {}
    out: list[str | None] = []
    for r in refs:
        w = r.scene.narrator
        if w and w not in found:
            found[w] = next((lookup[k] for t in writer_tries(w) if (k := _key(t)) in lookup), None)
        out.append(found[w] if w else None)
    return out


@lru_cache(maxsize=4)
def _addressed_words(language: str) -> dict[str, re.Pattern[str]]:
    """Per sex, the words others call a person to their face ("sire", "madam")."""
    fp = load_lexicon("cast", language).get("first_person", {})
    out = {}
    for sex in ("m", "f"):
        words = fp.get(f"addressed_{sex}", [])
        if words:
            alt = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
            out[sex] = re.compile(rf"(?:^|[,!?;:—]\s*)(?:{alt})(?=\s*(?:[,!?.;:—]|$))", re.I)
    return out


def _narrator_sex(
    refs: list[BlockRef],
    quotes: list[list[tuple[int, int, str | None, str | None]]],
    narrator: str,
    language: str,
) -> str | None:
    """The sex of an "I" the text never gives one, from what others call them to their face
    ("Yes, sire", "Good night, madam"): three such words or more, three to one."""
    words = _addressed_words(language)
    if not words:
        return None
    votes: Counter[str] = Counter()
    for r, qs in zip(refs, quotes, strict=False):
        for a, b, speaker, listener in qs:
            if listener == narrator and speaker != narrator:
                said = r.block.text[a:b]
                for sex, pattern in words.items():
                    votes[sex] += len(pattern.findall(said))
    (top, n), *rest = votes.most_common() or [(None, 0)]
    other = rest[0][1] if rest else 0
    return top if n >= 3 and n >= 3 * other else None


_VOC_BEFORE = re.compile(r"(?:^|[“\"‘,—(]|[.!?]\s)\s*$")
_VOC_AFTER = re.compile(r"^\s*(?:[,!?;—”\"’)]|\.(?!\w))")


_NOT_NAME = re.compile(r"[^\w’'-]+")


def _greeted_member(greeted: str, lookup: dict[str, str]) -> str | None:
    """The character a fanciful greeting names ("Master-Jervie-Daddy-Long-Legs Pendleton-Smith"
    holds "Daddy-Long-Legs"): the longest of their names written inside it, as whole words."""
    low = " " + _NOT_NAME.sub(" ", greeted.casefold()) + " "
    pieces = f" {low.replace('-', ' ')} "
    best: tuple[int, str] | None = None
    whole = low.strip()
    for key, who in lookup.items():
        if len(key) < 4 or key == whole:
            continue
        if f" {key} " in low or f" {key.replace('-', ' ')} " in pieces:
            if best is None or len(key) > best[0]:
                best = (len(key), who)
    return best[1] if best else None


def _vocative(text: str, start: int, end: int) -> bool:
    """Is the name at ``text[start:end]`` set off as a form of address ("Anne, wait")?"""
    return bool(
        _VOC_BEFORE.search(text[max(0, start - 4) : start])
        and _VOC_AFTER.match(text[end : end + 3])
    )


def _canonical(fs: list[_Form], forms: Counter[_Form]) -> str:
    """The name to show: the fullest form used at least twice, else the most frequent."""
    total = sum(forms[f] for f in fs)
    full = [f for f in fs if len(f[1]) >= 2 and not f[0] and forms[f] >= 2]
    if full:
        return _surface(max(full, key=lambda f: (len(f[1]) == 2, forms[f])))
    titled = [f for f in fs if f[0] and forms[f] >= max(2, 0.2 * total)]
    if titled:
        return _surface(max(titled, key=lambda f: forms[f]))
    return _surface(max(fs, key=lambda f: forms[f]))


def _match_known(
    speaker: str, surface_to_name: dict[str, str], members: dict[str, CastMember]
) -> str | None:
    key = _key(speaker)
    for s, n in surface_to_name.items():
        if _key(s) == key:
            return n
    for n in members:
        if _key(n) == key:
            return n
    return None


def _attribute(
    text: str,
    quoted: list[tuple[int, int]],
    spans: dict[str, list[tuple[int, int]]],
    lang: _Lang,
) -> str | None:
    """Who speaks the quoted words of a prose paragraph: a speech tag, else the one name outside."""
    outside = {
        who: [s for s in ss if not any(a <= s[0] < e for a, e in quoted)]
        for who, ss in spans.items()
    }
    outside = {w: ss for w, ss in outside.items() if ss}
    for m in lang.speech_verbs.finditer(text):
        if any(a <= m.start() < e for a, e in quoted):
            continue
        best: tuple[int, str] | None = None
        for who, ss in outside.items():
            for s, e in ss:
                d = m.start() - e if e <= m.start() else s - m.end()
                if 0 <= d <= 3 and (best is None or d < best[0]):
                    best = (d, who)
        if best:
            return best[1]
    if len(outside) == 1:
        return next(iter(outside))
    return None
