"""Write a synthetic recipients file: N fictional people, the same file for the same N and seed.

Usage: python benchmarks/make_recipients.py N OUT.csv [--seed 650]

Names, constituencies and parties are made up from word lists; every name gives a different
file name (slug), so `briefgen build --recipients OUT.csv` writes N briefings per format.
"""
from __future__ import annotations

import argparse
import csv
import random
import re
import unicodedata
from pathlib import Path

FIRST = """Amara Bartholomew Celestine Dafydd Eleanor Farida Gethin Hester Idris Jocasta Kwabena
Linnea Mairead Nikhil Orla Peregrine Quentin Rosalind Saoirse Tobias Ulrika Vikram Wilhelmina
Xanthe Yusuf Zinnia Anouk Bronwen Caspian Delphine Emrys Florian Ginevra Hamish Isolde Jarrah
Kasimir Leocadia Magnus Niamh Ottoline Percival Rhiannon Sebastien Tamsin Umberto Valentina
Wystan Ysolde Zephyr""".split()
SURNAMES = """Quillfeather Ashdown Okonkwo Penrhyn Vantwest Holloway Larkspur Mbeki Thistlewood
Carraway Blackthorn Fairweather Grisedale Hartigan Ingleby Jessamine Kettleworth Lockridge
Mallender Northcott Oakenshaw Pemberthy Quarrington Ravensworth Strangeways Tregothnan
Underhill Vexley Wakerley Yarrowby Zennor Ambleforth Birtwhistle Coldharbour Dunsinane
Edgerton Foxcombe Gallowglass Hawksmoor Ironbridge""".split()
PLACE = """North South East West Upper Lower Kings Queens Old New Great Little Mid High""".split()
ROOT = """mere vale holm bridge fold moor water thorn combe hythe ley stowe wick field ford burn
dale haven marsh ridge""".split()
STEM = """Alder Ash Bram Cran Dun Elm Fen Gray Hazel Iver Jun Kes Lark Marl Nettle Oak Pen Rush
Salt Teal Wren""".split()
PARTIES = ["Harbour Party", "Civic Alliance", "Green Commons", "Progress Union", "Independent"]
COMMITTEES = ["Home Affairs Committee", "Science, Innovation and Technology Committee",
              "Justice Committee", "Education Committee", "Women and Equalities Committee",
              "Joint Committee on Human Rights", "", "", ""]  # many members sit on none


def slug(name: str) -> str:
    """Return the file name briefgen gives `name` (the rule in briefgen.recipients.slugify)."""
    text = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:80]


def rows(count: int, seed: int) -> list[dict[str, str]]:
    """Return `count` fictional recipients with unique names, the same for the same seed."""
    rng = random.Random(seed)
    people, seen = [], set()
    while len(people) < count:
        surname = rng.choice(SURNAMES)
        if rng.random() < 0.3:
            surname = f"{surname}-{rng.choice(SURNAMES)}"
        name = f"{rng.choice(FIRST)} {surname}"
        if slug(name) in seen:
            continue
        seen.add(slug(name))
        people.append({"name": name, "constituency": _constituency(rng),
                       "party": rng.choice(PARTIES), "committee": rng.choice(COMMITTEES)})
    return people


def _constituency(rng: random.Random) -> str:
    town = lambda: rng.choice(STEM) + rng.choice(ROOT)
    shape = rng.randrange(3)
    if shape == 0:
        return f"{town()} and {town()}"
    if shape == 1:
        return f"{rng.choice(PLACE)} {town()}"
    return f"{town()} {rng.choice(['Central', 'Heath', 'East', 'West', 'North', 'South'])}"


def write(count: int, out: Path, seed: int = 650) -> Path:
    """Write `count` rows to `out` (CSV with a header) and return `out`."""
    if count > len(FIRST) * len(SURNAMES) * (1 + len(SURNAMES)):
        raise ValueError(f"cannot make {count} unique names")
    out.parent.mkdir(parents=True, exist_ok=True)
    with out.open("w", newline="", encoding="utf-8") as f:
        writer = csv.DictWriter(f, ["name", "constituency", "party", "committee"], lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows(count, seed))
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("count", type=int, help="how many rows, e.g. 650")
    parser.add_argument("out", type=Path, help="the CSV file to write")
    parser.add_argument("--seed", type=int, default=650, help="random seed (default: 650)")
    args = parser.parse_args()
    write(args.count, args.out, args.seed)
    print(f"wrote {args.count} recipients to {args.out}")


if __name__ == "__main__":
    main()
