"""Copy a briefgen project with its content multiplied, to measure what each item costs.

Usage: python benchmarks/scale_content.py FACTOR OUTDIR [--project DIR]

Copies content/, templates/ and the archived sources/ from the project (default: the repository
root) into OUTDIR, then adds FACTOR-1 copies of every finding, quote, dataset and glossary term,
each with a fresh id (`<id>-x2` ... `<id>-x<FACTOR>`). Every explicit `ids:` list in an audience's
findings, quotes, datasets and glossary sections gets the copies of its ids too, so each
briefing grows with the content (summary and stats sections keep their few headline items).
Recommendations are not copied; their links to findings stay valid. The result passes
`briefgen check -p OUTDIR` when the original does.
"""
from __future__ import annotations

import argparse
import copy
import shutil
from pathlib import Path

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedSeq

REPO = Path(__file__).resolve().parent.parent
SCALED = {"findings": "findings", "quotes": "quotes", "datasets": "datasets", "glossary": "glossary"}
SECTION_KINDS = set(SCALED)  # section kinds whose ids lists name items of a scaled file


def _yaml() -> YAML:
    yaml = YAML()  # round trip: keeps the block scalars and quoting of the original
    yaml.width = 4096
    yaml.preserve_quotes = True
    yaml.indent(mapping=2, sequence=4, offset=2)
    yaml.representer.add_representer(
        type(None), lambda r, _: r.represent_scalar("tag:yaml.org,2002:null", "null"))
    return yaml


def suffix(item_id: str, copy_number: int) -> str:
    """Return the id of copy `copy_number` (2 and up) of the item `item_id`."""
    return f"{item_id}-x{copy_number}"


def scale_list(items: list, factor: int) -> list:
    """Return `items` followed by copies 2..factor of each, with fresh ids and no comments."""
    scaled = list(items)
    for number in range(2, factor + 1):
        for item in items:
            twin = copy.deepcopy(item)
            if hasattr(twin, "ca"):
                twin.ca.comment = None
                twin.ca.items.clear()
            twin["id"] = suffix(item["id"], number)
            scaled.append(twin)
    return scaled


def scale_ids(ids: list, factor: int) -> CommentedSeq:
    """Return the ids list with the copies' ids after the originals, copy by copy."""
    scaled = CommentedSeq(list(ids) + [suffix(i, n) for n in range(2, factor + 1) for i in ids])
    scaled.fa.set_flow_style()  # one line, like the original
    return scaled


def scale(factor: int, out: Path, project: Path = REPO) -> Path:
    """Write the project at `project` scaled `factor` times into `out` (replaced) and return it."""
    if factor < 1:
        raise ValueError("FACTOR must be 1 or more")
    if out.exists():
        shutil.rmtree(out)
    shutil.copytree(project / "content", out / "content")
    shutil.copytree(project / "templates", out / "templates")
    if (project / "sources").is_dir():  # the archives the fact-check and the audit read
        shutil.copytree(project / "sources", out / "sources")
    if factor == 1:
        return out  # an exact copy: the baseline the scaled builds are compared with
    yaml = _yaml()
    for name, key in SCALED.items():
        path = out / "content" / f"{name}.yaml"
        data = yaml.load(path)
        data[key] = scale_list(data[key], factor)
        yaml.dump(data, path)
    for path in sorted((out / "templates" / "audiences").glob("*.yaml")):
        data = yaml.load(path)
        changed = False
        for section in data.get("sections") or []:
            if section.get("kind") in SECTION_KINDS and section.get("ids"):
                section["ids"] = scale_ids(section["ids"], factor)
                changed = True
        if changed:
            yaml.dump(data, path)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("factor", type=int, help="how many times the content, e.g. 10")
    parser.add_argument("out", type=Path, help="the folder to write (replaced if it exists)")
    parser.add_argument("--project", type=Path, default=REPO, help="the project to copy (default: the repository)")
    args = parser.parse_args()
    scale(args.factor, args.out, args.project)
    print(f"wrote the project x{args.factor} to {args.out}")


if __name__ == "__main__":
    main()
