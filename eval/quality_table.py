"""Rewrite the quality table of eval/README.md from the committed results/<set>-questions.txt.

The table had been edited by hand each session and fell behind the results; this keeps it a view
of what `eval/run_eval.sh` wrote. Run after run_eval.sh: python eval/quality_table.py
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

EVAL = Path(__file__).resolve().parent
README = EVAL / "README.md"
HEADER = "| set | system | recall@5 | hit@5 | MRR | abstention accuracy | faithfulness |"
SYSTEMS = {
    "product (hybrid)": "**product (hybrid)**",
    "BM25 only": "BM25 only",
    "dense only": "dense only (USE)",
    "question memory only": "question memory only",
    "naive RAG (500-char chunks)": "naive RAG (500-char chunks)",
}
_FIGURES = re.compile(r"^(?P<system>.+?)\s+\d+\s+(?P<r>[\d.]+)\s+(?P<h>[\d.]+)\s+(?P<m>[\d.]+)\s+(?P<a>[\d.]+)")


def sets_in_run_order() -> list[str]:
    script = (EVAL / "run_eval.sh").read_text(encoding="utf-8")
    match = re.search(r"^for set in (.+?); do$", script, re.M)
    if match is None:
        raise SystemExit("run_eval.sh has no 'for set in …' line")
    return match.group(1).split()


def table_rows(name: str) -> list[str]:
    text = (EVAL / "results" / f"{name}-questions.txt").read_text(encoding="utf-8")
    found = re.search(r'"faithfulness": ([\d.]+)', text)
    faithfulness = found.group(1) if found else ""
    rows = []
    for line in text.splitlines():
        match = _FIGURES.match(line)
        if not match or match["system"].strip() not in SYSTEMS:
            continue
        system = match["system"].strip()
        figures = [match[g] for g in "rhma"]
        if system == "product (hybrid)":
            rows.append(f"| {name} | {SYSTEMS[system]} | " + " | ".join(f"**{f}**" for f in figures) + f" | **{faithfulness}** |")
        else:
            rows.append(f"| {name} | {SYSTEMS[system]} | " + " | ".join(figures) + " | |")
    return rows


def main() -> int:
    lines = README.read_text(encoding="utf-8").splitlines()
    start = lines.index(HEADER)
    end = start + 2
    while end < len(lines) and lines[end].startswith("|"):
        end += 1
    body = [row for name in sets_in_run_order() for row in table_rows(name)]
    new = lines[: start + 2] + body + lines[end:]
    README.write_text("\n".join(new) + "\n", encoding="utf-8")
    print(f"{len(body)} rows written to {README}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
