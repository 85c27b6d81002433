"""Romantic threshold events between two people, with who does what to whom.

A threshold is an *act between the couple*: he kisses her, she refuses him, "will you marry
me?" said by one of them to the other. The phrases are the language's
(``text/<lang>/events.toml``); this module finds them and fills their roles from the
resolved mentions of :mod:`dramaturg.analyze.coref`:

* ``act`` phrases name the one the act is done to (``kissed {b}``) and the doer is the
  nearest person word before the phrase in its clause;
* ``said`` phrases are words said by the speaker to the listener (or written by a letter's
  writer to its addressee);
* ``pair`` phrases are done together ("hand in hand"): both must be on the page;
* ``noun`` phrases name an owner (``his proposal``) and need the other in the sentence.

Each event also records whether the words before it deny it ("never kissed her"), make it a
wish or a supposition ("if he should propose", "as if he had kissed her"), so a threshold is
only what happens. Which events are the couple's is decided by the caller, who knows the
couple: :func:`between` keeps the events whose two parties are the two of them.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache

from dramaturg.analyze.cast_model import Cast
from dramaturg.analyze.coref import Mention, description_tags, voice_gender
from dramaturg.story import BlockKind
from dramaturg.text.lexicon import _lower_term, fold, load_lexicon
from dramaturg.text.sentences import sentence_spans

__all__ = ["Event", "KINDS", "LATER_KINDS", "between", "find_events"]

KINDS = (
    "first_meeting",
    "touch",
    "hand_hold",
    "embrace",
    "kiss",
    "confession",
    "proposal",
    "rejection",
    "breakup",
    "reconciliation",
    "acceptance",
)
FORMS = ("act", "pair", "said", "noun", "own")
# the kinds a threshold finder reports once it has the first meeting and the first touch
LATER_KINDS = KINDS[2:]


@dataclass(frozen=True, slots=True)
class Event:
    """One threshold phrase in one block, with its two parties where the text gives them."""

    kind: str
    g: int  # global block position
    start: int  # the phrase in the block's text
    end: int
    form: str  # act, pair, said, noun, answer
    agent: str | None
    patient: str | None
    quoted: bool
    negated: bool
    hypothetical: bool
    sentence: tuple[int, int]  # the sentence it stands in

    @property
    def factual(self) -> bool:
        return not (self.negated or self.hypothetical)

    def parties(self) -> frozenset[str]:
        return frozenset(x for x in (self.agent, self.patient) if x)


@dataclass(frozen=True)
class _Lex:
    patterns: dict[tuple[str, str], re.Pattern[str]]  # (kind, form) -> alternation
    cue_patterns: dict[str, re.Pattern[str]]  # kind -> the words a sentence must hold for it
    negation: re.Pattern[str]
    hypothesis: re.Pattern[str]
    factual: frozenset[str]
    yes: re.Pattern[str]
    no: re.Pattern[str]
    not_person: re.Pattern[str]
    body_part: re.Pattern[str]  # after a possessive: a part of the person ("her red mouth")


_B = r"(?:@++(?:['’]s)?|him|her|me|you|us|them|himself|herself|myself|yourself|thee)"
_P = r"(?:his|hers|her|mine|my|yours|your|theirs|their|ours|our|thine|thy|@++['’]s|@++)"


def _slots(term: str, k: int) -> str:
    """Expand {b} and {p} into named groups unique to alternative ``k``."""
    n = 0

    def sub(m: re.Match[str]) -> str:
        nonlocal n
        n += 1
        body = _B if m.group(1) == "b" else _P
        return f"(?P<{m.group(1)}{n}_{k}>{body})"

    return re.sub(r"\{([bp])\}", sub, term)


@lru_cache(maxsize=4)
def _lex(language: str) -> _Lex:
    data = load_lexicon("events", language)
    patterns = {}
    k = 0
    for kind in KINDS:
        for form in FORMS:
            terms = data.get(kind, {}).get(form, [])
            if not terms:
                continue
            alts = []
            for t in sorted(terms, key=len, reverse=True):
                # a phrase may run over a line break of the manuscript
                alts.append(_slots(_lower_term(t).replace(" ", r"\s+"), k))
                k += 1
            # matched on folded (lower-cased, same length) text: faster than IGNORECASE
            patterns[(kind, form)] = re.compile(
                r"(?<![\w’])(?<!\w')(?:" + "|".join(alts) + r")(?!\w)(?![’']\w)"
            )
    ctx = data.get("context", {})
    neg = "|".join(re.escape(w) for w in ctx.get("negation", []))
    hyp = "|".join(
        [re.escape(w) for w in ctx.get("hypothesis", [])] + ctx.get("hypothesis_patterns", [])
    )
    # "perhaps I may never see him" supposes; "happier, perhaps, than before" only hedges
    hedge = "|".join(re.escape(w) for w in ctx.get("hedges", []))
    if hedge:
        hyp += rf"|(?<!,\s)(?<!,)(?:{hedge})(?!\s*,)"
    answers = data.get("answers", {})
    return _Lex(
        patterns=patterns,
        cue_patterns={
            # at the start of a word: "arm" in "arms", not in "warm"
            k: re.compile(
                r"(?<![a-z])(?:"
                + "|".join(re.escape(c.lower()) for c in sorted(cues, key=len, reverse=True))
                + ")"
            )
            for k in KINDS
            if (cues := data.get(k, {}).get("cues", []))
        },
        negation=re.compile(rf"(?:\b(?:{neg})\b|n['’]t)(?:\s+\S+){{0,3}}\s*$", re.I),
        hypothesis=re.compile(rf"\b(?:{hyp})\b", re.I),
        factual=frozenset(ctx.get("factual", [])),
        yes=re.compile(r"^\W*(?:" + "|".join(answers.get("yes", [])) + r")\b", re.I),
        no=re.compile(r"^\W*(?:" + "|".join(answers.get("no", [])) + r")\b", re.I),
        body_part=re.compile(
            r"(?:\s+[a-z-]+,?){0,3}?\s+(?:"
            + "|".join(map(re.escape, ctx.get("body_parts", [])))
            + r")\b"
        ),
        not_person=re.compile(
            r"\b(?:the|a|an|his|her|my|its|this|that|their|our|your)\s+(?:[a-z’'-]+\s+){0,2}?"
            r"(?:" + "|".join(map(re.escape, ctx.get("not_persons", []))) + r")s?\b"
        ),
    )


def lexicon(language: str) -> _Lex:
    """The compiled threshold phrases of ``language`` (its answers, negations, ...)."""
    return _lex(language)


def _masked(text: str, mentions: list[Mention]) -> str:
    """``text`` with every name replaced by ``@`` of the same length (offsets kept)."""
    chars = list(text)
    for m in mentions:
        if m.how == "name":
            chars[m.start : m.end] = "@" * (m.end - m.start)
    return "".join(chars)


def _verse(text: str) -> bool:
    """A song or poem set in a prose paragraph: several short capitalised lines."""
    lines = [ln.strip() for ln in text.splitlines() if ln.strip()]
    if len(lines) < 3:
        return False
    short = sum(1 for ln in lines if len(ln) < 48)
    caps = sum(1 for ln in lines if ln[:1].isupper() or ln[:1] in "‘“\"'")
    return short >= 0.75 * len(lines) and caps >= 0.75 * len(lines)


# "I'll go at once if you promise": the condition after the words
_CONDITION_AFTER = re.compile(r"[^.;:!?—]{0,30}?\b(?:if|unless|provided)\b")
# words said to the other's face that do what they say they want to ("I want to bid you
# good-bye", "I wish to tell you that I love you")
_PERFORMATIVE = re.compile(r"\bi (?:want|wish|mean|have|must|need)(?: to)?\s*(?:tell you\s*)?$")
# an indirect question put to the listener: "if I only knew whether you would ...", "tell me
# whether you will ..."
_ASKING = re.compile(
    r"\b(?:knew|know|tell me|ask(?:ed)?(?:\s+you)?)\b[^.;!?\"“”]{0,24}?\bwhether\s+you\s+"
    r"(?:would|will)\b[^.;!?\"“”]{0,60}$"
)
# a subject named by a description right before the act ("your doctor came and sent me
# away", "the old nurse kissed her"): someone the text does not name, none of the couple
_NOUN_SUBJECT = re.compile(
    r"\b(?:the|a|an|his|her|your|my|their|our|that|this)\s+(?:[a-z]+\s+)?"
    r"(?!(?:hands?|arms?|lips?|fingers?|head|eyes?|face|cheeks?|mouth|heart|voice|shoulders?|"
    r"body|own|other|one|two|both|each)\b)[a-z]{3,}"
    r"(?:\s+(?:came|come|then|had|has|once|just|and|quickly|gently|suddenly))*\s+$"
)
_BODILY = frozenset({"touch", "hand_hold", "embrace", "kiss"})
_OTHER = "\x00other"  # a party who is neither of the couple (the sister, the child)
# a sentence that opens by denying ("Still less could I think of her ... condescending to
# marry me", "Nor did he ever kiss her"): all of it is denied, however far the act stands
_DENIED_SENTENCE = re.compile(
    r"[\s“\"‘'(]*(?:(?:still|much|far|even) less|nor (?:could|did|would|was|were|had|should|"
    r"will|can|do|does|is|am)|neither (?:could|did|would|was|had))\b",
    re.I,
)
_RELATIVE = re.compile(r"\b(?:which|who|whom|whose)\b")


def _past_relative(before: str) -> str:
    """What follows the last relative clause that a comma closes before a trigger ("an
    impulse which he could not control, Eric kissed her" -> "Eric kissed her"): such a
    clause supposes and denies only itself."""
    found = list(_RELATIVE.finditer(before))
    if not found:
        return before
    comma = before.find(",", found[-1].end())
    return before[comma + 1 :] if comma >= 0 else before


_CLAUSE_EDGE = re.compile(r"[.;:!?—–]|\bbut\b|\bwhile\b|\bwhen\b|\bwhereupon\b", re.I)


# an exclamative complement ("how much I love you"): what the clause above negates or
# supposes is the knowing of it (English word order; other languages do not match)
_EXCLAIMED = re.compile(r"how\s+(?:much|dearly|deeply|truly|well)\s", re.I)


def find_events(cast: Cast, language: str = "en") -> list[Event]:
    """Every threshold phrase of the story, with its parties resolved, in story order
    (found once per cast: the couple's candidates all read the same list)."""
    cached = cast.cache.get(("events", language))
    if cached is None:
        cached = cast.cache[("events", language)] = _find_events(cast, language)
    return cached  # type: ignore[no-any-return]


def _find_events(cast: Cast, language: str) -> list[Event]:
    lex = _lex(language)
    out: list[Event] = []
    sexes = _pronoun_sexes(language)

    def sex(who: str, word: str) -> bool:
        member = cast.members.get(who)
        return member is not None and member.gender is not None and sexes.get(word) == member.gender

    for r, mentions in zip(cast.refs, cast.mentions, strict=False):
        block = r.block
        if block.kind in (BlockKind.LYRIC, BlockKind.CENTERED, BlockKind.TRANSITION):
            continue
        text = block.text
        if _verse(text):
            continue
        masked = fold(_masked(text, mentions))
        starts = [m.start for m in mentions]
        sentences = sentence_spans(text) or [(0, len(text))]
        sent_starts = [a for a, _ in sentences]
        quotes = cast.quotes[r.g] if r.g < len(cast.quotes) else []
        # each kind's phrases are tried only in the sentences that hold one of its cue words
        live: dict[str, list[tuple[int, int]]] = {}
        for kind, cue in lex.cue_patterns.items():
            hit = {bisect_right(sent_starts, c.start()) - 1 for c in cue.finditer(masked)}
            if hit:
                live[kind] = [sentences[i] for i in sorted(hit) if i >= 0]
        for (kind, form), pattern in lex.patterns.items():
            spans = live.get(kind)
            if not spans:
                continue
            for m in (m for a, b in spans for m in pattern.finditer(masked, a, b)):
                si = max(0, bisect_right(sent_starts, m.start()) - 1)
                sent = sentences[si]
                quoted = any(a <= m.start() < b for a, b, _s, _l in quotes)
                agent, patient = _roles(
                    form, m, mentions, starts, masked, sent, quoted, quotes, lex.body_part, sex
                )
                if (
                    form == "act"
                    and agent is None
                    and _NOUN_SUBJECT.search(
                        masked, _clause_start(masked, sent[0], m.start()), m.start()
                    )
                ):
                    agent = _OTHER  # "your doctor came and sent me away": the doctor did
                if form == "said" and not quoted and agent is None and patient is None:
                    # a letter's own words ("We belong to each other"): its writer to the
                    # one it is written to
                    to = cast.written_to[r.g] if r.g < len(cast.written_to) else None
                    writer = cast.narrator_at(r.g)
                    if to and writer:
                        agent, patient = writer, to
                if (
                    kind in _BODILY
                    and form in ("act", "own")
                    and not any(v for k_, v in m.groupdict().items() if k_[0] == "b")
                    and lex.not_person.search(
                        masked,
                        # (a creature named in someone's words before the act is not its object:
                        # "'Your dog remembers you,' said he, grasping the hand I offered")
                        max(
                            [_clause_start(masked, sent[0], m.start())]
                            + [b for _a, b, _s, _l in quotes if b <= m.start()]
                        ),
                        m.end() + 1,
                    )
                ):
                    agent, patient = _OTHER, _OTHER  # the cat in his arms
                lo = max(sent[0], _clause_start(masked, sent[0], m.start()))
                if not quoted:
                    # the words of a speech before its tag ("'I am ready to go,' she said,
                    # taking his arm") suppose nothing of the act the narration tells
                    lo = max([lo] + [b for _a, b, _s, _l in quotes if b <= m.start()])
                before = masked[lo : m.start()]
                # "with an impulse which he could not control, Eric kissed her": a relative
                # clause closed by its comma supposes and denies only itself
                before = _past_relative(before)
                negated = bool(
                    lex.negation.search(before[-40:]) or _DENIED_SENTENCE.match(masked, sent[0])
                ) and kind not in ("rejection", "breakup")
                hypothetical = bool(lex.hypothesis.search(before[-60:])) or bool(
                    _CONDITION_AFTER.match(masked, m.end())
                )
                if _EXCLAIMED.match(masked, m.start()):
                    # "I didn't suspect how much I cared for you", "if you knew how dearly I
                    # love you": the clause above doubts the knowing, not the feeling
                    negated = hypothetical = False
                if (
                    hypothetical
                    and kind == "proposal"
                    and form == "said"
                    and _ASKING.search(masked[max(sent[0], m.start() - 90) : m.start()])
                ):
                    # "if I only knew one thing--whether you would allow me to marry you": a
                    # question put to her face, not a supposition
                    hypothetical = False
                if hypothetical and form == "said" and _PERFORMATIVE.search(before):
                    # "I want to bid you good-bye" said to her face bids it
                    hypothetical = bool(_CONDITION_AFTER.match(masked, m.end()))
                out.append(
                    Event(
                        kind,
                        r.g,
                        m.start(),
                        m.end(),
                        form,
                        agent,
                        patient,
                        quoted,
                        negated,
                        hypothetical,
                        sent,
                    )
                )
    out = _same_creature(out)
    out.extend(_answers(cast, out, lex))
    out.sort(key=lambda e: (e.g, e.start))
    return out


def _described_speaker(masked: str, a: int, b: int) -> bool:
    """Whether the quote at ``a:b`` is tagged with a description instead of a name or a
    pronoun ("said the stranger", "an old man answered:")."""
    # (a possessive is left out here: "said his wife" may be the heroine)
    after, before = description_tags(possessive=False)
    return bool(after.match(masked, b, b + 60)) or bool(before.search(masked, max(0, a - 60), a))


def _clause_start(text: str, lo: int, pos: int) -> int:
    start = lo
    for m in _CLAUSE_EDGE.finditer(text, lo, pos):
        start = m.end()
    return start


def _mention_at(mentions: list[Mention], starts: list[int], pos: int) -> Mention | None:
    i = bisect_right(starts, pos) - 1
    if i >= 0 and mentions[i].start <= pos < mentions[i].end:
        return mentions[i]
    return None


def _roles(
    form: str,
    m: re.Match[str],
    mentions: list[Mention],
    starts: list[int],
    masked: str,
    sent: tuple[int, int],
    quoted: bool,
    quotes: list[tuple[int, int, str | None, str | None]],
    body_part: re.Pattern[str] | None = None,
    sex: Callable[[str, str], bool] | None = None,
) -> tuple[str | None, str | None]:
    """(doer, done-to) of one phrase. ``sex(who, word)``: is ``word`` (a possessive) a
    pronoun of ``who``'s known sex."""
    slots = sorted((m.start(name), name[0]) for name, v in m.groupdict().items() if v is not None)
    whos = [(kind, _mention_at(mentions, starts, pos)) for pos, kind in slots]
    if form == "said":
        if quoted:
            # the speaker and listener of the quote the words stand in
            for a, b, speaker, listener in quotes:
                if a <= m.start() < b:
                    if _described_speaker(masked, a, b):
                        # "said the stranger": someone the text does not name here (a guess
                        # from the turns of talk would make her the heroine), not a lover
                        return _OTHER, listener
                    return speaker, listener
            return None, None
        # written, not spoken: a letter's "I" to its "you"
        speaker = listener = None
        for x in mentions:
            if sent[0] <= x.start < sent[1] and not x.quoted:
                if x.how == "narrator" and speaker is None:
                    speaker = x.who
                if x.how == "addressee" and listener is None:
                    listener = x.who
        return speaker, listener
    if form == "pair":
        return None, None
    if form == "own":
        # "offering his hand": the owner does it; the one it is for is on the page
        b = next((x.who for k, x in whos if k == "b" and x is not None), None)
        p = [x.who for k, x in whos if k == "p" and x is not None]
        return (p[0] if p else None), b
    # act / noun: the owner or first slot, then the one done to; "her sister" after the
    # verb is the sister, someone else than either of them
    for (_pos, kind), (_k, x) in zip(slots, whos, strict=True):
        if kind == "b" and x is not None and x.case == "poss":
            if x.who and body_part is not None and body_part.match(masked, x.end, x.end + 48):
                continue  # "kissed her red, trembling mouth": her, on the mouth
            return _OTHER, _OTHER
        if kind == "b" and x is not None and x.how == "plural" and x.who is None:
            return _OTHER, _OTHER  # "could not marry them": done to others
    b = next((x.who for k, x in whos if k == "b" and x is not None), None)
    p = [x.who for k, x in whos if k == "p" and x is not None]
    agent: str | None = None
    patient: str | None = b
    if form == "noun":
        agent = p[0] if p else None
        if patient is None:
            patient = next(
                (
                    x.who
                    for x in mentions
                    if sent[0] <= x.start < sent[1]
                    and x.who
                    and x.who != agent
                    and x.how != "plural"
                ),
                None,
            )
        return agent, patient
    owner = _trailing_owner(m, mentions, masked)
    if owner is not None and p and owner != p[0]:
        # "laid his hand on mine": the hand's owner does it, to the one the last word names
        return p[0], owner
    owned = None  # the possessive slot the one done to owns ("took her hand")
    if patient is None and p and not any(k == "b" for k, _x in whos):
        # "took her hand": the one whose hand it is; "his hand in hers": doer, then done-to
        # (not "took her in my arms", where "her" is the one done to, whoever she is)
        if len(p) >= 2:
            agent, patient = p[0], p[1]
            return agent, patient
        patient = p[-1]
        owned = next(x for k, x in reversed(whos) if k == "p" and x is not None)
    lo = _clause_start(masked, sent[0], m.start())
    for x in reversed(mentions):
        if x.start >= m.start() or x.start < lo:
            continue
        if x.case in ("subj", "name") and x.who:
            if x.who != patient:
                agent = x.who
                break
            if (
                owned is not None
                and sex is not None
                and (x.case == "subj" or not _AFTER_PREPOSITION.search(masked, lo, x.start))
                and sex(x.who, masked[owned.start : owned.end])
                and not any(
                    y.who not in (None, x.who)
                    and sent[0] <= y.start < sent[1]
                    and sex(y.who, masked[owned.start : owned.end])  # type: ignore[arg-type]
                    for y in mentions
                )
            ):
                # "he kissed his hand to them": his own hand, done to nobody (no one else of
                # his sex is in the sentence whose hand it could be)
                return x.who, x.who
    if patient is None and agent is not None:
        # "grasping the hand I offered": whoever stands inside the phrase is the other one
        inside = next(
            (x.who for x in mentions if m.start() < x.start < m.end() and x.who and x.who != agent),
            None,
        )
        patient = inside or patient
    if agent is None:
        # "was kissed by him"
        tail = masked[m.end() : m.end() + 12]
        if re.match(r"\s+by\s", tail):
            after = _mention_at(mentions, starts, m.end() + len(tail) - len(tail.lstrip()) + 3)
            agent = after.who if after else None
    return agent, patient


# a name that a preposition governs is no subject ("bowed to Mina and kissed her hand")
_AFTER_PREPOSITION = re.compile(r"\b(?:to|with|at|by|for|from|on|upon|of|beside|near)\s+\Z")

_OWN_WORD = re.compile(r"(?:mine|hers|yours|theirs|ours)\Z", re.I)


def _trailing_owner(m: re.Match[str], mentions: Sequence[Mention], masked: str) -> str | None:
    """Whom the phrase's last word stands for when it is a possessive standing alone ("on
    mine", "in hers"), outside the phrase's name slots."""
    if not _OWN_WORD.search(masked, m.start(), m.end()):
        return None
    for x in mentions:
        if m.start() <= x.start < m.end() and x.end == m.end() and x.case == "poss" and x.who:
            return x.who
    return None


def _same_creature(events: list[Event]) -> list[Event]:
    """ "I caught the little creature in my arms, and kissed him": a bodily act later in the
    sentence where one was done to a creature (a pet, a child held) is done to it too."""
    creature: set[tuple[int, tuple[int, int]]] = set()
    out = []
    for e in sorted(events, key=lambda e: (e.g, e.start)):
        key = (e.g, e.sentence)
        if e.kind in _BODILY and e.agent == _OTHER and e.patient == _OTHER:
            creature.add(key)
        elif e.kind in _BODILY and key in creature and e.form in ("act", "own"):
            e = Event(
                e.kind,
                e.g,
                e.start,
                e.end,
                e.form,
                _OTHER,
                _OTHER,
                e.quoted,
                e.negated,
                e.hypothetical,
                e.sentence,
            )
        out.append(e)
    return out


def _answers(cast: Cast, events: list[Event], lex: _Lex) -> list[Event]:
    """A proposal answered: the listener's next words in the scene, "yes" or "no"."""
    out: list[Event] = []
    refs = cast.refs
    for e in events:
        if e.kind != "proposal" or e.form != "said" or not e.agent or not e.patient:
            continue
        scene = refs[e.g].scene.index
        for g in range(e.g, min(len(refs), e.g + 6)):
            if refs[g].scene.index != scene:
                break
            for u in refs[g].block.speech():
                if g == e.g and u.offset <= e.start:
                    continue
                speaker = _canon(cast, u.speaker)
                if speaker == e.agent:
                    continue
                if speaker not in (e.patient, None):
                    break
                kind = (
                    "acceptance"
                    if lex.yes.match(u.text)
                    else "rejection"
                    if lex.no.match(u.text)
                    else None
                )
                refusal = lex.patterns.get(("rejection", "said"))
                if kind == "acceptance" and refusal is not None and refusal.search(fold(u.text)):
                    # "Yes, I do love you, but I will never marry you": the yes is to the love
                    kind = "rejection"
                if kind:
                    out.append(
                        Event(
                            kind,
                            g,
                            u.offset,
                            u.offset + min(len(u.text), 40),
                            "answer",
                            e.patient,
                            e.agent,
                            True,
                            False,
                            False,
                            (u.offset, u.offset + len(u.text)),
                        )
                    )
                break
            else:
                continue
            break
    return out


def _canon(cast: Cast, name: str | None) -> str | None:
    if not name:
        return None
    return cast.resolve(name) if name not in cast.members else name


def between(events: list[Event], cast: Cast, couple: tuple[str, str]) -> list[Event]:
    """The events whose two parties are the couple (a pair phrase: both on the page)."""
    a, b = couple
    pair = {a, b}
    out = []
    for e in events:
        if e.form == "pair":
            # the two of them together: both in the sentence, or "they" / "we" with the two
            # of them on the page and nobody else in the sentence ("the two were hand in
            # hand", said of two others, is not theirs)
            sentence = [x for x in cast.mentions[e.g] if e.sentence[0] <= x.start < e.sentence[1]]
            whos = {x.who for x in sentence if x.who}
            plural = any(x.how == "plural" for x in sentence)
            if _named_pair_of_others(cast, e, pair):
                continue  # "where Ned and Ruth kissed each other": two others, named
            if pair <= whos or (plural and whos <= pair and pair <= _on_page(cast, e.g)):
                out.append(e)
            continue
        if e.kind == "first_meeting" and pair <= {
            x.who for x in cast.mentions[e.g] if e.start <= x.start < e.end and x.who
        }:
            out.append(e)  # a third one introduces them: "This is Mr. Lee, Anna"
            continue
        parties = e.parties()
        if parties == pair:
            out.append(e)
        elif len(parties) == 1 and parties < pair and (e.agent is None or e.patient is None):
            # one party resolved, the other left open ("kissed her" with her unresolved, a
            # line of speech nobody tagged): it counts when the other is on the page, in
            # the sentence for an act, in the block or the one before for speech
            other = (pair - parties).pop()
            if (e.form == "own" and e.agent in pair) or e.kind == "first_meeting":
                # a meeting is with whoever is there ("she put out her hand to shake hands
                # with one of whom she had heard so much")
                near = _on_page(cast, e.g)
            elif e.form in ("act", "noun", "answer"):
                near = {
                    x.who
                    for x in cast.mentions[e.g]
                    if e.sentence[0] <= x.start < e.sentence[1] and x.who
                }
            else:
                near = _on_page(cast, e.g)
            if (
                other in near
                and not _other_sex(cast, e, other)
                and not _other_voice(cast, e, other)
            ):
                out.append(e)
        elif not parties and e.form in ("said", "act", "noun") and pair <= _on_page(cast, e.g):
            out.append(e)  # nobody resolved, the two of them on the page: the weakest kind
    return out


# two capitalised names joined by "and" right before a phrase the two do together
_NAMED_PAIR = re.compile(r"\b([A-Z][\w’'-]+)\s+and\s+([A-Z][\w’'-]+)\s+(?:[a-z]+\s+){0,2}\Z")


def _named_pair_of_others(cast: Cast, e: Event, pair: set[str]) -> bool:
    """Is the pair phrase's subject two names written out, not both of the couple?"""
    text = cast.refs[e.g].block.text
    m = _NAMED_PAIR.search(text, e.sentence[0], e.start)
    if m is None:
        return False
    who = {
        x.who
        for x in cast.mentions[e.g]
        if x.how == "name" and m.start() <= x.start < m.end() and x.who
    }
    return not pair <= who


def _other_voice(cast: Cast, e: Event, other: str) -> bool:
    """Is the unnamed speaker of a line of speech of the other sex than ``other``? ("'Paul! I
    was unjust to you,'" after "said he", with the heroine on the page: not hers.)"""
    if e.form not in ("said", "answer") or e.agent is not None or other not in cast.members:
        return False
    sex = cast.members[other].gender
    if sex is None:
        return False
    voice = voice_gender(cast.refs[e.g].block.text, cast.quotes[e.g], e.start, cast.language)
    return voice is not None and voice != sex


def _other_sex(cast: Cast, e: Event, other: str) -> bool:
    """Is the open party of an act a pronoun of the other sex than ``other``? ("She kissed
    me", the "she" unresolved: not the man named later in the sentence.)"""
    if e.form != "act":
        return False
    text = cast.refs[e.g].block.text
    words = _pronoun_sexes(cast.language)
    if other == cast.narrator_at(e.g) and not e.quoted:
        # the narration says "I" of its narrator: "her hand on his shoulder", the "his"
        # unresolved, is some other man's
        for x in cast.mentions[e.g]:
            if e.start <= x.start < e.end and x.how == "pronoun" and x.who is None:
                if text[x.start : x.end].casefold() in words:
                    return True
    sex = cast.members[other].gender if other in cast.members else None
    if sex is None:
        return False
    slot = None
    for x in cast.mentions[e.g]:
        if x.start >= e.end or x.start < e.sentence[0]:
            continue
        if x.how == "pronoun" and x.who is None and x.case in ("subj", "obj"):
            slot = words.get(text[x.start : x.end].casefold(), slot)
    return slot is not None and slot != sex


@lru_cache(maxsize=8)
def _pronoun_sexes(language: str) -> dict[str, str]:
    data = load_lexicon("cast", language).get("pronouns", {})
    return {w: g for g, ws in data.items() for w in ws}


def _on_page(cast: Cast, g: int) -> set[str]:
    """Who is named, speaking or met as a person word in block ``g`` or the one before."""
    out: set[str] = set()
    for i in (g - 1, g):
        if i < 0 or cast.refs[i].scene is not cast.refs[g].scene:
            continue
        out |= cast.present[i]
        # a letter's "you" is written to, not on the page
        out |= {x.who for x in cast.mentions[i] if x.who and x.how != "addressee"}
    return out
