"""A synthetic Korean caption series the size of a real show, for the benches.

Sixteen SRT episodes of about 20,600 characters of caption text each (330k in all, what a
16-episode K-drama's Korean closed captions hold): scenes of 8-24 cues a long silence apart,
speaker labels on about half the lines as Netflix Korean captions print them (``(하나) ...``),
sound cues (``[빗소리]``), an OST over two montages an episode (``♪ ... ♪``), two-line and
two-speaker cues, a credit line and a next-episode preview. The lines are put together from
everyday phrases with a fixed seed, so almost every line is distinct (a cache of analysed
lines gains little, as on a real show) and every run writes the same files.

    PYTHONPATH=src python bench/korean_show.py OUT_DIR    # write the 16 files there
"""

from __future__ import annotations

import random
import sys
from pathlib import Path

EPISODES = 16
CHARS_PER_EPISODE = 20_600
SEED = 16

NAMES = ["하나", "준호", "미정", "태식", "은비"]
VOCATIVES = [
    "하나야",
    "준호 씨",
    "미정아",
    "태식아",
    "은비야",
    "사장님",
    "선배",
    "오빠",
    "언니",
    "엄마",
]
OPENERS = ["", "", "근데 ", "아니, ", "그래서 ", "진짜 ", "혹시 ", "솔직히 ", "있잖아, ", "저기, "]
TIMES = [
    "어제",
    "오늘 아침에",
    "아까",
    "새벽에",
    "지난주에",
    "방금",
    "퇴근길에",
    "점심때",
    "그날 밤에",
]
PLACES = [
    "편의점에서",
    "병원 앞에서",
    "버스 정류장에서",
    "옥상에서",
    "회사 앞에서",
    "시장에서",
    "한강에서",
    "집 앞에서",
    "지하철역에서",
    "카페에서",
    "세탁소에서",
    "학교 앞에서",
]
SUBJECTS = [
    "내가",
    "제가",
    "우리가",
    "그 사람이",
    "사장님이",
    "엄마가",
    "네가",
    "그쪽이",
    "걔가",
    "팀장님이",
]
OBJECTS = [
    "우산을",
    "편지를",
    "계약서를",
    "도시락을",
    "열쇠를",
    "사진을",
    "원고를",
    "커피를",
    "약을",
    "휴대폰을",
    "가방을",
    "표를",
    "그 노래를",
    "비밀번호를",
    "영수증을",
    "지갑을",
]
VERBS = [
    "두고 왔어",
    "잃어버렸어요",
    "찾았대",
    "버렸잖아",
    "가져갔나 봐",
    "숨겼다고?",
    "보냈어요?",
    "고쳐 놨어",
    "챙겨 왔지",
    "받았는데",
    "돌려줬어",
    "깜빡했어요",
    "봤다니까",
    "샀대요",
    "맡겨 뒀어",
    "몰래 읽었어?",
]
TOPICS = ["오늘은", "요즘은", "거기는", "그 집은", "이 동네는", "우리 가게는", "그 사람은", "너는"]
STATES = [
    "너무 조용하네요",
    "생각보다 춥다",
    "좀 이상해",
    "정말 예뻐요",
    "비싸잖아",
    "멀지 않아요",
    "항상 바빠",
    "왜 이렇게 늦어?",
    "나쁘지 않네",
    "완전 달라졌어",
    "하나도 안 변했네",
    "꼭 가 봐야 돼",
    "문 닫았을걸요",
]
REPLIES = [
    "뭐?",
    "네?",
    "진짜요?",
    "왜요?",
    "알았어",
    "괜찮아요",
    "그만해",
    "미안해요",
    "고마워",
    "잠깐만요",
    "됐어",
    "그래서?",
    "누구?",
    "어떻게 알았어요?",
    "말도 안 돼",
    "응",
    "아니요",
    "잘 자요",
    "조심해",
    "다녀올게",
    "배고프다",
    "나도",
    "거짓말",
    "언제?",
    "어디 가요?",
]
SOUNDS = [
    "문 열리는 소리",
    "빗소리",
    "휴대폰 진동",
    "한숨",
    "웃음",
    "발걸음 소리",
    "자동차 경적",
    "TV 소리",
    "문 닫히는 소리",
    "초인종 소리",
    "새소리",
    "전화벨 소리",
    "바람 소리",
    "박수",
]
LYRICS = [
    "불 꺼진 거리 끝에",
    "너 하나만 깨어 있어",
    "처음 본 그 밤부터",
    "너에게 가는 길은",
    "멀어도 괜찮아",
    "비가 그치면",
    "내 이름을 불러 줘",
    "새벽이 오기 전에",
    "오늘도 너를 기다려",
]
ROMANCE = [
    "보고 싶었어",
    "손 잡아도 돼요?",
    "좋아해요",
    "나 때문에 울지 마",
    "같이 있어 줄래요?",
    "기다릴게요",
    "집까지 데려다줄게",
]


def _line(rng: random.Random) -> str:
    r = rng.random()
    if r < 0.34:
        return (
            rng.choice(OPENERS)
            + f"{rng.choice(TIMES)} {rng.choice(PLACES)} {rng.choice(SUBJECTS)} "
            + f"{rng.choice(OBJECTS)} {rng.choice(VERBS)}"
        )
    if r < 0.55:
        return f"{rng.choice(OPENERS)}{rng.choice(TOPICS)} {rng.choice(STATES)}"
    if r < 0.70:
        return f"{rng.choice(VOCATIVES)}, {rng.choice(TOPICS)} {rng.choice(STATES)}"
    if r < 0.80:
        return f"{rng.choice(PLACES).removesuffix('에서')}에 {rng.choice(TIMES)} 왜 갔어요?"
    if r < 0.985:
        return rng.choice(REPLIES)
    return rng.choice(ROMANCE)


def _wrap(text: str) -> str:
    """Two lines for a long cue, broken at the space nearest the middle."""
    if len(text) <= 16 or " " not in text:
        return text
    mid = len(text) // 2
    cut = min((i for i, ch in enumerate(text) if ch == " "), key=lambda i: abs(i - mid))
    return text[:cut] + "\n" + text[cut + 1 :]


def _timestamp(ms: int) -> str:
    h, ms = divmod(ms, 3_600_000)
    m, ms = divmod(ms, 60_000)
    s, ms = divmod(ms, 1000)
    return f"{h:02}:{m:02}:{s:02},{ms:03}"


def episode(n: int, rng: random.Random) -> str:
    """One episode's SRT text."""
    cues: list[str] = ["번역: 정다은"]
    chars = 0
    montages = {rng.randrange(5, 25), rng.randrange(30, 50)}
    scene = 0
    scenes: list[list[str]] = [cues]
    while chars < CHARS_PER_EPISODE:
        scene += 1
        lines: list[str] = []
        if scene in montages:
            lines += [f"♪ {rng.choice(LYRICS)} ♪" for _ in range(rng.randint(3, 6))]
        speakers = rng.sample(NAMES, 2)
        for _ in range(rng.randint(8, 24)):
            r = rng.random()
            if r < 0.08:
                lines.append(f"[{rng.choice(SOUNDS)}]")
            elif r < 0.13:
                lines.append(f"-{_line(rng)}\n-{_line(rng)}")
            elif r < 0.60:
                lines.append(f"({rng.choice(speakers)}) " + _wrap(_line(rng)))
            else:
                lines.append(_wrap(_line(rng)))
        chars += sum(len(x.replace("\n", "")) for x in lines)
        scenes.append(lines)
    preview = ["다음 이야기"] + [f"({rng.choice(NAMES)}) {_line(rng)}" for _ in range(12)]
    scenes.append(preview)
    out: list[str] = []
    t, k = 2000, 0
    for lines in scenes:
        for text in lines:
            k += 1
            dur = min(5500, 1000 + 80 * len(text))
            out.append(f"{k}\n{_timestamp(t)} --> {_timestamp(t + dur)}\n{text}\n")
            t += dur + rng.randint(200, 1500)
        t += rng.randint(9000, 20000)  # a scene change: a long silence
    return "\n".join(out)


def write_series(folder: Path) -> list[Path]:
    """Write the 16 episodes into ``folder``; the paths in episode order."""
    rng = random.Random(SEED)
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for n in range(1, EPISODES + 1):
        path = folder / f"night_store_e{n:02d}.srt"
        path.write_text(episode(n, rng), encoding="utf-8")
        paths.append(path)
    return paths


if __name__ == "__main__":
    for p in write_series(Path(sys.argv[1])):
        print(p)
