"""Memory under load: the real chat server's RSS over 10,000 mixed requests (issue 9).

    cd /work/main && HF_HUB_OFFLINE=1 .venv/bin/python eval/memory_bench.py [--requests 10000] [--threads 4]

Starts `python -m assistant serve` on the bundled corpus in a subprocess, waits until it answers,
then sends mixed requests through gradio_client from several threads: everyday questions of the
question sets, uncovered questions, questions at the length limit and over it, a 100 KB custom
institution, an unknown year, and 200 old chat messages sent back. The server's resident memory
(VmRSS of its process) is read every 500 requests. Target: RSS after all requests within 100 MB of
RSS after the first 500. Writes results/memory-<date>.md and .json.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from datetime import datetime
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
ALL = "Всички"
SAMPLE_EVERY = 500
TARGET_MB = 100


def rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    raise RuntimeError("no VmRSS")


def questions() -> list[str]:
    found = []
    for name in ("dev", "everyday", "mixed"):
        with open(REPO / "eval" / f"{name}-questions.jsonl", encoding="utf-8") as stream:
            found += [json.loads(line)["question"] for line in stream if line.strip()]
    return found


def request_of(n: int, pool: list[str]) -> tuple[str, tuple[object, ...]]:
    """The n-th request of the mix: (kind, /ask arguments)."""
    old = [{"role": "user" if i % 2 == 0 else "assistant", "content": [{"type": "text", "text": f"стар {i}"}]}
           for i in range(200)]  # fmt: skip
    slot = n % 20
    question = pool[n % len(pool)]
    if slot < 12:
        return "question", (question, [], ALL, ALL)
    if slot == 12:
        return "uncovered", ("колко струва таксата за детска градина", [], ALL, ALL)
    if slot in (13, 14):
        return "at the length limit", (((question + " ") * 50)[:1000], [], ALL, ALL)
    if slot == 15:
        return "over the length limit", ("дете " * 400, [], ALL, ALL)
    if slot == 16:
        return "custom institution 100 KB", (question, [], ALL, "x" * 100_000)
    if slot == 17:
        return "unknown year", (question, [], "1999", ALL)
    return "200 old messages", (question, old, ALL, ALL)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--requests", type=int, default=10_000)
    parser.add_argument("--threads", type=int, default=4)
    parser.add_argument("--out", type=Path, default=REPO / "eval" / "results")
    args = parser.parse_args()
    from gradio_client import Client

    folder = Path(tempfile.mkdtemp(prefix="memory-bench-"))
    port = free_port()
    env = {**os.environ, "ASSISTANT_INDEX": str(folder / "index"), "HF_HUB_OFFLINE": "1", "GRADIO_ANALYTICS_ENABLED": "False"}
    log = open(folder / "server.log", "wb")  # noqa: SIM115 - open for the server's lifetime
    server = subprocess.Popen([sys.executable, "-m", "assistant", "serve", "--port", str(port)], cwd=REPO, env=env,
                              stdout=log, stderr=subprocess.STDOUT)  # fmt: skip
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 300
        while True:
            try:
                urllib.request.urlopen(url + "/", timeout=5)
                Client(url, verbose=False).predict("детето ми заеква", [], ALL, ALL, api_name="/ask")
                break
            except Exception:
                if time.monotonic() > deadline or server.poll() is not None:
                    raise
                time.sleep(1)
        pool = questions()
        counter = iter(range(args.requests))
        lock = threading.Lock()
        done = 0
        outcomes: dict[str, dict[str, int]] = {}
        samples: list[tuple[int, float]] = [(0, rss_mb(server.pid))]
        started = time.perf_counter()

        def worker() -> None:
            nonlocal done
            client = Client(url, verbose=False)
            while True:
                with lock:
                    n = next(counter, None)
                if n is None:
                    return
                kind, call = request_of(n, pool)
                try:
                    client.predict(*call, api_name="/ask")
                    outcome = "answered"
                except Exception:
                    outcome = "refused"
                with lock:
                    outcomes.setdefault(kind, {}).setdefault(outcome, 0)
                    outcomes[kind][outcome] += 1
                    done += 1
                    if done % SAMPLE_EVERY == 0:
                        samples.append((done, rss_mb(server.pid)))
                        print(f"{done} requests, RSS {samples[-1][1]:.0f} MB", flush=True)

        threads = [threading.Thread(target=worker) for _ in range(args.threads)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        seconds = time.perf_counter() - started
    finally:
        server.terminate()
        server.wait(timeout=30)
    after_first = next(mb for n, mb in samples if n >= SAMPLE_EVERY)
    final = samples[-1][1]
    result = {
        "date": datetime.now().isoformat(timespec="seconds"), "requests": args.requests, "threads": args.threads,
        "seconds": round(seconds, 1), "rss_mb_samples": [[n, round(mb, 1)] for n, mb in samples],
        "rss_after_first_500_mb": round(after_first, 1), "rss_final_mb": round(final, 1),
        "growth_mb": round(final - after_first, 1), "target_growth_mb": TARGET_MB,
        "verdict": "PASS" if final - after_first <= TARGET_MB else "FAIL", "outcomes": outcomes,
        "machine": f"{platform.processor() or platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}",
    }  # fmt: skip
    stamp = datetime.now().strftime("%Y-%m-%d")
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / f"memory-{stamp}.json").write_text(json.dumps(result, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    lines = [
        f"# Server memory under {args.requests:,} mixed requests ({result['date']})", "",
        f"Command: `cd /work/main && HF_HUB_OFFLINE=1 .venv/bin/python eval/memory_bench.py --requests {args.requests} "
        f"--threads {args.threads}`", "",
        f"Machine: {result['machine']}. {args.threads} client threads, {seconds:.0f} s in all.", "",
        f"RSS after the first {SAMPLE_EVERY}: **{after_first:.0f} MB**; after {args.requests:,}: **{final:.0f} MB**; "
        f"growth {final - after_first:+.0f} MB (target ≤ {TARGET_MB} MB): **{result['verdict']}**.", "",
        "| requests | RSS (MB) |", "|---|---|", *[f"| {n} | {mb:.0f} |" for n, mb in samples], "",
        "| request kind | answered | refused |", "|---|---|---|",
        *[f"| {kind} | {o.get('answered', 0)} | {o.get('refused', 0)} |" for kind, o in sorted(outcomes.items())],
    ]  # fmt: skip
    (args.out / f"memory-{stamp}.md").write_text("\n".join(lines) + "\n", encoding="utf-8")
    print("\n".join(lines))


if __name__ == "__main__":
    main()
