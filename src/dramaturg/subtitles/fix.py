"""Repair what a profile's rules allow without changing a single word.

Text: ``...`` becomes ``…``, stray spaces go, dialogue dashes take the profile's style, italics
are removed (Korean) or balanced (English), leading (sound cues) become [sound cues], and lines
are reflowed (balanced, broken at punctuation and phrase boundaries, never mid-word). Timing:
over-long cues are split (or trimmed when they cannot be), short or fast cues are extended into
free time, gaps under two frames are opened and gaps up to the chaining limit are closed to two
frames, and a cue that is too short with no room to grow may merge with its neighbour.

>>> from dramaturg.subtitles.io import loads
>>> subs = loads("1\\n00:00:01,000 --> 00:00:01,400\\n안녕...\\n", "a.srt")
>>> fixed, changes = fix(subs, load_profile("netflix-ko"))
>>> fixed.cues[0].text, fixed.cues[0].end
('안녕…', 1834)
"""

from __future__ import annotations

import bisect
import copy
import math
import re
from collections.abc import Callable, Collection, Sequence
from dataclasses import asdict, dataclass
from operator import attrgetter
from typing import Any

from dramaturg.subtitles.length import strip_markup, text_length
from dramaturg.subtitles.model import Cue, Subtitles
from dramaturg.subtitles.profiles import Profile, load_profile
from dramaturg.subtitles.qc import (
    ACRONYM,
    LINE_START_NUMBER,
    SPACE_AFTER_OPEN,
    START_NUMBER,
    Known,
    number_words,
    one_to_ten,
    resolve_fps,
    rules_by_cue,
    shot_in_target,
    shot_out_target,
    timecode,
)
from dramaturg.subtitles.reflow import best_lines, split_text
from dramaturg.subtitles.sdh import (
    DIALOGUE,
    Conventions,
    bracket_misused,
    conventions_of,
    is_layout,
    label_of,
    line_role,
)
from dramaturg.subtitles.sdh import LAYOUT_MARK as _LAYOUT_MARK

__all__ = ["Change", "fix"]


@dataclass(slots=True)
class Change:
    """One change: which cue (1-based, in the input file), which rule it serves, what changed."""

    index: int
    what: str
    detail: str

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


_DOTS = re.compile(r"\.{3,}")
_DASHES = ("-", "\u2013", "\u2014")
# a cheap test before the per-line clean-up: two spaces, a tab, a space at a line's edge or
# before punctuation
_MAYBE_STRAY_SPACE = re.compile(r"  |\t|^ | $| \n|\n | [!?).,\u2026\]]|[(\[] ")
_SPACES = re.compile(r"[ \t]{2,}")
_SPACE_BEFORE_PUNCT = re.compile(
    r"(?<=[^\s\-\u2013\u2014]) +(?=[!?).,\u2026\]])(?!(?:\u2026|\.{3,})\w)"
)  # (a space before an ellipsis that opens the next words stays, as qc's check has it)
_DASH_LINE = re.compile(r"^(\s*(?:<[^>]*>|\{\\[^}]*\})*)\s*[-\u2013\u2014](?!-)\s*")
_ITALIC_TAGS = re.compile(r"</?i>|\{\\i[01]?\}", re.I)
_LEADING_PARENS = re.compile(r"^(\s*(?:[-\u2013\u2014]\s?)?)\(([^()]*)\)")
_LEADING_BRACES = re.compile(r"^(\s*(?:[-\u2013\u2014]\s?)?)\{(?!\\)([^{}]*)\}")


def _rule_id(profile: Profile, check: str) -> str | None:
    rules = profile.rules_for(check)
    return rules[0].id if rules else None


@dataclass(frozen=True, slots=True)
class _Plan:
    """What the per-cue steps ask of the profile, looked up once per profile (they run a few
    times per cue on files of 50k cues)."""

    max_len: float
    max_lines: int
    method: str
    one_line_rule: bool
    min_need: float  # the minimum duration + 1 ms (-0.0 without the rule)
    cps: float | None
    ellipsis_rid: str | None
    whitespace_rid: str | None
    max_lines_rid: str | None
    one_line_rid: str | None
    #: the rules the text steps serve: a cue with none of their findings keeps its text
    text_rids: frozenset[str]
    conv: Conventions
    #: the dialogue dash as the profile writes it ("- " or "-"), with its rule (None: none)
    dash: str
    dual_rid: str | None
    acronym_rids: tuple[str, ...]
    #: (rule id, italics allowed) per italics rule
    italics: tuple[tuple[str, bool], ...]
    numbers: bool
    brackets_rid: str | None


#: checks whose findings the text steps (punctuation, spaces, dashes, italics, brackets,
#: layout, empty cues) repair
_TEXT_CHECKS = frozenset(
    {
        "ellipsis", "whitespace", "dual_speaker", "italics", "line_length", "max_lines",
        "one_line", "sdh_brackets", "empty", "end_punctuation", "acronym_periods",
        "numbers_one_to_ten", "number_at_sentence_start",
    }
)  # fmt: skip


def _plan(profile: Profile) -> _Plan:
    plan: _Plan | None = profile.memo.get("fix")
    if plan is None:
        cps = profile.param("reading_speed", "max", None)
        dual = profile.rules_for("dual_speaker")
        plan = _Plan(
            max_len=float(
                profile.param("line_length", "max", profile.param("one_line", "max", 42))
            ),
            max_lines=int(profile.param("max_lines", "max", 2)),
            method=profile.length,
            one_line_rule=bool(profile.rules_for("one_line")),
            # +1 ms: times are whole milliseconds and 5/6 s is 833.3 ms (Subtitle Edit also
            # sets 834).
            min_need=float(profile.param("min_duration", "min_ms", -1)) + 1,
            cps=float(cps) if cps else None,
            ellipsis_rid=_rule_id(profile, "ellipsis"),
            whitespace_rid=_rule_id(profile, "whitespace"),
            max_lines_rid=_rule_id(profile, "max_lines"),
            one_line_rid=_rule_id(profile, "one_line"),
            text_rids=frozenset(r.id for r in profile.rules if r.check in _TEXT_CHECKS),
            conv=conventions_of(profile.sdh),
            dash="- " if dual and dual[0].params.get("style") == "dash-space" else "-",
            dual_rid=dual[0].id if dual else None,
            acronym_rids=tuple(r.id for r in profile.rules_for("acronym_periods")),
            italics=tuple(
                (r.id, bool(r.params.get("allowed", True))) for r in profile.rules_for("italics")
            ),
            numbers=bool(
                profile.rules_for("number_at_sentence_start")
                or profile.rules_for("numbers_one_to_ten")
            ),
            brackets_rid=_rule_id(profile, "sdh_brackets"),
        )
        profile.memo["fix"] = plan
    return plan


#: changes in cue order (a stable sort keeps each cue's changes in the order they were made)
_BY_INDEX = attrgetter("index")


def _clone(c: Cue) -> Cue:
    """A shallow copy of a cue (``copy.copy`` goes through ``__reduce_ex__``: 4x slower)."""
    return Cue(c.start, c.end, c.text, c.line, c.identifier, c.settings, c.event, c.ttml)


def _show(text: str) -> str:
    return text.replace("\n", " / ")


# --- text ------------------------------------------------------------------------------------


def _fix_text(text: str, profile: Profile) -> tuple[str, list[tuple[str, str]]]:
    done: list[tuple[str, str]] = []
    plan = _plan(profile)

    rid = plan.ellipsis_rid
    if rid and "..." in text:
        text = _DOTS.sub("\u2026", text)
        done.append((rid, "'...' -> '…'"))

    rid = plan.whitespace_rid
    if rid and _MAYBE_STRAY_SPACE.search(text):
        lines = []
        for ln in text.split("\n"):
            new = _SPACES.sub(" ", ln.replace("\t", " ")).strip(" ")
            new = SPACE_AFTER_OPEN.sub("", _SPACE_BEFORE_PUNCT.sub("", new))
            lines.append(new)
        new_text = "\n".join(lines)
        if new_text != text:
            text = new_text
            done.append((rid, "removed stray spaces"))

    text, dash_done = _fix_dashes(text, profile)
    done.extend(dash_done)

    for rid in plan.acronym_rids:
        if "." in text and ACRONYM.search(text):
            text = ACRONYM.sub(lambda m: m.group().replace(".", ""), text)
            done.append((rid, "acronym written without periods"))

    if plan.numbers:
        text, spelled = _spell_out_numbers(text, profile)
        done.extend(spelled)

    for rid, allowed in plan.italics:
        if not allowed:
            if ("<" in text or "{" in text) and _ITALIC_TAGS.search(text):
                text = _ITALIC_TAGS.sub("", text)
                done.append((rid, "removed italics"))
        elif "<" in text:
            opens = len(re.findall(r"<i>", text, re.I))
            closes = len(re.findall(r"</i>", text, re.I))
            if opens > closes:
                text = text + "</i>" * (opens - closes)
                done.append((rid, "closed <i>"))
            elif closes > opens:
                for _ in range(closes - opens):
                    text = re.sub(r"</i>", "", text, count=1, flags=re.I)
                done.append((rid, "removed a stray </i>"))

    return text, done


_Step = Callable[[str, Profile], tuple[str, list[tuple[str, str]]]]


def _cached(step: _Step, text: str, profile: Profile, texts: _Texts) -> _Done:
    """``step(text, profile)``, once per text in a call of :func:`fix` (see :data:`_Texts`);
    the list of what was done is the caller's own."""
    key = (step.__name__, text)
    got = texts.get(key)
    if got is None:
        new, done = step(text, profile)
        texts[key] = got = (new, tuple(done))
    return got[0], list(got[1])


_Done = tuple[str, list[tuple[str, str]]]


def _end_punctuation(text: str, profile: Profile) -> tuple[str, list[tuple[str, str]]]:
    """A ``.`` or ``,`` the language does not end a line with is taken off (Korean:
    KO-END-PUNCT). Run after layout, which decides where the lines end."""
    done: list[tuple[str, str]] = []
    for rule, marks, ending in _line_endings(profile):
        for m in marks:
            if m in text:
                break
        else:
            continue
        new = ending.sub("", text)
        if new != text:
            text = new
            done.append((rule, "line-final punctuation removed"))
    return text, done


def _line_endings(profile: Profile) -> list[tuple[str, tuple[str, ...], re.Pattern[str]]]:
    """(rule id, marks, pattern) per end_punctuation rule: a mark at the end of a line, after
    which only spaces and markup come; a period after a period is not one ('..')."""
    found: list[tuple[str, tuple[str, ...], re.Pattern[str]]] | None = profile.memo.get("ends")
    if found is None:
        found = []
        for rule in profile.rules_for("end_punctuation"):
            marks = tuple(rule.params.get("forbidden", [".", ","]))
            alternatives = "|".join(r"(?<!\.)\." if m == "." else re.escape(m) for m in marks)
            pattern = re.compile(
                f"(?:{alternatives})" + r"(?=(?:[ \t]|<[^<>\n]*>|\{\\[^{}]*\})*$)", re.M
            )
            found.append((rule.id, marks, pattern))
        profile.memo["ends"] = found
    return found


_LINE_OPENING = re.compile(r"^[\s\-\u2013\u2014\u2026\"'(\[]*$")
_SENTENCE_BEFORE = re.compile(r"[.!?\u2026][\"'\u201d\u2019)\]]*\s+$")


def _in_words(digits: str, words: dict[str, Any]) -> str | None:
    """A number of one or two digits in words; None for a longer one (a person's call, and
    never read as an int: a line of 30,000 digits is no number to say)."""
    if len(digits) > 2:
        return None
    n = int(digits)
    ones, tens = words["ones"], words["tens"]
    if n < len(ones):
        return str(ones[n])
    if n < 100:
        return str(tens[n // 10]) + (f"-{ones[n % 10]}" if n % 10 else "")
    return None


def _spell_out_numbers(text: str, profile: Profile) -> tuple[str, list[tuple[str, str]]]:
    """Numbers written out where the profile asks (English: a number that starts a sentence,
    EN-NUM-START, up to 99; digits one to ten, EN-NUM-1-10), capitalised at the start of a
    sentence. Lines with markup are left to a person."""
    start_rules = profile.rules_for("number_at_sentence_start")
    ten_rules = profile.rules_for("numbers_one_to_ten")
    if not (start_rules or ten_rules) or not any(ch.isdigit() for ch in text):
        return text, []
    rule = (ten_rules or start_rules)[0]
    words = number_words(str(rule.params.get("words", "numbers-en.toml")))
    done: list[tuple[str, str]] = []
    lines = text.split("\n")
    after_sentence = True  # the previous line ended a sentence (or there is none)
    for no, ln in enumerate(lines):
        if "<" in ln or "{" in ln or not any(ch.isdigit() for ch in ln):
            after_sentence = bool(re.search(r"[.!?\u2026][\"'\u201d\u2019)\]]*\s*$", ln))
            continue
        dashed = ln.lstrip().startswith(_DASHES)
        if start_rules:
            for _ in range(8):  # one sentence at a time, as the check finds them
                starts = no == 0 or dashed
                m = LINE_START_NUMBER.match(ln) if starts else None
                if m is None:
                    m = START_NUMBER.search(ln, 1)  # (``^`` never matches there)
                if m is None:
                    break
                said = _in_words(m.group(1), words)
                if said is None:
                    break  # a long number: rephrasing it is a person's call
                if not m.group(0).startswith(","):
                    said = said[0].upper() + said[1:]
                a, b = m.start(1), m.end(1)
                done.append((start_rules[0].id, f"{m.group(1)!r} -> {said!r}"))
                ln = ln[:a] + said + ln[b:]
        if ten_rules:
            for m in reversed(one_to_ten(ln, words)):
                said = _in_words(m.group(1), words)
                if said is None:  # pragma: no cover - one to ten always has a word
                    continue
                before = ln[: m.start()]
                opening = _LINE_OPENING.match(before) and (no == 0 or dashed or after_sentence)
                if opening or _SENTENCE_BEFORE.search(before):
                    said = said[0].upper() + said[1:]
                done.append((ten_rules[0].id, f"{m.group(1)!r} -> {said!r}"))
                ln = ln[: m.start()] + said + ln[m.end() :]
        lines[no] = ln
        after_sentence = bool(re.search(r"[.!?\u2026][\"'\u201d\u2019)\]]*\s*$", ln))
    return "\n".join(lines), done


def _fix_dashes(text: str, profile: Profile) -> tuple[str, list[tuple[str, str]]]:
    """Dialogue dashes in the profile's style, on every speaker's line. Run on the text and
    again after reflow, which may have made a two-line dialogue of three lines."""
    plan = _plan(profile)
    rid = plan.dual_rid
    if rid is None or not ("-" in text or "\u2013" in text or "\u2014" in text):
        return text, []
    dash = plan.dash
    written = text.split("\n")
    if "<" in text or "{" in text or "\\h" in text:
        bare = [strip_markup(ln).lstrip() for ln in written]
    else:
        bare = [ln.lstrip() for ln in written]
    dashed = [b.startswith(_DASHES) and not b.startswith("--") for b in bare]
    lines = written
    if len(lines) == 2 and dashed[1] and not dashed[0] and bare[0]:
        lines = [dash + lines[0].lstrip(), lines[1]]
        dashed[0] = True
    if not any(dashed):
        return text, []
    new_lines = []
    for ln, d in zip(lines, dashed, strict=True):
        if d:
            m = _DASH_LINE.match(ln)
            if m is not None:
                ln = m.group(1) + dash + ln[m.end() :]
        new_lines.append(ln)
    if new_lines == written:
        return text, []
    return "\n".join(new_lines), [(rid, f"dialogue dashes as '{dash}text'")]


def _fix_brackets(text: str, profile: Profile) -> tuple[str, list[tuple[str, str]]]:
    """A leading (sound cue) or {speaker ID} in brackets the language's SDH does not use for
    it becomes [square brackets]; Korean speaker names stay in ( ) as Korean SDH writes them.
    Run after reflow, which may have moved a parenthesis to the start of a line."""
    done: list[tuple[str, str]] = []
    if not ("(" in text or "{" in text):
        return text, done
    rid = _plan(profile).brackets_rid
    if rid:
        conv = _plan(profile).conv
        lines = text.split("\n")
        new_lines = [
            _LEADING_BRACES.sub(r"\1[\2]", _LEADING_PARENS.sub(r"\1[\2]", ln))
            if bracket_misused(ln, conv)
            else ln
            for ln in lines
        ]
        if new_lines != lines:
            text = "\n".join(new_lines)
            done.append((rid, "( ) -> [ ]"))
    return text, done


# a second speaker's dash inside a line: "어디 가? - 집에" (not "--", not a hyphenated word)
_INLINE_SPEAKER = re.compile(r"(?<=\S)\s+(?=[-\u2013\u2014]\s?[^\s\-])(?<!-)")


def _voices(lines: list[str], profile: Profile) -> list[tuple[bool, list[str]]]:
    """The lines of a cue as runs: ``(True, [line])`` for each SDH speaker or sound line
    (layout, kept as it is), ``(False, lines)`` for a run of one voice's dialogue. A dialogue
    dash or a leading speaker label (``(진아) 응``) starts a new voice: lines are never joined
    or reflowed across speakers."""
    conv = _plan(profile).conv
    runs: list[tuple[bool, list[str]]] = []
    for ln in lines:
        marked = _LAYOUT_MARK.search(ln) is not None  # no bracket, music or colon: dialogue
        if marked and line_role(ln, conv) != DIALOGUE:  # is_layout, the mark already found
            runs.append((True, [ln]))
            continue
        markup = "<" in ln or "{" in ln or "\\h" in ln
        bare = (strip_markup(ln) if markup else ln).lstrip()
        new_voice = bare.startswith(_DASHES) or (
            marked and bare[:1] in "([" and label_of(bare) is not None
        )
        if runs and not runs[-1][0] and not new_voice:
            runs[-1][1].append(ln)
        else:
            runs.append((False, [ln]))
    return runs


def _layout(text: str, profile: Profile, texts: _Texts | None = None) -> tuple[str, bool]:
    """(new text, fits) for the profile's line limit and line count.

    Each voice's lines are laid out on their own (see :func:`_voices`); speaker and sound
    lines stay on their own lines and do not count against the line limit.
    """
    laid, fits, _ = _layout_runs(text, profile, texts)
    return laid, fits


_Runs = tuple[list[str], list[tuple[bool, list[str]]]]
#: what the text steps, which read nothing but a text and the profile, made of each text in
#: one call of :func:`fix`, by (step, text): a file says "네" and "(sighs)" many times, and
#: each pass lays out the same texts again. (What is kept is only read, never changed.)
_Texts = dict[tuple[str, str], Any]


def _layout_runs(
    text: str, profile: Profile, texts: _Texts | None = None
) -> tuple[str, bool, _Runs | None]:
    """:func:`_layout`, and when the text does not fit, its lines (blank ones left out) and
    their voices, for :func:`_many_voices`."""
    if texts is None:
        return _layout_runs_of(text, profile)
    key = ("layout", text)
    got = texts.get(key)
    if got is None:
        texts[key] = got = _layout_runs_of(text, profile)
    return got


def _layout_runs_of(text: str, profile: Profile) -> tuple[str, bool, _Runs | None]:
    plan = _plan(profile)
    max_len, max_lines, method = plan.max_len, plan.max_lines, plan.method
    if "\n" not in text and text.strip() == text:
        # one line: nothing to lay out unless it is too long
        # (a text never counts more than its characters: most lines need no count)
        short = len(text) <= max_len or text_length(text, method) <= max_len
        dash = "-" in text or "\u2013" in text or "\u2014" in text  # an inline speaker's
        if short and not (dash and _INLINE_SPEAKER.search(text)):
            return text, True, None
    lines = [ln for ln in text.split("\n") if ln.strip()]
    if not lines:
        return text, True, None
    one_line_rule = plan.one_line_rule
    out: list[str] = []
    dialogue = 0
    runs = _voices(lines, profile)
    for layout, run in runs:
        if layout:
            out.extend(run)
            continue
        inline: list[re.Match[str]] = []
        if len(run) == 1:
            ln = run[0]
            fits_now = len(ln) <= max_len or text_length(ln, method) <= max_len
            joined = ln.strip()
            if "-" in ln or "\u2013" in ln or "\u2014" in ln:  # the pattern needs a dash
                inline.extend(_INLINE_SPEAKER.finditer(strip_markup(ln)))
        else:
            fits_now = all(len(ln) <= max_len or text_length(ln, method) <= max_len for ln in run)
            joined = " ".join(ln.strip() for ln in run)
            for ln in run:
                if "-" in ln or "\u2013" in ln or "\u2014" in ln:
                    inline.extend(_INLINE_SPEAKER.finditer(strip_markup(ln)))
        if inline:
            # "- 어디 가? - 집에": two speakers on one line may only part at the second dash
            if fits_now:
                out.extend(run)
                dialogue += len(run)
                continue
            if len(run) > 1 or len(inline) > 1 or "<" in run[0] or "{" in run[0]:
                return text, False, (lines, runs)
            cut = inline[0].start() + 1
            while run[0][cut] == " ":
                cut += 1
            parts = [run[0][:cut].rstrip(), run[0][cut:].strip()]
            if any(text_length(p, method) > max_len for p in parts):
                return text, False, (lines, runs)
            out.extend(parts)
            dialogue += 2
            continue
        if fits_now and not (
            one_line_rule and len(run) > 1 and text_length(joined, method) <= max_len
        ):
            new: list[str] | None = run
        else:
            # Markup such as {\an8} travels with its word; a break inside <i>…</i> is fine.
            new = best_lines(joined, max_len, method, profile.language)
        if new is None:
            return text, False, (lines, runs)
        out.extend(new)
        dialogue += len(new)
    if dialogue > max_lines:
        return text, False, (lines, runs)
    return "\n".join(out), True, None


# --- timing ----------------------------------------------------------------------------------


def _needed_ms(cue: Cue, profile: Profile) -> float:
    plan = _plan(profile)
    need = plan.min_need
    if plan.cps:
        n = text_length(cue.text, plan.method)
        need = max(need, n * 1000.0 / plan.cps)
    return need


#: rules about the gap between two cues: a finding on one may come from a change to the next
_PAIR_CHECKS = frozenset({"min_gap", "overlap", "chain_gap"})


def fix(
    subs: Subtitles,
    profile: Profile | str,
    *,
    fps: float | None = None,
    shot_changes: Sequence[int] | None = None,
) -> tuple[Subtitles, list[Change]]:
    """A fixed copy of ``subs`` and the list of changes; ``subs`` itself is not modified.

    Small gaps are chained only when ``shot_changes`` (ms) is given, and never across a cut.
    Every change is checked against every rule of the profile: a cue whose change would add
    a finding it did not have is left as it was (and its neighbour, for the gap rules).
    """
    if isinstance(profile, str):
        profile = load_profile(profile)
    # One pass can make room for another (a merge frees time, a reflow allows a merge): run
    # to a fixed point, so that fixing a fixed file changes nothing.
    current = subs
    covers: list[tuple[int, ...]] = [(k,) for k in range(1, len(subs.cues) + 1)]
    changes: list[Change] = []
    had, had_next = rules_by_cue(subs, profile, fps=fps, shot_changes=shot_changes)
    # cues a round left as they were, with what it tried: the next round does not try the
    # same change again (it would be refused again), but may try another
    refused: dict[int, _Attempt] = {}
    memo: dict[tuple[int, int, str, bool], _Made] = {}
    texts: _Texts = {}
    retried = False
    # the retry's pass: what the round before it made, changes held back included (a pass is
    # a function of the cues and their findings, which a held-back round leaves as they were)
    again: tuple[Subtitles, list[Change], list[tuple[int, ...]]] | None = None
    for _ in range(_MAX_ROUNDS + 1):
        if again is not None:
            (out, done, round_covers), again = again, None
        else:
            out, done, round_covers = _fix_once(
                current, profile, fps, shot_changes, had, memo, texts
            )
        tried_all = (out, done, round_covers)
        if refused:
            made = _attempts(out, round_covers, refused)
            hold = {j for j, tried in refused.items() if made.get(j, ()) == tried}
        else:
            hold = set()
        if hold:
            out, round_covers = _revert(current, out, round_covers, hold)
            done = [c for c in done if c.index not in hold]
        if _same_cues(out, current):
            if refused and not retried:
                # a change refused in an earlier round was judged beside neighbours that
                # have changed since ("would have added GEN-CHAIN-GAP" next to a cue the
                # same round trimmed): try those once more on the fixed file, as a second
                # run of fix would, so that fixing a fixed file changes nothing
                retried, refused, again = True, {}, tried_all
                continue
            break  # nothing more to do: no need to check it again
        tried_out, tried_covers = out, round_covers
        out, done, round_covers, (had, had_next), reverted = _keep_only_harmless(
            current, profile, fps, shot_changes, out, done, round_covers, (had, had_next)
        )
        made = _attempts(tried_out, tried_covers, reverted) if reverted else {}
        previous, refused = refused, {}
        for j, cov in enumerate(round_covers, 1):
            if len(cov) == 1 and cov[0] in hold:
                refused[j] = previous[cov[0]]
            elif len(cov) == 1 and cov[0] in reverted:
                refused[j] = made.get(cov[0], ())
        same = _same_cues(out, current)
        n_covers = len(covers)
        for c in done:  # each change is this round's own object: renumbered in place
            if not same or c.detail.startswith(_LEFT_AS_IT_WAS):
                if c.index <= n_covers:
                    c.index = covers[c.index - 1][0]
                changes.append(c)
        if same:
            break
        covers = [
            covers[cov[0] - 1] if len(cov) == 1 else tuple(k for i in cov for k in covers[i - 1])
            for cov in round_covers
        ]
        current = out
    changes.sort(key=_BY_INDEX)
    if current is subs:  # nothing changed: still a copy, never the input's own cues
        current = copy.copy(subs)
        current.cues = [_clone(c) for c in subs.cues]
    return current, changes


_MAX_ROUNDS = 4
_LEFT_AS_IT_WAS = "left as it was"
_Attempt = tuple[tuple[int, int, str], ...]


def _attempts(
    out: Subtitles, covers: list[tuple[int, ...]], wanted: Collection[int]
) -> dict[int, _Attempt]:
    """What a round made of each input cue in ``wanted``: every output cue built from it."""
    made: dict[int, list[tuple[int, int, str]]] = {}
    for c, cov in zip(out.cues, covers, strict=True):
        for k in cov:
            if k in wanted:
                made.setdefault(k, []).append((c.start, c.end, c.text))
    return {k: tuple(v) for k, v in made.items()}


def _same_cues(a: Subtitles, b: Subtitles) -> bool:
    return len(a.cues) == len(b.cues) and all(
        x.start == y.start and x.end == y.end and x.text == y.text
        for x, y in zip(a.cues, b.cues, strict=True)
    )


_Found = tuple[dict[int, set[str]], list[int | None]]


def _known(
    out: Subtitles,
    covers: list[tuple[int, ...]],
    subs: Subtitles,
    had: _Found,
    previous: tuple[Subtitles, _Found] | None = None,
) -> tuple[dict[int, Known], dict[int, frozenset[str] | set[str]]]:
    """What is known of the cues of ``out`` without checking them again: a cue the round
    left as it was in ``subs`` (or one kept as it was from the ``previous`` try); and the
    findings of a cue whose text it left as it was (for the rules that read only the text,
    see :func:`rules_by_cue`)."""
    known: dict[int, Known] = {}
    known_text: dict[int, frozenset[str] | set[str]] = {}
    rules, nexts = had
    for j, (cue, cov) in enumerate(zip(out.cues, covers, strict=True)):
        if len(cov) != 1:
            continue
        was = subs.cues[cov[0] - 1]
        if cue.text == was.text:
            if cue.start == was.start and cue.end == was.end:
                known[j] = (rules.get(cov[0], _NONE), nexts[cov[0] - 1])
            else:
                known_text[j] = rules.get(cov[0], _NONE)
    if previous is not None:
        prev, (prev_rules, prev_nexts) = previous
        at = {id(c): i for i, c in enumerate(prev.cues)}
        for j, cue in enumerate(out.cues):
            i = at.get(id(cue))
            if i is not None and j not in known:
                known[j] = (prev_rules.get(i + 1, _NONE), prev_nexts[i])
    return known, known_text


_NONE: frozenset[str] = frozenset()


def _keep_only_harmless(
    subs: Subtitles,
    profile: Profile,
    fps: float | None,
    shot_changes: Sequence[int] | None,
    out: Subtitles,
    changes: list[Change],
    covers: list[tuple[int, ...]],
    had_found: _Found,
) -> tuple[Subtitles, list[Change], list[tuple[int, ...]], _Found, set[int]]:
    """Revert every input cue whose fixed form has a finding (rule) the input did not have.

    ``had_found`` holds the input's findings by cue (with the next cue's start, see
    :func:`rules_by_cue`); the result's are returned with it. Only cues that changed (or
    whose next cue did) are checked again.
    """
    check_of = {r.id: r.check for r in profile.rules}
    reverted: dict[int, str] = {}
    had = had_found[0]
    previous: tuple[Subtitles, _Found] | None = None
    for _ in range(12):
        known, known_text = _known(out, covers, subs, had_found, previous)
        found_next = rules_by_cue(
            out, profile, fps=fps, shot_changes=shot_changes, known=known, known_text=known_text
        )
        found = found_next[0]
        following: dict[int, int] | None = None  # the next cue in time order, when needed
        bad: set[int] = set()
        for index, rules in found.items():
            j = index - 1
            cov = covers[j]
            if len(cov) == 1:  # most cues: one input cue, and what it had
                prior = had.get(cov[0], _NONE)
                new_rules = [r for r in rules if r not in prior]
            else:
                new_rules = [r for r in rules if not any(r in had.get(k, ()) for k in cov)]
            for rule in sorted(new_rules):  # (the one named is the same on every run)
                group = set(covers[j])
                if check_of.get(rule) in _PAIR_CHECKS:
                    if following is None:
                        following = _following(out)
                    if j in following:
                        group.update(covers[following[j]])
                for k in group:
                    reverted.setdefault(k, rule)
                bad.update(group)
        if not bad:
            break
        previous = (out, found_next)
        out, covers = _revert(subs, out, covers, set(reverted))
    else:  # pragma: no cover - each round reverts more; the input itself adds nothing
        out, covers = copy.copy(subs), [(k,) for k in range(1, len(subs.cues) + 1)]
        reverted = dict.fromkeys(range(1, len(subs.cues) + 1), "")
        found_next = had_found
    kept = [c for c in changes if c.index not in reverted]
    changed = {c.index for c in changes}
    for k, rule in sorted(reverted.items()):
        if k in changed:
            kept.append(Change(k, rule, f"{_LEFT_AS_IT_WAS}: the fix would have added {rule}"))
    kept.sort(key=_BY_INDEX)
    return out, kept, covers, found_next, set(reverted)


def _following(out: Subtitles) -> dict[int, int]:
    """Each cue's position -> the position of the cue after it in time order."""
    cues = out.cues
    order = sorted(range(len(cues)), key=lambda j: (cues[j].start, cues[j].end))
    return dict(zip(order, order[1:], strict=False))


def _revert(
    subs: Subtitles, out: Subtitles, covers: list[tuple[int, ...]], undo: set[int]
) -> tuple[Subtitles, list[tuple[int, ...]]]:
    """``out`` with every cue made from an input cue in ``undo`` replaced by the input cue."""
    cues: list[Cue] = []
    new_covers: list[tuple[int, ...]] = []
    restored: set[int] = set()
    for cue, cov in zip(out.cues, covers, strict=True):
        if not undo.intersection(cov):
            cues.append(cue)
            new_covers.append(cov)
            continue
        for k in cov:
            if k not in restored:
                restored.add(k)
                cues.append(_clone(subs.cues[k - 1]))
                new_covers.append((k,))
    for k in sorted(undo - restored):  # e.g. an empty cue the fix removed
        cues.append(_clone(subs.cues[k - 1]))
        new_covers.append((k,))
    keys = [(c.start, c.end, cov) for c, cov in zip(cues, new_covers, strict=True)]
    order = sorted(range(len(cues)), key=keys.__getitem__)
    result = copy.copy(out)
    result.cues = [cues[j] for j in order]
    return result, [new_covers[j] for j in order]


def _fix_once(
    subs: Subtitles,
    profile: Profile,
    fps: float | None,
    shot_changes: Sequence[int] | None,
    found: dict[int, set[str]],
    memo: dict[tuple[int, int, str, bool], _Made],
    texts: _Texts | None = None,
) -> tuple[Subtitles, list[Change], list[tuple[int, ...]]]:
    """One pass of every step. ``found``: the rules each cue of ``subs`` breaks (1-based);
    the text steps touch only cues with a finding they serve, so a clean cue keeps its
    text as written (and a pass over a fixed file does little work). ``memo``: what the
    text steps made of a cue (its times and text) in an earlier pass: a cue left as it was
    comes back the same, and is not laid out again."""
    rate = resolve_fps(subs, profile, fps)
    text_rids = _plan(profile).text_rids
    frame = 1000.0 / rate
    min_gap = math.ceil(float(profile.param("min_gap", "frames", 2)) * frame)
    chain_rule = profile.rules_for("chain_gap") if shot_changes is not None else []
    cuts = sorted(shot_changes) if shot_changes is not None else []
    chain_max = (
        float(chain_rule[0].params.get("max_frames", 12)) * frame + 1 if chain_rule else None
    )
    max_ms = profile.param("max_duration", "max_ms", None)
    # ASS/SSA store centiseconds: round ends so the written file keeps what we computed.
    step = 10 if subs.format in ("ass", "ssa") else 1
    min_gap = math.ceil(min_gap / step) * step
    changes: list[Change] = []
    out = copy.copy(subs)
    cues: list[Cue] = []
    origin: list[int] = []  # original 1-based index of each new cue

    # 1. text: punctuation, spaces, dashes, italics, brackets; drop empty cues
    # 2. layout: reflow, or split cues whose words need more than the allowed lines
    empty_rid = _rule_id(profile, "empty")
    layout_rid = (
        _rule_id(profile, "line_length")
        or _rule_id(profile, "max_lines")
        or _rule_id(profile, "one_line")
    )
    crowded = _overlapping(subs.cues)
    keep, mark = cues.append, origin.append
    for k, cue in enumerate(subs.cues, 1):
        had = found.get(k)
        if had is None or text_rids.isdisjoint(had):
            keep(
                Cue(
                    cue.start,
                    cue.end,
                    cue.text,
                    cue.line,
                    cue.identifier,
                    cue.settings,
                    cue.event,
                    cue.ttml,
                )
            )  # _clone, inline: most cues of a long file
            mark(k)
            continue
        may_split = k - 1 not in crowded
        key = (cue.start, cue.end, cue.text, may_split)
        made = memo.get(key)
        if made is None:
            done: list[tuple[str, str]] = []
            parts = _text_steps(
                cue, profile, min_gap, empty_rid, layout_rid, done, may_split, texts
            )
            memo[key] = made = (tuple([(p.start, p.end, p.text) for p in parts]), tuple(done))
            # the parts are new cues of their own (the memo keeps their values): use them
            cues.extend(parts)
            origin.extend([k] * len(parts))
            changes.extend([Change(k, rid, detail) for rid, detail in done])
            continue
        for start, end, text in made[0]:
            part = _clone(cue)
            part.start, part.end, part.text = start, end, text
            keep(part)
            mark(k)
        changes.extend([Change(k, rid, detail) for rid, detail in made[1]])

    # 3. timing, in time order
    times = [(c.start, c.end) for c in cues]
    order = sorted(range(len(cues)), key=times.__getitem__)
    cues = [cues[i] for i in order]
    origin = [origin[i] for i in order]
    max_rid = _rule_id(profile, "max_duration")
    if max_ms is not None and max_rid:
        split_cues: list[Cue] = []
        split_origin: list[int] = []
        longest = float(max_ms)
        overlapping: set[int] | None = None  # found when the first long cue needs it
        for i, (cue, k) in enumerate(zip(cues, origin, strict=True)):
            if cue.end - cue.start > longest:
                parts = [cue]
                if overlapping is None:
                    overlapping = _overlapping(cues)
                if i not in overlapping:
                    parts = _split_long(cue, float(max_ms), profile, min_gap)
                if len(parts) > 1:
                    changes.append(Change(k, max_rid, f"split in {len(parts)} cues"))
                else:
                    old = cue.end
                    cue.end = cue.start + int(max_ms)
                    changes.append(
                        Change(k, max_rid, f"end {timecode(old)} -> {timecode(cue.end)}")
                    )
                    parts = [cue]
                split_cues.extend(parts)
                split_origin.extend([k] * len(parts))
            else:
                split_cues.append(cue)
                split_origin.append(k)
        cues, origin = split_cues, split_origin

    speed_rid = _rule_id(profile, "reading_speed") or _rule_id(profile, "min_duration")
    n = len(cues)
    plan = _plan(profile)
    # a text is never longer than its characters: most cues need no count at all
    per_char = 1000.0 / plan.cps if plan.cps else 0.0
    neg_rid = _rule_id(profile, "negative_duration")
    min_need, cps, method = plan.min_need, plan.cps, plan.method
    for i, cue in enumerate(cues):
        d = cue.end - cue.start
        if d <= 0:
            # an end at or before the start: the cue is never shown. Give it the time its
            # words need from its start when that is free (Subtitle Edit's fix of "start time
            # later than end time"); otherwise a person must look.
            if neg_rid:
                need = _needed_ms(cue, profile)
                target = math.ceil((cue.start + need) / step) * step
                free = cues[i + 1].start - min_gap if i + 1 < n else target
                if target <= free and (max_ms is None or need <= float(max_ms)):
                    changes.append(
                        Change(
                            origin[i], neg_rid,
                            f"end {timecode(cue.end)} -> {timecode(target)} (was before the start)",
                        )
                    )  # fmt: skip
                    cue.end = target
            continue
        if d >= min_need and len(cue.text) * per_char <= d:
            continue
        need = min_need  # _needed_ms, inline (most cues of a long file come here)
        if cps:
            need = max(need, text_length(cue.text, method) * 1000.0 / cps)
        if cue.end - cue.start >= need:
            continue
        limit = cues[i + 1].start - min_gap if i + 1 < n else cue.start + math.ceil(need)
        if max_ms is not None:
            limit = min(limit, cue.start + int(max_ms))
        target = int(min(math.ceil((cue.start + need) / step) * step, limit // step * step))
        if target > cue.end and speed_rid:
            changes.append(
                Change(origin[i], speed_rid, f"end {timecode(cue.end)} -> {timecode(target)}")
            )
            cue.end = target

    # merge a still-too-short cue into its neighbour when the two fit as one event
    min_rid = _rule_id(profile, "min_duration")
    absorbed: dict[int, int] = {}  # input cue -> the next input cue merged into it
    if min_rid:
        cues, origin = _merge_short(cues, origin, profile, min_gap, changes, min_rid, absorbed)

    if cuts:
        _snap_to_shot_changes(cues, origin, cuts, profile, rate, min_gap, step, changes)

    gap_rid = _rule_id(profile, "min_gap") or _rule_id(profile, "overlap")
    chain_rid = chain_rule[0].id if chain_rule else None
    # drawings and tag-only events keep their timing and take no part in gap rules
    timed = [
        i for i, c in enumerate(cues)
        if c.end > c.start and (
            # shown as written (no markup): it has something to read, or nothing at all
            ("<" not in c.text and "{" not in c.text and "\\h" not in c.text)
            or strip_markup(c.text).strip() or not c.text.strip()
        )
    ]  # fmt: skip
    for i, j in zip(timed, timed[1:], strict=False):
        cue, nxt = cues[i], cues[j]
        gap = nxt.start - cue.end
        if gap < min_gap - 1 and gap_rid:
            target = (nxt.start - min_gap) // step * step
            if target > cue.start:
                changes.append(
                    Change(origin[i], gap_rid, f"end {timecode(cue.end)} -> {timecode(target)}")
                )
                cue.end = target
        elif (
            chain_max is not None
            and chain_rid
            and min_gap + 1 < gap <= chain_max
            and not _cut_between(cuts, cue.end, nxt.start + 1)
        ):
            target = (nxt.start - min_gap) // step * step
            if max_ms is None or target - cue.start <= float(max_ms):
                changes.append(
                    Change(origin[i], chain_rid, f"end {timecode(cue.end)} -> {timecode(target)}")
                )
                cue.end = target

    out.cues = cues
    changes.sort(key=_BY_INDEX)
    covers: list[tuple[int, ...]] = [(k, absorbed[k]) if k in absorbed else (k,) for k in origin]
    return out, changes, covers


#: what the text steps made of a cue: its parts' (start, end, text), the changes (rule, detail)
_Made = tuple[tuple[tuple[int, int, str], ...], tuple[tuple[str, str], ...]]


def _text_steps(
    cue: Cue,
    profile: Profile,
    min_gap: int,
    empty_rid: str | None,
    layout_rid: str | None,
    done: list[tuple[str, str]],
    may_split: bool = True,
    texts: _Texts | None = None,
) -> list[Cue]:
    """The text steps on one cue: its parts (none when it is removed as empty); what was
    done is added to ``done``. A cue that overlaps another is not split (``may_split``):
    its second half would come after the other cue's words."""
    if texts is None:
        texts = {}
    new = _clone(cue)
    text, fixed = _cached(_fix_text, cue.text, profile, texts)
    # line ends as written first (the layout then counts the lines without them), and again
    # after layout, which may end a line where a sentence ended
    text, ended = _cached(_end_punctuation, text, profile, texts)
    fixed.extend(ended)
    new.text = text
    done.extend(fixed)
    if empty_rid and not text.strip() and cue.end > cue.start:
        done.append((empty_rid, "removed empty cue"))
        return []
    parts = [new]
    before_layout = new.text
    if layout_rid and new.end > new.start:
        laid: list[Change] = []
        parts = _layout_or_split(
            new, profile, min_gap, laid, 0, layout_rid, may_split=may_split, texts=texts
        )
        done.extend((c.what, c.detail) for c in laid)
    for part in parts:
        part.text, more = _cached(_fix_brackets, part.text, profile, texts)
        if part is not new or part.text != before_layout:
            part.text, dash_done = _cached(_fix_dashes, part.text, profile, texts)
            more.extend(dash_done)
        if part is not new or part.text != before_layout:
            part.text, ended = _cached(_end_punctuation, part.text, profile, texts)
            more.extend(e for e in ended if e not in done)
        done.extend(more)
    return parts


def _snap_to_shot_changes(
    cues: list[Cue],
    origin: list[int],
    cuts: list[int],
    profile: Profile,
    fps: float,
    min_gap: int,
    step: int,
    changes: list[Change],
) -> None:
    """Move in- and out-times that sit near a shot change to where Netflix puts them, when
    the cue stays long enough and keeps two frames from its neighbours."""
    in_rules = profile.rules_for("shot_change_in")
    out_rules = profile.rules_for("shot_change_out")
    min_ms = float(profile.param("min_duration", "min_ms", 0))
    max_ms = float(profile.param("max_duration", "max_ms", 10**9))
    n = len(cues)
    for i, cue in enumerate(cues):
        if cue.end <= cue.start:
            continue
        # never shorter than the words need (or than it already was, if it was short)
        need = min(float(cue.end - cue.start), max(min_ms, _needed_ms(cue, profile)))
        prev_end = cues[i - 1].end if i > 0 else None
        next_start = cues[i + 1].start if i + 1 < n else None
        if in_rules:
            t = shot_in_target(cue.start, cue.end, cuts, fps, in_rules[0].params)
            if t is not None:
                t = t // step * step
                ok = (
                    (prev_end is None or t >= prev_end + min_gap)
                    and need <= cue.end - t <= max_ms
                    and t >= 0
                )
                if ok:
                    changes.append(
                        Change(
                            origin[i], in_rules[0].id,
                            f"start {timecode(cue.start)} -> {timecode(t)} (shot change)",
                        )
                    )  # fmt: skip
                    cue.start = t
        if out_rules:
            t = shot_out_target(cue.start, cue.end, cuts, fps, out_rules[0].params)
            if t is not None:
                t = t // step * step
                ok = (next_start is None or t <= next_start - min_gap) and (
                    need <= t - cue.start <= max_ms
                )
                if ok:
                    changes.append(
                        Change(
                            origin[i], out_rules[0].id,
                            f"end {timecode(cue.end)} -> {timecode(t)} (shot change)",
                        )
                    )  # fmt: skip
                    cue.end = t


def _cut_between(cuts: list[int], start: int, end: int) -> bool:
    at = bisect.bisect_left(cuts, start)
    return at < len(cuts) and cuts[at] < end


def _overlapping(cues: list[Cue]) -> set[int]:
    """Positions of the cues (with a duration) that overlap another cue in time."""
    timed = sorted((c.start, c.end, i) for i, c in enumerate(cues) if c.end > c.start)
    out: set[int] = set()
    reach, at = -(10**12), -1  # the latest end so far, and whose
    for n, (start, end, i) in enumerate(timed):
        if start < reach:
            out.update((i, at))
        if n + 1 < len(timed) and timed[n + 1][0] < end:
            out.add(i)
        if end > reach:
            reach, at = end, i
    return out


def _many_voices(text: str, profile: Profile, known: _Runs | None = None) -> bool:
    """More than one voice, or SDH layout lines, in the cue: it is not split. ``known``:
    the text's lines and voices, when :func:`_layout_runs` has found them."""
    if known is None:
        lines = [ln for ln in text.split("\n") if ln.strip()]
        runs = _voices(lines, profile)
    else:
        lines, runs = known
    if len(runs) > 1 or any(layout for layout, _ in runs):
        return True
    bare = [strip_markup(ln).lstrip() for ln in lines]
    return any(b.startswith(("-", "\u2013", "\u2014")) or _INLINE_SPEAKER.search(b) for b in bare)


def _layout_or_split(
    cue: Cue,
    profile: Profile,
    min_gap: int,
    changes: list[Change],
    k: int,
    rid: str,
    depth: int = 0,
    *,
    may_split: bool = True,
    texts: _Texts | None = None,
) -> list[Cue]:
    text, fits, voices = _layout_runs(cue.text, profile, texts)
    if fits:
        if text != cue.text:
            before = [ln for ln in cue.text.split("\n") if ln.strip()]
            after = text.split("\n")
            plan = _plan(profile)
            reason = (
                plan.max_lines_rid if len(before) > plan.max_lines
                else plan.one_line_rid if len(after) == 1 and len(before) > 1
                else None
            ) or rid  # fmt: skip
            changes.append(Change(k, reason, f"reflowed: {_show(cue.text)!r} -> {_show(text)!r}"))
            cue.text = text
        return [cue]
    if not may_split or _many_voices(cue.text, profile, voices):
        return [cue]  # never split across speakers or through SDH layout
    halves = split_text(cue.text, profile.length, profile.language)
    if halves is None:
        return [cue]
    parts = _timed_parts(cue, list(halves), profile, min_gap)
    if parts is None:
        return [cue]
    out: list[Cue] = []
    for part in parts:
        t, ok = _layout(part.text, profile, texts)
        part.text = t
        if not ok and depth < _MAX_SPLIT_DEPTH:
            # still too long for two lines: split the part again now rather than in a
            # second round (each part keeps at least the time its words need, or stays)
            out.extend(_layout_or_split(part, profile, min_gap, [], k, rid, depth + 1, texts=texts))
        else:
            out.append(part)
    if len(out) > 1:
        what = "split in two" if len(out) == 2 else f"split in {len(out)}"
        changes.append(Change(k, rid, f"{what}: {' | '.join(_show(p.text) for p in out)!r}"))
    return out


_MAX_SPLIT_DEPTH = 2


def _timed_parts(cue: Cue, texts: list[str], profile: Profile, min_gap: int) -> list[Cue] | None:
    """Share the cue's time between ``texts`` in proportion to their length."""
    lengths = [max(text_length(t, profile.length), 0.5) for t in texts]
    total = sum(lengths)
    span = cue.end - cue.start - min_gap * (len(texts) - 1)
    if span <= 0:
        return None
    parts = []
    t = cue.start
    for n, (text, length) in enumerate(zip(texts, lengths, strict=True)):
        end = cue.end if n == len(texts) - 1 else t + round(span * length / total)
        part = _clone(cue)
        part.start, part.end, part.text = t, end, text
        parts.append(part)
        t = end + min_gap
    return parts


def _split_long(cue: Cue, max_ms: float, profile: Profile, min_gap: int) -> list[Cue]:
    lines = [ln for ln in cue.text.split("\n") if ln.strip()]
    if _many_voices(cue.text, profile) or len(" ".join(lines).split()) < 2:
        return [cue]
    if _needed_ms(cue, profile) <= max_ms:
        return [cue]  # the words can be read within the limit: trim instead
    if len(lines) == 2:
        halves: tuple[str, str] | None = (lines[0], lines[1])
    else:
        halves = split_text(" ".join(lines), profile.length, profile.language)
    if halves is None:
        return [cue]
    parts = _timed_parts(cue, list(halves), profile, min_gap)
    if parts is None or any(p.end - p.start > max_ms for p in parts):
        return [cue]
    for part in parts:
        part.text, _ = _layout(part.text, profile)
    return parts


_SENTENCE_END = re.compile(r"[.!?\u2026\"'\u201d\u2019)\]]$")


def _same_voice_or_dashed(
    a: str, b: str, da: bool, db: bool, conv: Any, unmarked_ends: bool = False
) -> bool:
    """Whether two one-line cues can share one event without mixing up who speaks: both
    dashed (a dual-speaker event, one speaker a line), or the second goes on with the
    first's sentence (one voice). Never an SDH speaker or sound line, never a labelled line.
    Where the language does not end a line with a period (``unmarked_ends``: Korean), a
    line without one may still end a sentence: only dashed cues are merged."""
    if da and db:
        return True
    if da or db or unmarked_ends:
        return False
    for text in (a, b):
        if is_layout(text, conv) or (text[:1] in "([" and label_of(text) is not None):
            return False
    return not _SENTENCE_END.search(a.rstrip())


def merged_origin_ok(first: int, second: int, absorbed: dict[int, int]) -> bool:
    """A cue is merged once (an event of three cues is no longer one thought)."""
    return first not in absorbed and second not in absorbed


def _merge_short(
    cues: list[Cue],
    origin: list[int],
    profile: Profile,
    min_gap: int,
    changes: list[Change],
    rid: str,
    absorbed: dict[int, int],
) -> tuple[list[Cue], list[int]]:
    min_ms = float(profile.param("min_duration", "min_ms", 0))
    max_ms = float(profile.param("max_duration", "max_ms", 10**9))
    max_len = float(profile.param("line_length", "max", 42))
    cps = profile.param("reading_speed", "max", None)
    conv = conventions_of(profile.sdh)
    unmarked_ends = any(
        "." in r.params.get("forbidden", [".", ","]) for r in profile.rules_for("end_punctuation")
    )
    out: list[Cue] = []
    out_origin: list[int] = []
    i = 0
    while i < len(cues):
        cue = cues[i]
        if (
            i + 1 < len(cues)
            and 0 < cue.end - cue.start < min_ms
            and 0 <= cues[i + 1].start - cue.end <= min_gap + 1
        ):
            nxt = cues[i + 1]
            a, b = strip_markup(cue.text).strip(), strip_markup(nxt.text).strip()
            one_line_each = "\n" not in a and "\n" not in b
            da, db = a.startswith(("-", "\u2013")), b.startswith(("-", "\u2013"))
            merged_text = f"{cue.text.strip()}\n{nxt.text.strip()}"
            duration = nxt.end - cue.start
            fits = (
                one_line_each
                and _same_voice_or_dashed(a, b, da, db, conv, unmarked_ends)
                and merged_origin_ok(origin[i], origin[i + 1], absorbed)
                and text_length(a, profile.length) <= max_len
                and text_length(b, profile.length) <= max_len
                and duration <= max_ms
                and (
                    not cps
                    or text_length(merged_text, profile.length) * 1000 / duration <= float(cps)
                )
            )
            if fits:
                merged = _clone(cue)
                merged.end, merged.text = nxt.end, merged_text
                merged.text, _ = _layout(merged.text, profile)
                changes.append(
                    Change(origin[i], rid, f"merged with the next cue ({origin[i + 1]})")
                )
                absorbed[origin[i]] = origin[i + 1]
                out.append(merged)
                out_origin.append(origin[i])
                i += 2
                continue
        out.append(cue)
        out_origin.append(origin[i])
        i += 1
    return out, out_origin
