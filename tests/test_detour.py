"""Side-character detours (ENG-DETOUR): a scene without the couple whose matter goes nowhere."""

from __future__ import annotations

from pathlib import Path

from dramaturg.analyze import analyze
from dramaturg.read import read

COUPLE = ("MINA", "JOON")

BAKERY = """\
INT. BAKERY - NIGHT

Mina kneads dough at the steel table. Joon watches her from the door, flour on his coat.

MINA
You're late again, Joon.

JOON
I brought the flour, Mina. And the yeast.

Mina laughs. She throws him an apron. He ties it badly and she fixes it for him.
"""

MARKET = """\
EXT. MARKET - DAY

Landlord Gu haggles with Mal-sook over a crate of cabbages.

LANDLORD GU
The rent goes up next month. Tell the bakery girl.

MAL-SOOK
Tell her yourself, Gu. You always make me carry bad news.
"""

FISHING = """\
EXT. RIVER PARK - DAY

Wind on the water. Landlord Gu and Mal-sook sit on folding stools with long fishing rods,
staring at the river as if it owes them money. A bucket of bait between them.

LANDLORD GU
The carp swallowed it. I saw it. The whole lottery ticket, in one gulp.

MAL-SOOK
Then catch the carp, Gu, and cut it open, and we split the prize.

The line jerks. Gu leaps up, the stool flies into the reeds, the rod bends double.
For a long minute he wrestles with the river. The line snaps. He falls on his back in
the mud. A swan boat full of tourists drifts past and every tourist takes a photo.

MAL-SOOK (CONT'D)
Next Sunday. Same time. Bring more bait.
"""

PICKED_UP = """\
INT. BAKERY - DAY

Mina counts the coins in the till. Joon stacks the trays.

MINA
Gu says the rent goes up, Joon. I can't pay it.

JOON
Then we sell more bread, Mina. We bake at four.
"""

CARP_PAYS_OFF = """\
INT. BAKERY - DAY

Mina guts a carp for the lunch special. Joon stacks the trays. Inside the carp: a soggy
lottery ticket. Mina holds it up to the light. The carp's ticket is a winner.

MINA
The rent, Joon. The carp paid the rent.

JOON
Then we bake at four, Mina, and fish on Sunday.
"""


def _draft(tmp_path: Path, later: str) -> Path:
    scenes = [BAKERY, MARKET, BAKERY, BAKERY, FISHING, later, *[BAKERY] * 4]
    path = tmp_path / "ep1.fountain"
    path.write_text("Title: Test\n\n" + "\n".join(scenes), encoding="utf-8")
    return path


def test_side_scene_that_leads_nowhere_is_a_detour(tmp_path: Path) -> None:
    result = analyze(read(_draft(tmp_path, PICKED_UP)), couple=COUPLE)
    detours = [f for f in result.findings if f.code == "ENG-DETOUR"]
    assert [f.data["scene"] for f in detours] == [4]
    assert detours[0].where is not None and "Wind on the water" in detours[0].where.quote


def test_side_scene_whose_thing_pays_off_later_is_no_detour(tmp_path: Path) -> None:
    result = analyze(read(_draft(tmp_path, CARP_PAYS_OFF)), couple=COUPLE)
    assert not [f for f in result.findings if f.code == "ENG-DETOUR"]
