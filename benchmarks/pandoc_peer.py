"""The peer: pandoc (from pypandoc-binary) converting Markdown files to DOCX, one process per file.

Usage: python benchmarks/pandoc_peer.py --jobs N OUTDIR FILE.md...

With --jobs 1 the files are converted one after another, as a script calling
`pypandoc.convert_file` in a loop does; with --jobs 2, two worker processes each do the same.
Each .md file becomes OUTDIR/<its folder>/<its stem>.docx. Images are found relative to the
Markdown file's folder.
"""
from __future__ import annotations

import argparse
from multiprocessing import Pool
from pathlib import Path

_out: Path | None = None


def convert(source: str) -> str:
    """Convert one Markdown file to DOCX with pandoc and return the DOCX path."""
    import pypandoc

    md = Path(source)
    target = _out / md.parent.name / f"{md.stem}.docx"
    target.parent.mkdir(parents=True, exist_ok=True)
    pypandoc.convert_file(str(md), "docx", format="markdown", outputfile=str(target),
                          extra_args=[f"--resource-path={md.parent}"])
    return str(target)


def _init(out: Path) -> None:
    global _out
    _out = out


def run(files: list[str], out: Path, jobs: int) -> list[str]:
    """Convert every file, with `jobs` worker processes (1: in this process, in order)."""
    _init(out)
    if jobs <= 1:
        return [convert(f) for f in files]
    with Pool(jobs, initializer=_init, initargs=(out,)) as pool:
        return pool.map(convert, files, chunksize=4)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--jobs", "-j", type=int, default=1)
    parser.add_argument("out", type=Path)
    parser.add_argument("files", nargs="+")
    args = parser.parse_args()
    run(args.files, args.out, args.jobs)


if __name__ == "__main__":
    main()
