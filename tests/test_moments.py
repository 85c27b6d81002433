"""The moments ledger, K-drama signature tags and the finale montage."""

from __future__ import annotations

from dramaturg.analyze.moments import MOMENT_KINDS, signature_tags
from dramaturg.analyze.romance import analyze_romance
from romance_helpers import prose


def test_signature_tags_found_in_text():
    assert "shared_umbrella" in signature_tags("Joon held the umbrella over both of them.")
    assert "back_hug" in signature_tags("He hugged her from behind and said nothing.")
    assert "wrist_grab" in signature_tags("She grabbed his wrist before he could go.")
    assert "first_snow" in signature_tags("It was the first snow of the year.")
    assert signature_tags("They discussed the weather report.") == []


def test_drunk_confession_needs_both_drink_and_feeling():
    assert "drunk_confession" in signature_tags("Drunk on soju, he said he loved her.")
    assert "drunk_confession" not in signature_tags("He was drunk and fell asleep.")


def _story(chapters: int = 6):
    moments = [
        "Joon brought Mina soup when she had a fever, and he looked after her all night.",
        "Every morning Mina and Joon walked together to the same bus stop, as usual.",
        "Mina understood him without a word; Joon nodded, and she knew what he meant.",
        "Joon told Mina his secret, and his voice trembled; she saw he was afraid.",
        "Mina thought Joon was handsome; she blushed when he smiled at her.",
        "Joon chose to stay with Mina instead of taking the job in Busan.",
    ]
    return prose([[moments[i % len(moments)], "The city went on."] for i in range(chapters)])


def test_each_interaction_is_classified_with_quote_and_line():
    r = analyze_romance(_story(), couple=("Mina", "Joon"))
    kinds = {k for m in r.moments for k in m.kinds}
    assert set(MOMENT_KINDS) <= kinds
    first = r.moments[0]
    assert first.evidence.line == 1 and "Joon brought Mina soup" in first.evidence.quote


def test_counts_per_part_cover_every_part():
    d = analyze_romance(_story(), couple=("Mina", "Joon")).to_dict()
    assert len(d["moments_per_part"]) == 6
    assert d["moments_per_part"][0]["kinds"]["caretaking"] >= 1


def test_narrow_romance_is_flagged():
    story = prose([["Mina thought Joon was handsome; she blushed when he smiled."]] * 6)
    r = analyze_romance(story, couple=("Mina", "Joon"))
    assert any(f.code == "ROM-NARROW" for f in r.findings)


def test_long_stretch_without_a_moment_is_flagged():
    filler = ["The office was busy. Deadlines came and went. " * 20]
    chapters = [["Mina blushed when Joon smiled at her."]] + [filler] * 8
    chapters += [["Joon took care of Mina when she was sick; she smiled at him."]]
    r = analyze_romance(prose(chapters), couple=("Mina", "Joon"))
    assert any(f.code == "ROM-GAP" for f in r.findings)


def test_montage_is_varied_and_spread():
    r = analyze_romance(_story(24), couple=("Mina", "Joon"))
    assert 8 <= len(r.montage) <= 12
    assert len({k for m in r.montage for k in m.kinds}) >= 5
    assert len({m.evidence.part_index for m in r.montage}) == len(r.montage)


def test_a_letter_to_the_lover_is_the_two_of_them_on_one_page():
    from dramaturg.analyze.cast import build_cast
    from dramaturg.analyze.thresholds import _Finder, scan
    from dramaturg.read.prose import parse

    filler = " ".join(["I studied all week and walked by the river after supper."] * 8)
    letters = "".join(
        f"                              {n} May\n\nDear Daddy-Long-Legs,\n\n{filler}\n\n"
        "I was so lonely tonight that I cried, and I thought of you.\n\n"
        "      Yours ever,\n            Judy\n\n\n"
        for n in range(1, 7)
    )
    story = parse(letters, "letters.txt")
    cast = build_cast(story)
    couple = (cast.resolve("Judy"), cast.resolve("Daddy-Long-Legs"))
    finder = _Finder(cast, scan(cast.refs, "en"), couple, "en")
    lonely = [r.g for r in cast.refs if "lonely" in r.block.text]
    assert lonely and all(finder.presence(g) >= 0.85 for g in lonely)


def test_five_varied_moments_of_a_short_story_are_not_narrow_for_a_missing_kind():
    # five moments, five kinds, none dominant: too few labels to expect all six kinds
    r = analyze_romance(_story(5), couple=("Mina", "Joon"))
    assert len(r.moments) == 5
    assert not any(f.code == "ROM-NARROW" for f in r.findings)
    # the same kind missing from a long romance is a finding
    long = prose(
        [[line, "The city went on."] for line in [*_story_lines()[:5]] * 4],
    )
    r = analyze_romance(long, couple=("Mina", "Joon"))
    assert any(f.code == "ROM-NARROW" and "choice" in f.message for f in r.findings)


def _story_lines() -> list[str]:
    return [p.blocks[0].text for p in (part.scenes[0] for part in _story().parts)]
