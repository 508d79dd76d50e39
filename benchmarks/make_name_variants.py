"""Build ``benchmarks/data/name_variants.csv``: labelled pairs of organisation names (issue 5).

Deterministic (seeded). Base names are invented from templates of the naming customs seen in
trade and sanctions data (Chinese "place + trade name + industry + form", Russian "OOO/AO +
name", Turkish "... Sanayi ve Ticaret A.S.", UAE "... General Trading FZE"). Each base yields
variants of the same firm (label 1) and hard negatives (label 0). The generator knows nothing
of the matcher: its transliteration tables, abbreviations and typo model are its own.

Run: ``.venv/bin/python benchmarks/make_name_variants.py`` (rewrites the CSV).
"""

from __future__ import annotations

import csv
import random
import unicodedata
from pathlib import Path

OUT = Path(__file__).parent / "data" / "name_variants.csv"
PINYIN = (
    "tong sheng hua wei xin kang rui da long hai feng yuan jin tai bao ming guang chen "
    "zhong heng li jia ke fu shun hong ding yi ao xiang wan cheng"
).split()
CITIES = (
    "Wuhan Shenzhen Beijing Shanghai Xiamen Dalian Hangzhou Ningbo Qingdao Chengdu Suzhou "
    "Tianjin Harbin Changsha Nanjing"
).split()
INDUSTRY = [
    "Technology",
    "Electronic Technology",
    "Trading",
    "Import & Export",
    "Precision Machinery",
    "International Trade",
    "Optoelectronics",
    "Supply Chain Management",
    "Industrial",
    "Logistics",
]
CN_FORMS = ["Co., Ltd.", "Co Ltd", "Company Limited", "CO., LTD", "Co. Limited", ""]
CYR_SYL = "кри стал зве зда жук юр хим ксе нон аль фа мир тех ник вол га ор би та яр ус ель".split()
CYR_TAIL = "ов ин ит он ий ика ия ек".split()
BGN = dict(
    zip(
        "абвгдеёжзийклмнопрстуфхцчшщъыьэюя",
        "a b v g d e yo zh z i y k l m n o p r s t u f kh ts ch sh shch  y  e yu ya".split(" "),
        strict=False,
    )
)
ALT = {**BGN, "ж": "j", "х": "h", "ц": "c", "й": "j", "ю": "ju", "я": "ja", "ё": "jo"}
RU_FORMS = [("OOO", "LLC"), ("AO", "JSC"), ("PAO", "PJSC"), ("ZAO", "CJSC")]
RU_CYR_FORMS = {"OOO": "ООО", "AO": "АО", "PAO": "ПАО", "ZAO": "ЗАО"}
RU_DESC = ["", "Elektronika", "Tekhnologii", "Optika", "Pribor"]
TR_WORDS = "Özgür Yıldız Kartal Ekin Doğan Şahin Çınar Güneş Akdeniz Başak Ilgaz Önder".split()
TR_DESC = ["Savunma", "Elektronik", "Makina", "Otomotiv", "Teknoloji"]
TR_FORMS = ["Sanayi ve Ticaret A.Ş.", "San. ve Tic. Ltd. Şti.", "Dış Ticaret Ltd. Şti.", "A.Ş."]
AE_WORDS = "Sapphire Falcon Oasis Crescent Horizon Zenith Pearl Dune Coral Summit".split()
AE_FORMS = ["General Trading FZE", "General Trading LLC", "FZE", "FZCO", "Trading L.L.C."]
ABBREV = {
    "International": "Intl",
    "Technology": "Tech",
    "Import & Export": "Imp. & Exp.",
    "Electronic": "Elec.",
    "Machinery": "Mach.",
    "Management": "Mgmt",
    "Industrial": "Ind.",
}


def translit(text: str, table: dict[str, str]) -> str:
    out = []
    for i, ch in enumerate(text):
        low = ch.lower()
        if table is ALT and low == "к" and text[i + 1 : i + 2].lower() == "с":
            out.append("X" if ch != low else "x")
            continue
        if table is ALT and low == "с" and text[i - 1 : i].lower() == "к" and i:
            continue
        if low == "и" and text[i + 1 : i + 2].lower() == "й":
            out.append("i" if table is BGN else "i")
            continue
        mapped = table.get(low, ch)
        out.append(mapped.capitalize() if ch != low else mapped)
    return "".join(out)


def typo(word: str, rng: random.Random) -> str:
    """One keyboard slip inside the word (not its first letter)."""
    i = rng.randrange(1, len(word) - 1)
    kind = rng.choice(["sub", "del", "swap", "dup"])
    if kind == "sub":
        return word[:i] + rng.choice("aeiounrst") + word[i + 1 :]
    if kind == "del":
        return word[:i] + word[i + 1 :]
    if kind == "swap":
        return word[:i] + word[i + 1] + word[i] + word[i + 2 :]
    return word[:i] + word[i] + word[i:]


def strip_accents(text: str) -> str:
    text = text.replace("ı", "i").replace("İ", "I")
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


def chinese(rng: random.Random, used: set[str]) -> dict[str, str]:
    while True:
        a, b = rng.sample(PINYIN, 2)
        core = (a + b).capitalize()
        if core not in used:
            used.add(core)
            break
    return {
        "city": rng.choice(CITIES),
        "core": core,
        "split": f"{a.capitalize()} {b.capitalize()}",
        "industry": rng.choice(INDUSTRY),
        "form": rng.choice(CN_FORMS[:5]),
    }


def cn_name(p: dict[str, str], **over: str) -> str:
    q = {**p, **over}
    return " ".join(x for x in (q["city"], q["core"], q["industry"], q["form"]) if x)


def pairs_chinese(rng: random.Random, p: dict[str, str], other: dict[str, str]) -> list[tuple]:
    base = cn_name(p)
    out = [
        (base, cn_name(p, form=rng.choice([f for f in CN_FORMS if f != p["form"]])), 1, "suffix"),
        (base, cn_name(p).upper().replace(",", "").replace(".", ""), 1, "case_punct"),
        (base, f"{p['core']} {p['industry']} ({p['city']}) {p['form']}", 1, "word_order"),
        (base, cn_name(p, core=typo(p["core"], rng)), 1, "typo"),
        (base, cn_name(p, core=p["split"]), 1, "spacing"),
        (base, cn_name(p, city="", form=""), 1, "dropped_city"),
        (
            base,
            cn_name(other, city=p["city"], industry=p["industry"], form=p["form"]),
            0,
            "neg_shared_city_industry",
        ),
        (
            base,
            cn_name(p, city=rng.choice([c for c in CITIES if c != p["city"]])),
            0,
            "neg_same_core_other_city",
        ),
    ]
    abbreviated = cn_name(p)
    for long, short in ABBREV.items():
        abbreviated = abbreviated.replace(long, short)
    if abbreviated != base:
        out.append((base, abbreviated, 1, "abbreviation"))
    other_industry = rng.choice([i for i in INDUSTRY[:3] + INDUSTRY[4:] if i != p["industry"]])
    if {p["industry"], other_industry} & {"Trading", "Import & Export", "International Trade"} != {
        p["industry"],
        other_industry,
    }:
        out.append((base, cn_name(p, industry=other_industry), 0, "neg_same_core_other_industry"))
    return out


def russian(rng: random.Random, used: set[str]) -> dict[str, str]:
    while True:
        cyr = (rng.choice(CYR_SYL) + rng.choice(CYR_SYL) + rng.choice(CYR_TAIL)).capitalize()
        if cyr not in used:
            used.add(cyr)
            break
    form = rng.choice(RU_FORMS)
    return {"cyr": cyr, "form": form[0], "en_form": form[1], "desc": rng.choice(RU_DESC)}


def pairs_russian(rng: random.Random, p: dict[str, str], other: dict[str, str]) -> list[tuple]:
    bgn, alt = translit(p["cyr"], BGN), translit(p["cyr"], ALT)
    desc = f" {p['desc']}" if p["desc"] else ""
    base = f"{p['form']} {bgn}{desc}"
    cyr = f"{RU_CYR_FORMS[p['form']]} «{p['cyr']}»"
    out = [
        (base, f"{bgn}{desc} {p['en_form']}", 1, "suffix"),
        (f"{p['form']} {bgn}", cyr, 1, "cyrillic"),
        (base, f"{p['form']} {alt}{desc}", 1, "transliteration"),
        (f"{bgn} {p['en_form']}", f'{p["form"]} "{alt.upper()}"', 1, "transliteration_case"),
        (base, f"{p['form']} {typo(bgn, rng)}{desc}", 1, "typo"),
        (base, f"{p['form']} {translit(other['cyr'], BGN)}{desc}", 0, "neg_other_name_same_form"),
    ]
    return [x for x in out if len(bgn) >= 4]


def turkish(rng: random.Random, used: set[str]) -> dict[str, str]:
    while True:
        words = rng.sample(TR_WORDS, 2)
        core = " ".join(words)
        if core not in used:
            used.add(core)
            break
    return {"core": core, "desc": rng.choice(TR_DESC), "form": rng.choice(TR_FORMS)}


def pairs_turkish(rng: random.Random, p: dict[str, str], other: dict[str, str]) -> list[tuple]:
    base = f"{p['core']} {p['desc']} {p['form']}"
    out = [
        (base, strip_accents(base).upper(), 1, "diacritics"),
        (
            base,
            f"{p['core']} {p['desc']} {rng.choice([f for f in TR_FORMS if f != p['form']])}",
            1,
            "suffix",
        ),
        (base, f"{p['core']} {p['desc']}", 1, "dropped_form"),
        (base, f"{other['core']} {p['desc']} {p['form']}", 0, "neg_other_name_same_form"),
    ]
    words = p["core"].split()
    if len(words[0]) >= 5:
        out.append((base, f"{typo(words[0], rng)} {words[1]} {p['desc']} {p['form']}", 1, "typo"))
    return out


def emirati(rng: random.Random, used: set[str]) -> dict[str, str]:
    while True:
        core = f"{rng.choice(AE_WORDS)} {rng.choice(['Star', 'Gulf', 'Line', 'Bridge', 'Wave'])}"
        if core not in used:
            used.add(core)
            break
    return {"core": core, "form": rng.choice(AE_FORMS)}


def pairs_emirati(rng: random.Random, p: dict[str, str], other: dict[str, str]) -> list[tuple]:
    base = f"{p['core']} {p['form']}"
    return [
        (base, f"{p['core']} {rng.choice([f for f in AE_FORMS if f != p['form']])}", 1, "suffix"),
        (base, base.replace(" ", "  ").upper() + ".", 1, "case_punct"),
        (base, f"{other['core']} {p['form']}", 0, "neg_other_name_same_form"),
        (
            base,
            f"{p['core'].split()[0]} {other['core'].split()[1]} {p['form']}",
            0,
            "neg_shared_word",
        ),
    ]


def build(seed: int = 5) -> list[tuple]:
    rng = random.Random(seed)
    rows: list[tuple] = []
    for maker, pairer, count in (
        (chinese, pairs_chinese, 60),
        (russian, pairs_russian, 30),
        (turkish, pairs_turkish, 20),
        (emirati, pairs_emirati, 15),
    ):
        used: set[str] = set()
        bases = [maker(rng, used) for _ in range(count)]
        for i, base in enumerate(bases):
            rows.extend(pairer(rng, base, bases[(i + 1) % count]))
    seen: set[tuple[str, str]] = set()
    unique = []
    for a, b, label, kind in rows:
        if a != b and (a, b) not in seen:
            seen.add((a, b))
            unique.append((a, b, label, kind))
    return unique


def main() -> None:
    rows = build()
    OUT.parent.mkdir(parents=True, exist_ok=True)
    with OUT.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["name_a", "name_b", "same", "kind"])
        writer.writerows(rows)
    positives = sum(r[2] for r in rows)
    print(f"{OUT}: {len(rows)} pairs, {positives} same, {len(rows) - positives} different")


if __name__ == "__main__":
    main()
