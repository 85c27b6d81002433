"""The numbers a writer or producer asks for first: parts, scenes, words, pages, who talks.

>>> from dramaturg.story import Block, BlockKind, Part, Scene, Span, Story
>>> sc = Scene("INT. CAFE - DAY", Span("x", 1, 4), int_ext="INT", location="CAFE",
...            time_of_day="DAY", blocks=[Block(BlockKind.DIALOGUE, "Hi there.", Span("x", 3, 3),
...            speaker="MINA")])
>>> st = Story("T", [Part("episode", 1, "", Span("x", 1, 4), [sc])]).reindex()
>>> stats(st).to_dict()["characters"][0]["dialogue_words"]
2
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from dramaturg.pages import LINES_PER_PAGE, format_eighths, lines_to_eighths, scene_lines
from dramaturg.story import BlockKind, Scene, Story
from dramaturg.text.count import count_words
from dramaturg.text.time_of_day import day_or_night


@dataclass
class CharacterStats:
    name: str
    dialogue_words: int = 0
    dialogue_lines: int = 0
    scenes: set[int] = field(default_factory=set)

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "dialogue_words": self.dialogue_words,
            "dialogue_lines": self.dialogue_lines,
            "scene_count": len(self.scenes),
        }


@dataclass
class Stats:
    story: Story
    characters: list[CharacterStats]
    scene_eighths: dict[int, int]
    # formatted lines of the whole script (each scene's counted once, for its eighths too)
    script_lines: int = 0

    @property
    def is_script(self) -> bool:
        return self.story.form == "screenplay"

    def to_dict(self) -> dict[str, Any]:
        st = self.story
        # each scene counted once; a part's and the story's numbers are their scenes' sums,
        # as Part.words and Story.words add them up
        words = {id(s): s.words for s in st.scenes}
        sentences = {id(s): s.sentences for s in st.scenes}
        paragraphs = {id(s): s.paragraphs for s in st.scenes}
        out: dict[str, Any] = {
            "title": st.title,
            "form": st.form,
            "language": st.language,
            "files": st.files,
            "parts": [
                {
                    "number": p.number,
                    "label": p.label,
                    "title": p.title,
                    "kind": p.kind,
                    "volume": p.volume,
                    "file": p.span.file,
                    "line": p.span.line,
                    "scene_count": sum(1 for s in p.scenes if counted(st, s)),
                    "words": sum(words[id(s)] for s in p.scenes),
                    "sentences": sum(sentences[id(s)] for s in p.scenes),
                    "paragraphs": sum(paragraphs[id(s)] for s in p.scenes),
                }
                for p in st.parts
            ],
            "part_count": len(st.parts),
            "scene_count": sum(1 for s in st.scenes if counted(st, s)),
            "word_count": sum(words.values()),
            "sentence_count": sum(sentences.values()),
            "paragraph_count": sum(paragraphs.values()),
            "characters": [c.to_dict() for c in self.characters],
        }
        if self.is_script:
            scenes = [s for s in st.scenes if counted(st, s)]
            out["page_count"] = round(self.script_lines / LINES_PER_PAGE, 1)
            out["int_ext"] = dict(Counter(s.int_ext or "OTHER" for s in scenes))
            out["day_night"] = dict(
                Counter(day_or_night(s.time_of_day, st.language) for s in scenes)
            )
            locs: dict[str, dict[str, int]] = {}
            for s in scenes:
                loc = locs.setdefault(s.location or "(none)", {"scenes": 0, "eighths": 0})
                loc["scenes"] += 1
                loc["eighths"] += self.scene_eighths[s.index]
            out["locations"] = [
                {"name": k, **v}
                for k, v in sorted(locs.items(), key=lambda kv: (-kv[1]["eighths"], kv[0]))
            ]
            part_of = st.scene_part()
            out["scenes"] = [
                {
                    "index": s.index,
                    "ordinal": s.ordinal,
                    "number": s.number,
                    "part": part_of[s.index].number,
                    "heading": s.heading,
                    "int_ext": s.int_ext,
                    "location": s.location,
                    "time_of_day": s.time_of_day,
                    "file": s.span.file,
                    "line": s.heading_line or s.span.line,
                    "eighths": self.scene_eighths[s.index],
                    "pages": format_eighths(self.scene_eighths[s.index]),
                    "words": words[id(s)],
                    "speakers": s.speakers,
                }
                for s in scenes
            ]
        return out


def counted(story: Story, scene: Scene) -> bool:
    """Whether a scene counts as one: in a script, text before an episode's first heading
    (a title card, a cold-open note) is kept in the model but is not a scene to shoot."""
    return story.form != "screenplay" or scene.heading is not None


def stats(story: Story) -> Stats:
    """Count parts, scenes, words, pages and each character's dialogue."""
    chars: dict[str, CharacterStats] = {}
    dialogue = BlockKind.DIALOGUE
    for scene in story.scenes:
        for block in scene.blocks:
            # what block.speech() yields, without an Utterance made for each dialogue block:
            # a dialogue block's one utterance is its text, counted once (cached on the block)
            if block.kind is dialogue:
                if not block.speaker:
                    continue
                speech = ((block.speaker, block.words),)
            elif block.utterances:
                speech = tuple(
                    (u.speaker, count_words(u.text)) for u in block.utterances if u.speaker
                )
            else:
                continue
            for speaker, words in speech:
                c = chars.get(speaker)
                if c is None:
                    c = chars[speaker] = CharacterStats(speaker)
                c.dialogue_words += words
                c.dialogue_lines += 1
                c.scenes.add(scene.index)
    ordered = sorted(chars.values(), key=lambda c: (-c.dialogue_words, c.name))
    if story.form != "screenplay":
        return Stats(story, ordered, {})
    lines = {s.index: scene_lines(s) for s in story.scenes}
    scene_eighths = {k: lines_to_eighths(n) for k, n in lines.items()}
    return Stats(story, ordered, scene_eighths, sum(lines.values()))
