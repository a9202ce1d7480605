"""Time to the first answer in the real chat: start `python -m assistant serve`, ask once.

    cd /work/main && HF_HUB_OFFLINE=1 .venv/bin/python eval/first_answer.py [--out eval/results]

Two runs, each a fresh server process on a free loopback port:
  cold   no index yet: the server builds it (progress in the page) before it can answer;
  warm   the index from the cold run exists: the server only loads it.
For each: seconds from process start until the page answers HTTP, until the backend is ready
(the first answer arrives), and the latency of the first and of five more questions through
gradio_client (the same /ask endpoint the page uses).
"""

from __future__ import annotations

import argparse
import json
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from datetime import datetime
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
QUESTIONS = [
    "Детето ми заеква. Кой ще му помогне?",
    "какво има за талантливи деца",
    "тормозят го в училище",
    "до кога трябва да определим ЕПЛР за всяко дете",
    "кои дейности са със срок при необходимост",
    "колко струва таксата за детска градина",
]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def run(index_dir: Path) -> dict[str, float | list[float]]:
    from gradio_client import Client

    port = free_port()
    env = {**os.environ, "ASSISTANT_INDEX": str(index_dir), "HF_HUB_OFFLINE": "1"}
    started = time.perf_counter()
    server = subprocess.Popen(
        [sys.executable, "-m", "assistant", "serve", "--port", str(port)],
        cwd=REPO, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    url = f"http://127.0.0.1:{port}/"
    try:
        while True:
            try:
                urllib.request.urlopen(url, timeout=1)
                break
            except OSError:
                if server.poll() is not None or time.perf_counter() - started > 300:
                    raise RuntimeError("server did not start") from None
                time.sleep(0.1)
        page_s = time.perf_counter() - started
        client = Client(url, verbose=False)
        # The handler waits for the backend; the first call's end is when the server is ready.
        asked = time.perf_counter()
        client.predict(QUESTIONS[0], [], "Всички", "Всички", api_name="/ask")
        first_answer_s = time.perf_counter() - started
        waited_s = time.perf_counter() - asked
        latencies = []
        for question in QUESTIONS:
            t = time.perf_counter()
            client.predict(question, [], "Всички", "Всички", api_name="/ask")
            latencies.append((time.perf_counter() - t) * 1000)
        return {"page_s": round(page_s, 2), "first_answer_s": round(first_answer_s, 2),
                "first_call_s": round(waited_s, 2), "answer_ms": [round(x, 1) for x in latencies]}  # fmt: skip
    finally:
        server.terminate()
        server.wait(timeout=30)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--out", default="eval/results")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        index_dir = Path(tmp) / "index"
        cold, warm = run(index_dir), run(index_dir)
    lines = [
        f"# Time to the first answer in the chat ({datetime.now():%Y-%m-%d %H:%M})",
        "",
        "Command: `HF_HUB_OFFLINE=1 .venv/bin/python eval/first_answer.py`  ",
        f"Machine: {os.cpu_count()} cores; each run is a fresh `python -m assistant serve` asked through gradio_client.",
        "",
        "| run | page answers HTTP | first answer ready (from process start) | answer latency once ready, median / max |",
        "|---|---|---|---|",
    ]
    for name, r in (("cold (index built on start)", cold), ("warm (index on disk)", warm)):
        answers = r["answer_ms"]
        assert isinstance(answers, list)
        lines.append(f"| {name} | {r['page_s']} s | {r['first_answer_s']} s | "
                     f"{statistics.median(answers):.0f} ms / {max(answers):.0f} ms |")  # fmt: skip
    lines += ["", "Target: the first question answered in under a second once ready.", ""]
    text = "\n".join(lines)
    print(text)
    out = REPO / args.out
    (out / "first-answer.md").write_text(text, encoding="utf-8")
    (out / "first-answer.json").write_text(json.dumps({"cold": cold, "warm": warm}, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
