"""Generated news-like documents for load, crash-safety and story-clustering tests.

    .venv/bin/python benchmarks/corpus.py OUT_DIR --docs 2000 [--seed 7] [--template]

Every name is invented (syllables drawn at random), every sentence comes from frames written
for this project: about forty ways of stating a supply (active, passive, nominal, recipient
first, hedged, denied), and as many sentences that state none (sanctions, prices, quotes,
history). A document states two to six supplies of one to three suppliers among four to twelve
other sentences (a few boilerplate lines outlets repeat, the rest built from parts, so that
unrelated documents share about as few word pairs as real reporting does). About a fifth of the documents rewrite an earlier one, as syndication does
(another outlet and date, words swapped, a sentence dropped or added), so the corpus has stories
of several documents. ``--template`` writes documents that all follow one fixed template and
differ only in their names, goods, numbers and dates: distinct facts, one shape.

The same seed gives the same files, byte for byte.
"""

from __future__ import annotations

import argparse
import random
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

SYLLABLES = (
    "an bo chen da fei gao hua jin kai lan ming nan peng qiao rui shen tai wen xin yao zhi "
    "lor vek tar mir dan sel kor vin bar tol ris gem nov ark ul zan ost per lum hex"
).split()
CITIES = (
    "Ningbo Suzhou Foshan Jinan Hefei Xian Kunming Zibo Wuxi Changsha Nanchang Taiyuan "
    "Yantai Weihai Luoyang Baoding Izmir Bursa Almaty Shymkent Yerevan Tashkent Sharjah Ajman"
).split()
SECTORS = (
    "Electronics|Microtech|Precision Machinery|Optical Instruments|Bearing|Power Systems|"
    "Chemical|Aero Engine|Navigation Technology|Trading|Import and Export|Components|"
    "Machine Tool|Semiconductor|Industrial Supply|Photonics|Hydraulics|Metalworks|Avionics|"
    "Radio Equipment|Battery|Composite Materials|Logistics|Instruments|Automation|Sensors|"
    "Defence Technology|Energy|Marine Equipment|Technical Supply"
).split("|")
FORMS = ("Co., Ltd.", "Co.", "Ltd", "Group", "LLC", "Trading FZE", "JSC")
PLANTS = (
    "Machine-Building Plant|Design Bureau|Instrument Plant|Arms Works|Electromechanical Plant|"
    "Optical Plant|Engine Works|Research Institute|Munitions Plant|Radio Plant"
).split("|")
RECIPIENT_STATES = ("Russia", "Russia", "Russia", "Iran", "North Korea", "Belarus")
STATE_BODIES = {
    "Russia": ("the Russian Ministry of Defence", "the Russian army", "Russian arms makers"),
    "Iran": ("the Iranian Revolutionary Guard", "Iran's drone programme"),
    "North Korea": ("the North Korean army",),
    "Belarus": ("the Belarusian army",),
}
SUPPLIER_COUNTRIES = (
    "China",
    "China",
    "China",
    "Hong Kong",
    "Turkey",
    "Kazakhstan",
    "the United Arab Emirates",
    "Armenia",
    "India",
    "Kyrgyzstan",
)
GOODS = (
    "ball bearings|CNC machine tools|microcontrollers|thermal imaging cameras|drone engines|"
    "turbojet engines|nitrocellulose|navigation modules|field-programmable gate arrays|"
    "lithium batteries|carbon fibre|optical sights|radio transceivers|servo motors|"
    "gyroscopes|antennas|machine-tool spindles|rangefinders|printed circuit boards|"
    "signal amplifiers|night-vision devices|diesel engines for tanks|shell casings|"
    "helicopter parts|satellite imagery|ceramic capacitors|oscilloscopes|inertial sensors|"
    "titanium sheet|aluminium alloy plate|hydraulic pumps|fibre-optic cable|"
    "digital signal processors|GPS receivers|machining centres|lathes|grinding machines|"
    "explosive precursors|propellant powder|drone airframes|electric motors|power transistors|"
    "memory chips|voltage regulators|infrared detectors|camera lenses|satellite phones|"
    "truck chassis|rubber seals|welding equipment"
).split("|")
END_USES = (
    "cruise missiles",
    "attack drones",
    "tanks",
    "artillery shells",
    "fighter jets",
    "glide bombs",
    "armoured vehicles",
    "ballistic missiles",
    "air-defence systems",
)
MONTHS = (
    "January February March April May June July August September October November December"
).split()
FIRST = (
    "Lena Marek Ivo Sanna Tomas Aida Pavel Noor Henrik Celia Rustam Yara Dmitri Ines "
    "Oskar Leila Farid Greta Milan Zora"
).split()
LAST = (
    "Varga Holt Brenner Okafor Lindqvist Serrano Kowal Demir Hartmann Novak Quist Arslan "
    "Feld Moreau Ilves Sato Rask Dunmore Petrak Aldane"
).split()
PUBLIC_FIGURES = (
    "Minister Halvard Oskin|Senator Maren Tolliver|Commissioner Ilse Brandvik|"
    "Ambassador Tovan Reyes|Secretary Adaeze Kimura|Deputy Minister Jorun Salo|"
    "General Vasco Antell|Governor Ruslana Petrikova|Spokesman Kemal Ardent|"
    "Chancellor Elin Marsh|Director Yusuf Callan|Envoy Petra Lindgard"
).split("|")
OUTLET_B = "Ledger Courier Dispatch Observer Record Gazette Monitor Review Sentinel Post".split()

# {S} supplier, {G} goods, {R} recipient, {Q} quantity, {Y} year, {M} month, {E} end use,
# {O} outlet, {P} person, {C} supplier's country. Lower-case slots ({ship}, {sold}, {records},
# {said}, {officials}, {via}) take one of several wordings (WORDINGS) per sentence, so that two
# documents that use one frame do not repeat it word for word.
SUPPLY_FRAMES = (
    "{S} {ship} {Q} {G} to {R} in {M} {Y}, according to {records} reviewed by {O}.",
    "{Records} show that {S} {sold} {G} worth ${N} million to {R} last year.",
    "{R} received {G} from {S} at least {K} times between {M} and {M2} {Y}.",
    "{G} made by {S} were delivered to {R}, the {records} show.",
    "Investigators found that {S} had exported {G} to {R} {via}.",
    "The shipments of {G} from {S} to {R} continued into {Y}, {officials} {said}.",
    "{S} is suspected of supplying {G} to {R}.",
    "{S} allegedly {sold} {G} to {R} for use in {E}.",
    "According to {P}, an analyst at the institute, {S} may have sent {G} to {R}.",
    "{R} bought {G} from {S}, which is based in {City}.",
    "{S} has provided {R} with {G} used to build {E}.",
    "Documents seen by {O} show that {S} was the largest supplier of {G} to {R}.",
    "{R} imported {Q} {G} made by {S} in {Y}.",
    "{Officials} {said} {S} {sold} {G} and spare parts to {R}.",
    "The US Treasury said {S} had {ship} {G} to {R} since {Y}.",
    "{S} transferred {G} to {R} in {M}, the indictment says.",
    "Part of the {G} that {S} {sold} ended up with {R}, the report found.",
    "{S} was named as a source of {G} for {R}.",
    "{S} continued to deliver {G} to {R} after sanctions were imposed in {Y}.",
    "Ukrainian intelligence says {S} supplies {G} to {R}.",
    "{Records} list {S} as the exporter of {Q} {G} bought by {R}.",
    "{S} denied selling {G} to {R}.",
    "{S} said it had never supplied {G} to {R}.",
    "A spokesman for {S} rejected claims that the firm sold {G} to {R}.",
)
WORDINGS = {
    "ship": "shipped|sent|delivered|exported|dispatched|moved|consigned|routed".split("|"),
    "sold": "sold|supplied|provided|furnished|passed on|delivered".split("|"),
    "records": (
        "customs records|shipping manifests|trade data|export declarations|bills of lading|"
        "payment records|import filings|freight invoices|port logs|tax filings"
    ).split("|"),
    "said": "said|say|told reporters|stated|noted|confirmed|alleged|wrote".split("|"),
    "officials": (
        "officials|US officials|investigators|European diplomats|prosecutors|analysts|"
        "auditors|Treasury officials|customs officers|people familiar with the matter"
    ).split("|"),
    "via": (
        "through a broker in Dubai|via a trading house in {City}|through a shell company|"
        "by way of a logistics firm in {City}|via intermediaries in Central Asia|"
        "through a reseller registered in {City}|using falsified end-user papers|"
        "by rail through Kazakhstan|in containers declared as farm equipment"
    ).split("|"),
}
# Context: a few boilerplate sentences that outlets repeat (CONTEXT_FRAMES), and many more built
# from parts (ACTORS, ACTIONS, TOPICS, WHEN), as varied as the background of real reporting.
CONTEXT_FRAMES = (
    "The European Union added {N2} companies to its sanctions list in {M} {Y}.",
    "Prices for {G} on the Russian market have risen sharply since {Y}.",
    '"We are looking at every shipment," {P} told {O}.',
    "{P}, who studies export controls, said enforcement remained weak.",
    "{S} did not respond to requests for comment.",
    "The company was founded in {Y0} and employs about {K}00 people in {City}.",
    "Exports from {C} to Central Asia grew by {K}0 percent last year.",
    "Officials in Washington have threatened further penalties.",
    "The ministry in Beijing says it controls exports of dual-use goods strictly.",
    "The war in Ukraine entered its {Ord} year in February.",
    "Analysts say many of the parts are sold through small trading firms.",
    "The records cover the period from {M} {Y} to {M2} {Y}.",
    "{O} could not independently verify the documents.",
    "Banks in the region have become more cautious about payments from Russia.",
    "The plant is one of the country's main producers of {E}.",
    "A court in {City} is expected to hear the case in {M}.",
    "Several of the firms share an address in an office tower.",
    "{P} said the figures were probably incomplete.",
    "The trade is hard to trace because the goods change hands several times.",
    "The government has denied that it helps Moscow's war effort.",
)
# Background sentences are built word by word from these banks (BACKGROUND shapes), so two of
# them rarely share a pair of content words, as two sentences of different real reports rarely do.
ADJECTIVES = (
    "rising falling sharp steady modest unusual large small recent quarterly annual regional "
    "local foreign domestic informal hidden late early costly cheap strict loose weak strong "
    "growing shrinking sudden gradual official unofficial seasonal temporary lasting partial "
    "private public rural urban coastal northern southern eastern western frequent rare "
    "average total minor major direct indirect disputed routine delayed missing duplicate "
    "forged revised provisional final"
).split()
NOUNS = (
    "tariffs invoices warehouses payments audits licences trucks containers ports railways "
    "loans insurers couriers fines permits quotas subsidies contracts tenders orders margins "
    "prices wages shortages delays inspections seizures deliveries cargoes flights ferries "
    "pipelines workshops buyers resellers agents middlemen accounts transfers deposits bonds "
    "profits losses debts rules loopholes exemptions waivers ledgers registers filings disputes "
    "complaints hearings appeals rulings raids arrests penalties crossings routes corridors "
    "depots hubs terminals receipts manifests certificates warranties"
).split()
PEOPLE = (
    "officials traders brokers analysts economists bankers lawyers diplomats lawmakers "
    "regulators inspectors auditors executives managers engineers researchers journalists "
    "prosecutors investigators consultants exporters importers shippers accountants academics "
    "activists negotiators advisers observers clerks dealers sellers"
).split()
VERBS = (
    "questioned described tracked criticised defended studied cited documented mapped tallied "
    "welcomed disputed estimated reviewed examined measured compared summarised listed counted "
    "doubted praised attacked flagged explained predicted analysed surveyed monitored "
    "challenged confirmed ignored discussed detailed traced uncovered publicised downplayed "
    "stressed recorded logged audited inspected probed"
).split()
BACKGROUND = (
    "{Actor} {verb} the {adj} {noun} of {noun2}{when}.",
    "{Actor} {verb} {adj} {noun} at {noun2} in {City}{when}.",
    "{Adj} {noun} were {verb} by {actor}{when}.",
    "According to {actor}, the {adj} {noun} of {noun2} were {verb} in {M}.",
    "{Actor} {verb} how {adj} {noun} affect {noun2}{when}.",
)
WHEN = (
    "|||||||||| earlier this month| on Tuesday| during a hearing in {City}| last week|"
    " in an interview| in {M} {Y}| at a conference in {City}| in a court filing| in {M}"
).split("|")
TITLES = (
    "{city} firm linked to {goods} sales to {recipient}",
    "How {goods} reached {recipient}",
    "{goods} trail leads from {city} to {recipient}",
    "Exporter in {city} named over {goods} for {recipient}",
    "{recipient} and the {goods} pipeline",
    "Questions over {goods} shipped from {city}",
)
SWAPS = (
    ("shipped", "sent"),
    ("sold", "supplied"),
    ("records", "data"),
    ("officials", "authorities"),
    ("said", "stated"),
    ("according to", "as reported by"),
    ("last year", "in the past year"),
)
TEMPLATE = (0, 2, 6, 13)  # the supply frames of the --template documents, in this order
TEMPLATE_CONTEXT = (0, 4, 8, 12, 14)


@dataclass
class Written:
    name: str
    text: str
    story: int  # the number of the original this document is (or rewrites)


def _word(rng: random.Random, n: int = 2) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(n)).capitalize()


def _place(rng: random.Random) -> str:
    """A town: a known trading city one time in three, else an invented one (real reporting
    names many more places than a fixed list holds)."""
    return rng.choice(CITIES) if rng.random() < 1 / 3 else _word(rng)


def _person(rng: random.Random) -> str:
    """Someone quoted: often one of the public figures every report on the topic quotes (as
    real reporting quotes the same ministers), else someone new."""
    if rng.random() < 0.6:
        return rng.choice(PUBLIC_FIGURES)
    first = rng.choice(FIRST) if rng.random() < 0.5 else _word(rng)
    last = rng.choice(LAST) if rng.random() < 0.4 else _word(rng, 3)
    return f"{first} {last}"


def outlet_name(rng: random.Random) -> str:
    return f"{_word(rng)} {rng.choice(OUTLET_B)}"


def supplier_name(rng: random.Random) -> str:
    city = rng.choice(CITIES)
    return f"{city} {_word(rng)} {rng.choice(SECTORS)} {rng.choice(FORMS)}"


def recipient_name(rng: random.Random) -> str:
    if rng.random() < 0.35:
        return rng.choice(STATE_BODIES[rng.choice(RECIPIENT_STATES)])
    return f"{_word(rng, 3)} {rng.choice(PLANTS)}"


def _fill(frame: str, rng: random.Random, slots: dict[str, str], fixed: bool = False) -> str:
    """``frame`` with its slots filled; ``fixed`` takes the first wording of every
    lower-case slot (a template repeats its words)."""
    values = dict(slots)
    for slot, options in WORDINGS.items():
        word = options[0] if fixed else rng.choice(options)
        word = word.replace("{City}", _place(rng))
        values.setdefault(slot, word)
        values.setdefault(slot.capitalize(), word[0].upper() + word[1:])
    values.setdefault("Q", str(rng.randint(2, 900)))
    values.setdefault("N", str(rng.randint(1, 80)))
    values.setdefault("N2", str(rng.randint(3, 40)))
    values.setdefault("K", str(rng.randint(2, 30)))
    values.setdefault("Y", str(rng.randint(2022, 2025)))
    values.setdefault("Y0", str(rng.randint(1995, 2018)))
    values.setdefault("M", rng.choice(MONTHS))
    values.setdefault("M2", rng.choice(MONTHS))
    values.setdefault("E", rng.choice(END_USES))
    values.setdefault("P", _person(rng))
    values.setdefault("City", _place(rng))
    values.setdefault("Ord", rng.choice(("third", "fourth", "fifth")))
    values.setdefault("G", rng.choice(GOODS))
    text = frame.format(**values)
    return text[0].upper() + text[1:]


def _background(rng: random.Random) -> str:
    """A background sentence frame built word by word (see BACKGROUND)."""
    roll = rng.random()
    if roll < 0.15:
        actor = "{P}"
    elif roll < 0.4:
        actor = f"{rng.choice(PEOPLE)} in {{City}}"
    else:
        actor = f"{rng.choice(ADJECTIVES)} {rng.choice(PEOPLE)}"
    adj = rng.choice(ADJECTIVES)
    words = {
        "actor": actor,
        "Actor": actor[0].upper() + actor[1:],
        "verb": rng.choice(VERBS),
        "adj": adj,
        "Adj": adj.capitalize(),
        "noun": rng.choice(NOUNS),
        "noun2": rng.choice(NOUNS),
        "when": rng.choice(WHEN),
    }
    frame = rng.choice(BACKGROUND)
    for key, value in words.items():
        frame = frame.replace("{" + key + "}", value)
    return frame


def _header(rng: random.Random, slug: str, title: str, outlet: str, day: int) -> str:
    date = f"2025-{1 + day // 28 % 12:02d}-{1 + day % 28:02d}"
    domain = outlet.lower().replace(" ", "")
    return f"url: https://{domain}.example/{slug}\ntitle: {title}\noutlet: {outlet}\ndate: {date}\n---\n"


def _paragraphs(sentences: list[str], rng: random.Random) -> str:
    out, i = [], 0
    while i < len(sentences):
        n = rng.randint(1, 3)
        out.append(" ".join(sentences[i : i + n]))
        i += n
    return "\n\n".join(out)


def _original(rng: random.Random, template: bool) -> tuple[str, list[str], dict[str, str]]:
    suppliers = [supplier_name(rng) for _ in range(rng.randint(1, 3))]
    recipient = recipient_name(rng)
    base = {"O": f"the {outlet_name(rng)}", "C": rng.choice(SUPPLIER_COUNTRIES)}
    if template:
        frames = [SUPPLY_FRAMES[i] for i in TEMPLATE]
        context = [CONTEXT_FRAMES[i] for i in TEMPLATE_CONTEXT]
    else:
        frames = rng.sample(SUPPLY_FRAMES, rng.randint(2, 6))
        context = rng.sample(CONTEXT_FRAMES, rng.randint(1, 3))
        context += [_background(rng) for _ in range(rng.randint(6, 15))]
    supply = [
        _fill(f, rng, {**base, "S": rng.choice(suppliers), "R": recipient}, template)
        for f in frames
    ]
    other = [_fill(f, rng, {**base, "S": suppliers[0]}, template) for f in context]
    if template:
        sentences = [s for pair in zip(supply, other, strict=False) for s in pair] + other[4:]
    else:
        sentences = supply[:1] + rng.sample(supply[1:] + other, len(supply) - 1 + len(other))
    title = rng.choice(TITLES[:1] if template else TITLES).format(
        city=suppliers[0].split(" ")[0],
        goods=rng.choice(GOODS),
        recipient=recipient.removeprefix("the "),
    )
    title = title[0].upper() + title[1:]
    return title, sentences, base


def _rewrite(sentences: list[str], rng: random.Random) -> list[str]:
    out = []
    for s in sentences:
        for a, b in SWAPS:
            if a in s and rng.random() < 0.5:
                s = s.replace(a, b, 1)
        out.append(s)
    if len(out) > 4:
        del out[rng.randrange(1, len(out))]
    if rng.random() < 0.5:
        out.insert(
            rng.randrange(1, len(out)),
            _fill(
                rng.choice(CONTEXT_FRAMES), rng, {"O": "the agency", "S": "the firm", "C": "China"}
            ),
        )
    return out


def generate(n: int, seed: int = 7, template: bool = False) -> Iterator[Written]:
    rng = random.Random(seed)
    kept: list[tuple[str, list[str], int]] = []
    for i in range(n):
        outlet = outlet_name(rng)
        if kept and not template and rng.random() < 0.2:
            title, sentences, story = rng.choice(kept[-200:])
            sentences = _rewrite(sentences, rng)
        else:
            title, sentences, _ = _original(rng, template)
            story = i
            kept.append((title, sentences, story))
        body = title + "\n\n" + _paragraphs(sentences, rng) + "\n"
        header = _header(rng, f"story-{i}", title, outlet, i)
        yield Written(f"gen-{i:06d}.txt", header + body, story)


def write_corpus(folder: Path, n: int, seed: int = 7, template: bool = False) -> dict[Path, int]:
    """Write the documents into ``folder``; returns each file's story number."""
    folder.mkdir(parents=True, exist_ok=True)
    stories = {}
    for doc in generate(n, seed, template):
        path = folder / doc.name
        path.write_text(doc.text, encoding="utf-8")
        stories[path] = doc.story
    return stories


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--docs", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--template", action="store_true")
    args = parser.parse_args()
    paths = write_corpus(args.out, args.docs, args.seed, args.template)
    size = sum(p.stat().st_size for p in paths)
    print(f"{len(paths)} documents, {size / len(paths):.0f} characters on average, in {args.out}")


if __name__ == "__main__":
    main()
