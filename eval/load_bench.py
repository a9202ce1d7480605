"""Load benchmark: 20 chat users for a minute while a plan is added to the running server.

    cd /work/main && HF_HUB_OFFLINE=1 .venv/bin/python eval/load_bench.py [--users 20] [--seconds 60]

Starts `python -m assistant serve` on a copy of corpus/ (a real server on loopback), lets
`--users` threads ask dev-set questions through the documented HTTP API (/gradio_api/call/ask)
for `--seconds`, and `--add-at` seconds in runs `python -m assistant add` with a 62-row Word plan of
another municipality (made with python-docx, as the tests make it). Records every request's
latency and outcome, the server's resident memory (sampled, and its peak), the time `add` took and
the time from `add` starting to the first answer quoting the new plan. Writes
eval/results/load-<date>.md and .json.
"""

from __future__ import annotations

import argparse
import json
import os
import shlex
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from datetime import datetime
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "tests"))
sys.path.insert(0, str(REPO / "eval"))
ALL = "Всички"
NEW_PLAN_QUESTION = "има ли логопед за децата в Трявна"


def ask(url: str, question: str, timeout: float = 120.0) -> str:
    """One question through Gradio's HTTP API; the answer's text (raises on an error event)."""
    body = json.dumps({"data": [question, [], ALL, ALL, ALL]}).encode()
    request = urllib.request.Request(f"{url}/gradio_api/call/ask", data=body,
                                     headers={"Content-Type": "application/json"})  # fmt: skip
    with urllib.request.urlopen(request, timeout=timeout) as response:
        event_id = json.loads(response.read())["event_id"]
    with urllib.request.urlopen(f"{url}/gradio_api/call/ask/{event_id}", timeout=timeout) as stream:
        event = ""
        for raw in stream:
            line = raw.decode("utf-8").rstrip("\n")
            if line.startswith("event:"):
                event = line.split(":", 1)[1].strip()
            elif line.startswith("data:") and event in ("complete", "error"):
                if event == "error":
                    raise RuntimeError(line[:200])
                history = json.loads(line[5:])[0]
                content = history[-1]["content"]
                return str(content[0]["text"] if isinstance(content, list) else content)
    raise RuntimeError("the stream ended without an answer")


def hwm_mb(pid: int) -> float:
    """The process's peak resident memory so far (VmHWM)."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return 0.0


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--users", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=60.0)
    parser.add_argument("--add-at", type=float, default=15.0)
    parser.add_argument("--out", type=Path, default=REPO / "eval" / "results")
    args = parser.parse_args()

    from memory_bench import free_port, rss_mb
    from plan_documents import write_docx

    from assistant.parse import load_corpus

    questions = [json.loads(line)["question"] for line in (REPO / "eval" / "dev-questions.jsonl").open(encoding="utf-8")]
    work = Path(tempfile.mkdtemp(prefix="load-bench-"))
    shutil.copytree(REPO / "corpus", work / "corpus")
    plan = next(p for p in load_corpus(REPO / "corpus") if p.year == 2024)
    document = write_docx(work / "tryavna-2026.docx", plan.rows, "Трявна", 2026, "per-goal")
    env = {**os.environ, "ASSISTANT_CORPUS": str(work / "corpus"), "ASSISTANT_INDEX": str(work / "index"),
           "HF_HUB_OFFLINE": "1", "GRADIO_ANALYTICS_ENABLED": "False"}  # fmt: skip
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    with open(work / "server.log", "wb") as log:
        server = subprocess.Popen([sys.executable, "-m", "assistant", "serve", "--port", str(port)], cwd=REPO,
                                  env=env, stdout=subprocess.DEVNULL, stderr=log)  # fmt: skip
    try:
        started = time.monotonic()
        while True:
            try:
                ask(url, "какво има за талантливи деца")
                break
            except Exception:
                if time.monotonic() - started > 300:
                    raise
                time.sleep(1)
        print(f"server ready in {time.monotonic() - started:.1f} s; {args.users} users for {args.seconds:.0f} s")
        results: list[tuple[float, float, bool]] = []  # (start offset, latency, ok)
        errors: list[str] = []
        memory: list[float] = []
        lock = threading.Lock()
        begin = time.monotonic()
        stop = threading.Event()

        def user(number: int) -> None:
            i = number
            while not stop.is_set():
                question = questions[i % len(questions)]
                i += args.users
                t0 = time.monotonic()
                try:
                    ask(url, question)
                    ok = True
                except Exception as error:
                    ok = False
                    with lock:
                        errors.append(repr(error)[:200])
                with lock:
                    results.append((t0 - begin, time.monotonic() - t0, ok))

        def sample() -> None:
            while not stop.is_set():
                memory.append(rss_mb(server.pid))
                time.sleep(0.5)

        threads = [threading.Thread(target=user, args=(n,)) for n in range(args.users)] + [threading.Thread(target=sample)]
        for thread in threads:
            thread.start()
        time.sleep(args.add_at)
        add_start = time.monotonic()
        added = subprocess.run([sys.executable, "-m", "assistant", "add", str(document)], cwd=REPO, env=env,
                               capture_output=True, text=True)  # fmt: skip
        add_seconds = time.monotonic() - add_start
        answered_after = None
        while time.monotonic() - add_start < 120:
            if "община Трявна" in ask(url, NEW_PLAN_QUESTION):
                answered_after = time.monotonic() - add_start
                break
            time.sleep(0.5)
        remaining = args.seconds - (time.monotonic() - begin)
        if remaining > 0:
            time.sleep(remaining)
        stop.set()
        for thread in threads:
            thread.join()
        peak = hwm_mb(server.pid)
    finally:
        server.terminate()
        server.wait(timeout=30)
    latencies = sorted(r[1] * 1000 for r in results if r[2])
    failed = sum(1 for r in results if not r[2])
    during_add = [r[1] * 1000 for r in results if r[2] and add_start - begin <= r[0] <= add_start - begin + add_seconds]

    def pct(values: list[float], q: float) -> float:
        return values[min(len(values) - 1, int(q * len(values)))] if values else float("nan")

    summary: dict[str, Any] = {
        "date": datetime.now().isoformat(timespec="seconds"),
        "command": "HF_HUB_OFFLINE=1 .venv/bin/python eval/load_bench.py " + shlex.join(sys.argv[1:]),
        "users": args.users, "seconds": args.seconds, "requests": len(results), "failed": failed,
        "errors": errors[:10], "p50_ms": round(pct(latencies, 0.5), 1), "p95_ms": round(pct(latencies, 0.95), 1),
        "max_ms": round(latencies[-1], 1) if latencies else None,
        "p95_during_add_ms": round(pct(sorted(during_add), 0.95), 1) if during_add else None,
        "throughput_per_s": round(len(results) / args.seconds, 2),
        "server_rss_max_sampled_mb": round(max(memory), 1) if memory else None, "server_peak_rss_mb": round(peak, 1),
        "add_returncode": added.returncode, "add_seconds": round(add_seconds, 1),
        "add_to_answered_seconds": round(answered_after, 1) if answered_after is not None else None,
        "cpu_count": os.cpu_count(),
    }  # fmt: skip
    args.out.mkdir(parents=True, exist_ok=True)
    stem = args.out / f"load-{datetime.now():%Y-%m-%d}"
    stem.with_suffix(".json").write_text(json.dumps(summary, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    lines = [
        f"# Load: {args.users} chat users for {args.seconds:.0f} s while a 62-row plan is added",
        "",
        f"Command: `{summary['command']}` ({summary['date']}, {os.cpu_count()} cores).",
        "",
        "| measure | value |", "|---|---|",
        *(f"| {key} | {value} |" for key, value in summary.items() if key not in ("command", "date", "errors")),
        "",
        "Every request is a real question over loopback HTTP to `python -m assistant serve`; the plan",
        "is added by `python -m assistant add` in another process, and the running server swaps to the",
        "new index by itself (it checks the index every 5 s).",
    ]  # fmt: skip
    stem.with_suffix(".md").write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(json.dumps(summary, ensure_ascii=False, indent=2))
    shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
