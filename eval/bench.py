"""Performance benchmark: build time, ready time, warm query latency and peak memory.

    cd /work/main && HF_HUB_OFFLINE=1 .venv/bin/python eval/bench.py [--scale 200000] [--out eval/results]

Every measurement runs in a fresh Python subprocess (this same file with --child), so model
loading, imports and peak memory (ru_maxrss of that process) are real. Writes
<out>/bench-<date>.md (table + machine info + command) and a .json twin.

Cases
  1. bundled build   build_index() of corpus/ into a temporary index folder, from a cold process
  2. bundled serve   open_index + load_model + Retriever (= ready time); warm Retriever.search(k=5)
  3. scale           N synthetic rows (the real rows under other municipalities and years) written
                     with write_index() and served with load_index(); plus a probe of the package's
                     own LexicalIndex.build to project what an as-is build of N rows costs

The one shortcut in the scale build (reported in the output, never hidden): embeddings are
computed once per distinct text (a caching wrapper around the model). The synthetic corpus has few
distinct texts, and embedding 200k long texts at ~50/s on 2 cores would take over an hour; the
measured throughput gives the projection for a real corpus. LexicalIndex.build also analyzes each
distinct text once, so a separate probe times it on texts that are all distinct.
"""

from __future__ import annotations

import time

_PROCESS_START = time.perf_counter()  # before any heavy import: cold-process timings start here

import argparse  # noqa: E402
import dataclasses  # noqa: E402
import json  # noqa: E402
import os  # noqa: E402
import platform  # noqa: E402
import resource  # noqa: E402
import shlex  # noqa: E402
import shutil  # noqa: E402
import statistics  # noqa: E402
import subprocess  # noqa: E402
import sys  # noqa: E402
import tempfile  # noqa: E402
from datetime import datetime  # noqa: E402
from importlib import metadata  # noqa: E402
from pathlib import Path  # noqa: E402
from typing import Any  # noqa: E402

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

DEV_QUESTIONS = REPO / "eval" / "dev-questions.jsonl"
RESULT_MARK = "BENCH-RESULT "
K = 5
TARGETS = {
    "bundled_build_s": 20.0,
    "bundled_p95_ms": 50.0,
    "scale_p95_ms": 150.0,
    "bundled_serving_mb": 1536.0,
}
YEARS = range(2015, 2027)
# Real Bulgarian municipalities (Казанлък, the bundled corpus, left out), enough that every
# (municipality, year) of 200k synthetic rows is unique: 124 rows x 12 years x 135 names.
MUNICIPALITIES = """
Стара Загора|Пловдив|Варна|Бургас|Русе|Плевен|Сливен|Ямбол|Хасково|Габрово|Шумен|Добрич|Перник|
Благоевград|Велико Търново|Видин|Враца|Кърджали|Кюстендил|Ловеч|Монтана|Пазарджик|Разград|Силистра|
Смолян|Търговище|Асеновград|Ботевград|Карлово|Петрич|Сандански|Гоце Делчев|Разлог|Банско|Самоков|
Дупница|Свищов|Горна Оряховица|Севлиево|Троян|Тетевен|Луковит|Червен бряг|Левски|Никопол|Белене|
Павликени|Елена|Лясковец|Стражица|Попово|Омуртаг|Антоново|Исперих|Кубрат|Завет|Тутракан|Дулово|
Балчик|Каварна|Генерал Тошево|Тервел|Нови пазар|Велики Преслав|Провадия|Девня|Аксаково|Белослав|
Суворово|Дългопол|Айтос|Карнобат|Поморие|Несебър|Созопол|Приморско|Царево|Средец|Малко Търново|
Камено|Руен|Сунгурларе|Нова Загора|Котел|Твърдица|Елхово|Тунджа|Болярово|Стралджа|Чирпан|Раднево|
Гълъбово|Мъглиж|Павел баня|Гурково|Николаево|Харманли|Свиленград|Димитровград|Любимец|Тополовград|
Ивайловград|Момчилград|Крумовград|Ардино|Джебел|Кирково|Черноочене|Златоград|Мадан|Рудозем|Девин|
Чепеларе|Неделино|Доспат|Велинград|Панагюрище|Пещера|Ракитово|Брацигово|Септември|Белово|Стрелча|
Батак|Лесичово|Брезово|Раковски|Хисаря|Сопот|Първомай|Садово|Стамболийски|Перущица|Кричим|Родопи|
Марица|Куклен|Съединение|Калояново|Кресна|Симитли|Якоруда|Белица|Сатовча|Хаджидимово|Гърмен|
Струмяни|Рила|Бобов дол|Сапарева баня|Радомир|Брезник|Трън|Земен|Ковачевци|Костинброд|Елин Пелин|
Ихтиман|Своге|Етрополе|Правец|Пирдоп|Златица|Мездра|Бяла Слатина|Козлодуй|Оряхово|Кула|Белоградчик|
Брусарци|Лом|Берковица|Вършец|Чипровци
""".replace("\n", "").split("|")


# --- helpers shared by parent and children ----------------------------------------------------
def log(message: str) -> None:
    print(f"[bench {time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux: KiB


def since_start() -> float:
    return time.perf_counter() - _PROCESS_START


def percentile(values: list[float], q: float) -> float:
    """Linear-interpolated percentile (numpy's default method), no numpy needed."""
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    position = (len(ordered) - 1) * q / 100
    low = int(position)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (position - low)


def latency_summary(ms: list[float]) -> dict[str, float]:
    return {
        "n": len(ms), "p50_ms": round(percentile(ms, 50), 2), "p95_ms": round(percentile(ms, 95), 2),
        "max_ms": round(max(ms), 2), "mean_ms": round(statistics.fmean(ms), 2),
    }  # fmt: skip


def dev_questions() -> list[str]:
    from assistant.metrics import load_questions

    with open(DEV_QUESTIONS, encoding="utf-8") as stream:
        return [q.question for q in load_questions(stream, DEV_QUESTIONS.name)]


def bundled_rows() -> list[Any]:
    from assistant.parse import load_corpus
    from assistant.settings import Settings

    return [row for plan in load_corpus(Settings().corpus) for row in plan.rows]


def synthetic_rows(n: int) -> list[Any]:
    """n rows: the bundled rows under other municipalities and years, the name in the activity."""
    from assistant.rows import Source
    from assistant.text import slug

    base = bundled_rows()
    names = list(dict.fromkeys(MUNICIPALITIES))
    capacity = len(base) * len(YEARS) * len(names)
    if n > capacity:
        raise SystemExit(f"--scale {n} exceeds {capacity} unique (municipality, year, row) combinations")
    rows: list[Any] = []
    for name in names:
        for year in YEARS:
            for row in base:
                if len(rows) == n:
                    return rows
                goal_measure_position = row.row_id.rsplit("/", 1)[1]
                rows.append(dataclasses.replace(
                    row, municipality=name, year=year, activity=f"{row.activity} (община {name})",
                    # both bundled plans are used for every (name, year): their year keeps ids unique
                    row_id=f"{slug(name)}/{year}/{row.year}/{goal_measure_position}",
                    source=Source(file=f"{slug(name)}-{year}.txt", line_start=row.source.line_start,
                                  line_end=row.source.line_end),
                ))  # fmt: skip
    return rows


class DedupModel:
    """Wraps an encoder: each distinct text is encoded once (the synthetic corpus repeats)."""

    def __init__(self, model: Any) -> None:
        self.model = model
        self.cache: dict[str, Any] = {}
        self.seconds = 0.0
        self.encoded = 0
        self.requested = 0

    def get_embedding_dimension(self) -> int | None:
        return self.model.get_embedding_dimension()

    def encode(self, texts: list[str], **kwargs: Any) -> Any:
        import numpy as np

        self.requested += len(texts)
        missing = [t for t in dict.fromkeys(texts) if t not in self.cache]
        if missing:
            started = time.perf_counter()
            vectors = self.model.encode(missing, **kwargs)
            self.seconds += time.perf_counter() - started
            self.encoded += len(missing)
            self.cache.update(zip(missing, vectors, strict=True))
        return np.stack([self.cache[t] for t in texts])


# --- timing of a serving process ----------------------------------------------------------------
def time_queries(retriever: Any, questions: list[str], repetitions: int) -> dict[str, Any]:
    started = time.perf_counter()
    retriever.search(questions[0], k=K)
    first_ms = (time.perf_counter() - started) * 1000
    first_seen: list[float] = []
    for question in questions[1:]:  # warm-up: every question once (first time seen: per-word caches cold)
        started = time.perf_counter()
        retriever.search(question, k=K)
        first_seen.append((time.perf_counter() - started) * 1000)
    latencies: list[float] = []
    cpu: list[float] = []
    per_question: dict[str, list[float]] = {q: [] for q in questions}
    abstained = 0
    for _ in range(repetitions):
        for question in questions:
            cpu_started = time.process_time()
            started = time.perf_counter()
            result = retriever.search(question, k=K)
            elapsed = (time.perf_counter() - started) * 1000
            cpu.append((time.process_time() - cpu_started) * 1000)
            latencies.append(elapsed)
            per_question[question].append(elapsed)
            abstained += result.abstained
    slowest = sorted(per_question.items(), key=lambda item: -statistics.median(item[1]))[:5]
    return {
        **latency_summary(latencies), "first_query_ms": round(first_ms, 1),
        "warmup_p50_ms": round(percentile(first_seen, 50), 2), "warmup_max_ms": round(max(first_seen), 2),
        "abstained_share": round(abstained / len(latencies), 3),
        # CPU time of the whole process (all threads) per search: a check on contention from other processes
        "cpu_p50_ms": round(percentile(cpu, 50), 2), "cpu_p95_ms": round(percentile(cpu, 95), 2),
        "slowest_questions": [{"question": q, "median_ms": round(statistics.median(v), 1)} for q, v in slowest],
    }  # fmt: skip


class _Timed:
    """Accumulates wall time and calls per stage name."""

    def __init__(self) -> None:
        self.seconds: dict[str, float] = {}
        self.calls: dict[str, int] = {}

    def wrap(self, name: str, function: Any) -> Any:
        def timed(*args: Any, **kwargs: Any) -> Any:
            started = time.perf_counter()
            try:
                return function(*args, **kwargs)
            finally:
                self.seconds[name] = self.seconds.get(name, 0.0) + time.perf_counter() - started
                self.calls[name] = self.calls.get(name, 0) + 1

        return timed


def stage_breakdown(retriever: Any, questions: list[str], repetitions: int = 2) -> dict[str, Any]:
    """Where Retriever.search spends its time, from the per-stage timings every search records."""
    seconds: dict[str, float] = {}
    total = 0.0
    searches = 0
    for _ in range(repetitions):
        for question in questions:
            started = time.perf_counter()
            result = retriever.search(question, k=K)
            total += time.perf_counter() - started
            searches += 1
            for stage, spent in result.timings.items():
                seconds[stage] = seconds.get(stage, 0.0) + spent
    rest = total - sum(seconds.values())
    stages = {name: {"ms_per_search": round(s * 1000 / searches, 2), "share": round(s / total, 3)}
              for name, s in seconds.items()}  # fmt: skip
    stages["(rest: passages, result records)"] = {"ms_per_search": round(rest * 1000 / searches, 2), "share": round(rest / total, 3)}
    return {"searches": searches, "mean_ms": round(total * 1000 / searches, 2),
            "stages": dict(sorted(stages.items(), key=lambda item: -item[1]["ms_per_search"]))}  # fmt: skip


def cprofile_top(function: Any, limit: int = 25) -> str:
    import cProfile
    import io
    import pstats

    profiler = cProfile.Profile()
    profiler.enable()
    function()
    profiler.disable()
    out = io.StringIO()
    stats = pstats.Stats(profiler, stream=out)
    stats.sort_stats("tottime").print_stats(limit)
    return out.getvalue()


# --- the children ------------------------------------------------------------------------------
def child_bundled_build(args: dict[str, Any]) -> dict[str, Any]:
    from assistant.index import build_index
    from assistant.settings import Settings

    imports_s = since_start()
    marks: list[tuple[float, str]] = []
    started = time.perf_counter()
    folder = build_index(
        Settings(index=Path(args["index"])), progress=lambda m: marks.append((time.perf_counter(), m))
    )
    build_s = time.perf_counter() - started
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    steps = [{"at_s": round(t - started, 2), "message": m} for t, m in marks]
    return {"cold_total_s": round(since_start(), 2), "imports_before_build_s": round(imports_s, 2),
            "build_index_s": round(build_s, 2), "peak_rss_mb": round(peak_rss_mb(), 1),
            "rows": manifest["row_count"], "vectors": manifest["vector_count"], "dense_index": manifest["dense_index"],
            "progress": steps}  # fmt: skip


def package_constants() -> dict[str, Any]:
    """Tuning constants of the package at the time of the run (they change between runs)."""
    import assistant.index
    import assistant.lexical
    import assistant.retrieve

    names = {assistant.index: ("APPROXIMATE_FROM", "FORMAT_VERSION"), assistant.retrieve: ("CANDIDATES",),
             assistant.lexical: ("MAX_QUERY_DF",)}  # fmt: skip
    return {name: getattr(module, name, None) for module, wanted in names.items() for name in wanted}


def _serve(load: Any, args: dict[str, Any]) -> dict[str, Any]:
    started = time.perf_counter()
    index = load()
    open_s = time.perf_counter() - started
    started = time.perf_counter()
    from assistant.embedding import load_model  # torch + sentence-transformers: part of getting ready

    model = load_model(None)
    model_s = time.perf_counter() - started
    started = time.perf_counter()
    from assistant.retrieve import Retriever
    from assistant.settings import Settings

    retriever = Retriever(
        index, model, fusion=getattr(Settings(), "fusion", "weighted")
    )  # as the CLI builds it
    retriever_s = time.perf_counter() - started
    ready_s = open_s + model_s + retriever_s
    rss_ready = peak_rss_mb()
    questions = dev_questions()
    timing = time_queries(retriever, questions, args["repetitions"])
    rss = peak_rss_mb()
    result = {"rows": len(index.rows), "vectors": int(index.dense.ntotal), "dense_index": index.manifest.get("dense_index"),
              "faiss_class": type(index.dense).__name__, "questions": len(questions), "repetitions": args["repetitions"],
              "open_index_s": round(open_s, 2), "load_model_s": round(model_s, 2), "retriever_init_s": round(retriever_s, 2),
              "ready_s": round(ready_s, 2),
              "peak_rss_ready_mb": round(rss_ready, 1), "peak_rss_mb": round(rss, 1), **timing}  # fmt: skip
    log(
        f"timed {timing['n']} searches: p50 {timing['p50_ms']} ms, p95 {timing['p95_ms']} ms; profiling stages…"
    )
    result["stages"] = stage_breakdown(retriever, questions)
    result["package_constants"] = package_constants()
    if args.get("profile"):
        result["cprofile_search"] = cprofile_top(lambda: [retriever.search(q, k=K) for q in questions])
        result["cprofile_retriever_init"] = cprofile_top(lambda: Retriever(index, model), 12)
    return result


def child_bundled_serve(args: dict[str, Any]) -> dict[str, Any]:
    from assistant.index import open_index
    from assistant.settings import Settings

    return _serve(lambda: open_index(Settings(index=Path(args["index"])), rebuild=False), args)


def child_scale_serve(args: dict[str, Any]) -> dict[str, Any]:
    from assistant.index import load_index

    return _serve(lambda: load_index(Path(args["index"])), args)


def child_lexical_probe(args: dict[str, Any]) -> dict[str, Any]:
    """LexicalIndex.build on n synthetic rows made (nearly) all distinct, as a real corpus's rows are.

    The year is appended as a letter word ("бавй" for 2015), so texts differ between years too.
    """
    from assistant.index import lexical_text
    from assistant.lexical import LexicalIndex

    rows = synthetic_rows(args["rows"])
    texts = [lexical_text(r) + " " + "".join("абвгдежзий"[int(c)] for c in str(r.year)) for r in rows]
    del rows
    distinct = len(set(texts))
    rss_before = peak_rss_mb()
    started = time.perf_counter()
    lexical = LexicalIndex.build(texts, "lemma+ngram")
    seconds = time.perf_counter() - started
    rss = peak_rss_mb()
    return {"rows": len(texts), "build_s": round(seconds, 2), "ms_per_row": round(seconds * 1000 / len(texts), 3),
            "peak_rss_before_mb": round(rss_before, 1), "peak_rss_mb": round(rss, 1),
            "mb_per_row": round((rss - rss_before) / len(texts), 4), "nnz": int(lexical.weights.nnz),
            "nnz_per_row": round(lexical.weights.nnz / len(texts), 1), "terms": len(lexical.vocabulary),
            "distinct_texts": distinct}  # fmt: skip


def child_scale_build(args: dict[str, Any]) -> dict[str, Any]:
    import faiss

    import assistant.index as index_module
    from assistant.embedding import load_model
    from assistant.lexical import LexicalIndex
    from assistant.settings import Settings

    n = args["rows"]
    started = time.perf_counter()
    rows = synthetic_rows(n)
    generate_s = time.perf_counter() - started
    log(f"generated {len(rows)} synthetic rows in {generate_s:.1f} s")
    started = time.perf_counter()
    model = DedupModel(load_model(None))
    model_s = time.perf_counter() - started
    timer = _Timed()
    original_dense = index_module._dense_index
    index_module._dense_index = timer.wrap("faiss index build", original_dense)
    original_build = LexicalIndex.build  # a bound classmethod: wrapped for timing only
    LexicalIndex.build = timer.wrap("LexicalIndex.build (BM25)", original_build)  # type: ignore[method-assign]
    root = Path(args["index"])
    root.mkdir(parents=True, exist_ok=True)
    folder = root / "build-synthetic"
    # what build_index would pass (format, model, analyzer …), the corpus hash marked synthetic
    manifest = {**index_module.expected_manifest(Settings()), "corpus_hash": f"synthetic-{n}"}
    last = [0.0]

    def progress(message: str) -> None:
        now = time.perf_counter()
        if now - last[0] > 15:
            last[0] = now
            log(f"write_index: {message} (distinct texts embedded: {model.encoded}, {model.seconds:.0f} s)")

    started = time.perf_counter()
    index_module.write_index(folder, rows, [], model, manifest, progress)
    write_s = time.perf_counter() - started
    (root / "CURRENT").write_text(folder.name, encoding="utf-8")
    LexicalIndex.build = original_build  # type: ignore[method-assign]
    index_module._dense_index = original_dense
    written = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    dense = faiss.read_index(str(folder / "dense.faiss"))
    size_mb = sum(p.stat().st_size for p in folder.rglob("*") if p.is_file()) / 2**20
    accounted = model.seconds + sum(timer.seconds.values())
    return {"rows": len(rows), "municipalities": len({r.municipality for r in rows}), "vectors": written["vector_count"], "dense_index": written["dense_index"],
            "faiss_class": type(dense).__name__, "generate_s": round(generate_s, 2), "load_model_s": round(model_s, 2),
            "write_index_s": round(write_s, 2), "embed_s": round(model.seconds, 2), "texts_requested": model.requested,
            "distinct_texts_embedded": model.encoded,
            "embed_texts_per_s": round(model.encoded / model.seconds, 1) if model.seconds else None,
            "stage_s": {k: round(v, 2) for k, v in timer.seconds.items()},
            "other_write_index_s": round(write_s - accounted, 2),
            "lexical_texts_distinct": len({index_module.lexical_text(r) for r in rows}),
            "index_mb_on_disk": round(size_mb, 1),
            "peak_rss_mb": round(peak_rss_mb(), 1)}  # fmt: skip


CHILDREN = {
    "bundled-build": child_bundled_build,
    "bundled-serve": child_bundled_serve,
    "lexical-probe": child_lexical_probe,
    "scale-build": child_scale_build,
    "scale-serve": child_scale_serve,
}


# --- the parent --------------------------------------------------------------------------------
def load_average() -> float:
    with open("/proc/loadavg", encoding="utf-8") as stream:
        return float(stream.read().split()[0])


def run_child(name: str, args: dict[str, Any]) -> dict[str, Any]:
    load_before = load_average()
    log(f"--- {name} (fresh process; load average {load_before}) ---")
    env = {**os.environ, "HF_HUB_OFFLINE": "1", "PYTHONPATH": str(REPO)}
    started = time.perf_counter()
    completed = subprocess.run(
        [sys.executable, str(Path(__file__).resolve()), "--child", name, "--child-args", json.dumps(args)],
        stdout=subprocess.PIPE, stderr=None, text=True, env=env, cwd=REPO, check=False,
    )  # fmt: skip
    wall = time.perf_counter() - started
    lines = [line for line in completed.stdout.splitlines() if line.startswith(RESULT_MARK)]
    if completed.returncode != 0 or not lines:
        log(f"{name} failed (exit {completed.returncode}); stdout tail: {completed.stdout[-2000:]}")
        return {"error": f"exit code {completed.returncode}", "process_wall_s": round(wall, 2)}
    result = json.loads(lines[-1][len(RESULT_MARK) :])
    result["process_wall_s"] = round(wall, 2)
    result["load_average_1min"] = {"before": load_before, "after": load_average()}
    log(f"{name} done in {wall:.1f} s (peak RSS {result.get('peak_rss_mb')} MB)")
    return result


def machine_info() -> dict[str, Any]:
    cpu = "unknown"
    with open("/proc/cpuinfo", encoding="utf-8") as stream:
        for line in stream:
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    ram_gb = None
    with open("/proc/meminfo", encoding="utf-8") as stream:
        for line in stream:
            if line.startswith("MemTotal:"):
                ram_gb = round(int(line.split()[1]) / 2**20, 1)
    versions = {}
    for package in ("faiss-cpu", "onnxruntime", "onnxruntime-extensions", "numpy", "scipy", "torch",
                    "sentence-transformers", "simplemma"):  # fmt: skip
        try:
            versions[package] = metadata.version(package)
        except metadata.PackageNotFoundError:
            versions[package] = "not installed"
    return {"cpu": cpu, "cores": os.cpu_count(), "ram_gb": ram_gb, "python": platform.python_version(),
            "platform": platform.platform(), "versions": versions}  # fmt: skip


def verdict(value: float | None, limit: float) -> str:
    if value is None:
        return "n/a"
    return "PASS" if value <= limit else "FAIL"


def summary_rows(results: dict[str, Any], args: argparse.Namespace) -> list[tuple[str, str, str, str]]:
    """(measure, measured, target, verdict) rows of the table."""
    out: list[tuple[str, str, str, str]] = []
    build = results.get("bundled_build", {})
    serve = results.get("bundled_serve", {})
    if "error" not in build and build:
        out.append(
            (
                "Bundled build, cold process (start → index written; incl. imports, parse, model load)",
                f"{build['cold_total_s']:.1f} s",
                "≤ 20 s",
                verdict(build["cold_total_s"], TARGETS["bundled_build_s"]),
            )
        )
        out.append(
            (
                "  of which build_index() (parse + model import/load + embed + BM25 + write)",
                f"{build['build_index_s']:.1f} s",
                "",
                "",
            )
        )
        out.append(("Bundled build, peak RSS", f"{build['peak_rss_mb']:.0f} MB", "", ""))
    if "error" not in serve and serve:
        out.append(
            (
                "Bundled ready time (open_index + load model + Retriever)",
                f"{serve['ready_s']:.1f} s "
                f"({serve['open_index_s']:.2f} + {serve['load_model_s']:.2f} + {serve['retriever_init_s']:.2f})",
                "",
                "",
            )
        )
        out.append(
            (
                f"Bundled warm query p50 ({serve['rows']} rows, k={K}, n={serve['n']})",
                f"{serve['p50_ms']:.1f} ms (CPU {serve['cpu_p50_ms']:.1f} ms)",
                "",
                "",
            )
        )
        out.append(
            (
                "Bundled warm query p95",
                f"{serve['p95_ms']:.1f} ms (CPU {serve['cpu_p95_ms']:.1f} ms)",
                "≤ 50 ms",
                verdict(serve["p95_ms"], TARGETS["bundled_p95_ms"]),
            )
        )
        out.append(("Bundled warm query max", f"{serve['max_ms']:.1f} ms", "", ""))
        out.append(
            (
                "Bundled first (cold) query; warm-up pass (questions seen once) p50 / max",
                f"{serve['first_query_ms']:.0f} ms; {serve['warmup_p50_ms']:.1f} / {serve['warmup_max_ms']:.1f} ms",
                "",
                "",
            )
        )
        out.append(
            (
                "Bundled serving memory (peak RSS)",
                f"{serve['peak_rss_mb']:.0f} MB",
                "≤ 1536 MB",
                verdict(serve["peak_rss_mb"], TARGETS["bundled_serving_mb"]),
            )
        )
    probe = results.get("lexical_probe", {})
    sbuild = results.get("scale_build", {})
    sserve = results.get("scale_serve", {})
    if sbuild and "error" not in sbuild:
        n = sbuild["rows"]
        out.append(
            (
                f"Scale build: write_index of {n:,} rows (embedding deduplicated, see notes)",
                f"{sbuild['write_index_s']:.0f} s",
                "",
                "",
            )
        )
        out.append(
            (
                f"  embedding {sbuild['distinct_texts_embedded']:,} distinct texts",
                f"{sbuild['embed_s']:.0f} s ({sbuild['embed_texts_per_s']} texts/s)",
                "",
                "",
            )
        )
        for stage, seconds in sbuild["stage_s"].items():
            out.append((f"  {stage}", f"{seconds:.0f} s", "", ""))
        out.append(
            ("  other (text prep, rows.jsonl, files)", f"{sbuild['other_write_index_s']:.0f} s", "", "")
        )
        out.append(("Scale build peak RSS", f"{sbuild['peak_rss_mb'] / 1024:.1f} GB", "", ""))
        out.append(
            (
                "Scale FAISS index",
                f"{sbuild['dense_index']} ({sbuild['faiss_class']}, {sbuild['vectors']:,} vectors)",
                "",
                "",
            )
        )
        projection = results.get("projection")
        if projection:
            out.append(
                (
                    f"Projected build of {n:,} distinct rows (no repeated texts)",
                    f"~{projection['total_min']:.0f} min (embedding ~{projection['embed_min']:.0f} min)",
                    "",
                    "",
                )
            )
    if probe and "error" not in probe:
        out.append(
            (
                f"  LexicalIndex.build probe: {probe['rows']:,} rows, {probe['distinct_texts']:,} distinct",
                f"{probe['build_s']:.0f} s, +{probe['peak_rss_mb'] - probe['peak_rss_before_mb']:.0f} MB "
                f"({probe['ms_per_row']} ms/row)",
                "",
                "",
            )
        )
    if sserve and "error" not in sserve:
        out.append(
            (
                f"Scale ready time ({sserve['rows']:,} rows: load_index + model + Retriever)",
                f"{sserve['ready_s']:.1f} s "
                f"({sserve['open_index_s']:.1f} + {sserve['load_model_s']:.1f} + {sserve['retriever_init_s']:.1f})",
                "",
                "",
            )
        )
        out.append(
            ("Scale warm query p50", f"{sserve['p50_ms']:.0f} ms (CPU {sserve['cpu_p50_ms']:.0f} ms)", "", "")
        )
        limit = TARGETS["scale_p95_ms"]
        target_note = "≤ 150 ms" + (
            "" if sserve["rows"] >= 200_000 else f" (target is for 200k; ran {sserve['rows']:,})"
        )
        out.append(
            (
                "Scale warm query p95",
                f"{sserve['p95_ms']:.0f} ms (CPU {sserve['cpu_p95_ms']:.0f} ms)",
                target_note,
                verdict(sserve["p95_ms"], limit),
            )
        )
        out.append(("Scale warm query max", f"{sserve['max_ms']:.0f} ms", "", ""))
        out.append(
            (
                "Scale first query; warm-up pass p50 / max",
                f"{sserve['first_query_ms']:.0f} ms; "
                f"{sserve['warmup_p50_ms']:.0f} / {sserve['warmup_max_ms']:.0f} ms",
                "",
                "",
            )
        )
        out.append(("Scale serving memory (peak RSS)", f"{sserve['peak_rss_mb'] / 1024:.2f} GB", "", ""))
    for key, value in results.items():
        if isinstance(value, dict) and "error" in value:
            out.append((f"{key}", f"FAILED: {value['error']}", "", ""))
    return out


def stages_table(stages: dict[str, Any]) -> list[str]:
    lines = [
        "| stage (Retriever.search) | ms per search | share |",
        "|---|---:|---:|",
    ]
    for name, s in stages["stages"].items():
        lines.append(f"| {name} | {s['ms_per_search']} | {s['share']:.0%} |")
    return lines


def write_reports(results: dict[str, Any], args: argparse.Namespace, command: str) -> tuple[Path, Path]:
    out = Path(args.out)
    if not out.is_absolute():
        out = REPO / out
    out.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now().strftime("%Y-%m-%d")
    if args.cases != "bundled,scale":
        stamp += "-" + args.cases.replace(",", "-")
    md_path, json_path = out / f"bench-{stamp}.md", out / f"bench-{stamp}.json"
    machine = results["machine"]
    rows = summary_rows(results, args)
    lines = [f"# Benchmark {datetime.now().isoformat(timespec='seconds')}", "",
             f"Command: `{command}`", "",
             f"Machine: {machine['cpu']}, {machine['cores']} cores, {machine['ram_gb']} GB RAM; "
             f"Python {machine['python']}; faiss-cpu {machine['versions']['faiss-cpu']}; "
             f"onnxruntime {machine['versions']['onnxruntime']}; " + ", ".join(
                 f"{k} {v}" for k, v in machine["versions"].items() if k not in ("faiss-cpu", "onnxruntime")) +
             f" ({machine['platform']})", "",
             "Each case runs in a fresh subprocess; memory is that process's peak RSS (ru_maxrss). "
             f"Latency: every dev question ({DEV_QUESTIONS.name}) searched once as warm-up, then "
             f"{args.reps} timed repetitions of all of them, `Retriever.search(q, k={K})`.", "",
             "| measure | measured | target | verdict |", "|---|---|---|---|"]  # fmt: skip
    lines += [f"| {a} | {b} | {c} | {d} |" for a, b, c, d in rows]
    loads = {
        k: v["load_average_1min"]
        for k, v in results.items()
        if isinstance(v, dict) and "load_average_1min" in v
    }
    if loads:
        lines += ["", f"Load average (1 min) before → after each case, on {machine['cores']} cores "
                  "(the 1-minute average also carries this benchmark's previous case; well above the core count, "
                  "other processes competed for the CPU and timings are inflated; 'CPU' columns are the serving "
                  "process's own CPU time per search, all threads): "
                  + "; ".join(f"{k} {v['before']} → {v['after']}" for k, v in loads.items())]  # fmt: skip
    constants = next(
        (
            v["package_constants"]
            for v in results.values()
            if isinstance(v, dict) and "package_constants" in v
        ),
        None,
    )
    if constants:
        lines += [
            "",
            "Package constants during the run: " + ", ".join(f"`{k} = {v}`" for k, v in constants.items()),
        ]
    sbuild = results.get("scale_build", {})
    if sbuild and "error" not in sbuild:
        lines += ["", "## Scale case notes", "",
                  f"* {sbuild['rows']:,} synthetic rows: the bundled rows (both plans) under "
                  f"{sbuild['municipalities']} real municipality names × years {YEARS.start}–{YEARS.stop - 1}, "
                  "the name appended to the activity (`… (община <name>)`), unique row ids.",
                  f"* Embedding: {sbuild['texts_requested']:,} texts requested by write_index, "
                  f"{sbuild['distinct_texts_embedded']:,} distinct ones embedded (a cache in front of the model); "
                  "the years of one municipality share texts, so many vectors are exact duplicates.",
                  f"* BM25: the package's own `LexicalIndex.build`, which analyzes each distinct text once "
                  f"({sbuild['lexical_texts_distinct']:,} distinct lexical texts here); the probe row below times it on "
                  "distinct texts."]  # fmt: skip
        projection = results.get("projection")
        if projection:
            lines += [f"* Projection for {sbuild['rows']:,} rows that are all distinct (a real corpus): embedding "
                      f"{projection['embed_min']:.0f} min ({sbuild['vectors']:,} texts at {sbuild['embed_texts_per_s']} texts/s) "
                      f"+ LexicalIndex.build {projection['lexical_min']:.0f} min ({results['lexical_probe']['ms_per_row']} ms/row "
                      f"on distinct texts) + FAISS {projection['faiss_min']:.1f} min + the rest "
                      f"{projection['other_min']:.1f} min ≈ {projection['total_min']:.0f} min; LexicalIndex.build adds "
                      f"{results['lexical_probe']['mb_per_row'] * 1024:.0f} KB RSS per row "
                      f"(≈ {projection['lexical_peak_gb']:.1f} GB at {sbuild['rows']:,}) on a {machine['ram_gb']} GB machine."]  # fmt: skip
    for key, title in (("bundled_serve", "Bundled"), ("scale_serve", "Scale")):
        serve = results.get(key, {})
        if serve and "stages" in serve:
            lines += [
                "",
                f"## Where a search spends its time: {title.lower()} ({serve['rows']:,} rows)",
                "",
                f"Mean {serve['stages']['mean_ms']} ms over {serve['stages']['searches']} instrumented searches "
                "(the stages of assistant/retrieve.py, timed by the retriever itself: SearchResult.timings).",
                "",
            ]
            lines += stages_table(serve["stages"])
            lines += [
                "",
                "Slowest questions (median ms): "
                + "; ".join(f"{s['question'][:60]}… {s['median_ms']}" for s in serve["slowest_questions"]),
            ]
            if serve.get("cprofile_search"):
                lines += [
                    "",
                    "<details><summary>cProfile of one pass (tottime)</summary>",
                    "",
                    "```",
                    serve["cprofile_search"].strip(),
                    "```",
                    "",
                    "</details>",
                ]
    md_path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    json_path.write_text(
        json.dumps({**results, "command": command}, ensure_ascii=False, indent=2), encoding="utf-8"
    )
    return md_path, json_path


def print_table(rows: list[tuple[str, str, str, str]]) -> None:
    widths = [max(len(r[i]) for r in rows) for i in range(4)]
    header = ("measure", "measured", "target", "verdict")
    widths = [max(w, len(h)) for w, h in zip(widths, header, strict=True)]
    print("  ".join(h.ljust(w) for h, w in zip(header, widths, strict=True)))
    print("  ".join("-" * w for w in widths))
    for row in rows:
        print("  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--scale", type=int, default=200_000, help="synthetic rows for the scale case (0: skip)"
    )
    parser.add_argument("--out", default="eval/results", help="folder for bench-<date>.md and .json")
    parser.add_argument("--reps", type=int, default=5, help="timed repetitions of the dev questions")
    parser.add_argument(
        "--lexical-probe",
        type=int,
        default=20_000,
        help="rows for the LexicalIndex.build probe (0: skip; its time and memory are linear)",
    )
    parser.add_argument("--cases", default="bundled,scale", help="comma-separated: bundled, scale")
    parser.add_argument("--no-profile", action="store_true", help="skip the cProfile passes")
    parser.add_argument("--keep", action="store_true", help="keep the temporary index folders")
    parser.add_argument("--child", choices=sorted(CHILDREN), help=argparse.SUPPRESS)
    parser.add_argument("--child-args", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        result = CHILDREN[args.child](json.loads(args.child_args or "{}"))
        print(RESULT_MARK + json.dumps(result, ensure_ascii=False), flush=True)
        return

    command = "cd " + shlex.quote(str(REPO)) + " && HF_HUB_OFFLINE=1 " + shlex.join(
        [os.path.relpath(sys.executable, REPO) if sys.executable.startswith(str(REPO)) else sys.executable,
         *sys.orig_argv[1:]])  # fmt: skip
    temporary = Path(tempfile.mkdtemp(prefix="assistant-bench-"))
    results: dict[str, Any] = {"machine": machine_info(), "started": datetime.now().isoformat(timespec="seconds"),
                               "settings": {"scale": args.scale, "reps": args.reps, "k": K,
                                            "lexical_probe": args.lexical_probe,
                                            "cases": args.cases},
                               "targets": TARGETS}  # fmt: skip
    profile = not args.no_profile
    try:
        cases = {c.strip() for c in args.cases.split(",")}
        if "bundled" in cases:
            bundled = temporary / "bundled-index"
            results["bundled_build"] = run_child("bundled-build", {"index": str(bundled)})
            results["bundled_serve"] = run_child(
                "bundled-serve", {"index": str(bundled), "repetitions": args.reps, "profile": profile}
            )
        if args.scale and "scale" in cases:
            if args.lexical_probe:
                results["lexical_probe"] = run_child(
                    "lexical-probe", {"rows": min(args.lexical_probe, args.scale)}
                )
            scale = temporary / "scale-index"
            results["scale_build"] = run_child("scale-build", {"rows": args.scale, "index": str(scale)})
            if "error" not in results["scale_build"]:
                results["scale_serve"] = run_child(
                    "scale-serve", {"index": str(scale), "repetitions": args.reps, "profile": profile}
                )
            build, probe = results["scale_build"], results.get("lexical_probe", {})
            if "error" not in build and probe and "error" not in probe and build.get("embed_texts_per_s"):
                embed_min = build["vectors"] / build["embed_texts_per_s"] / 60
                lexical_min = probe["ms_per_row"] * build["rows"] / 1000 / 60
                faiss_min = sum(v for k, v in build["stage_s"].items() if k.startswith("faiss")) / 60
                other_min = build["other_write_index_s"] / 60
                results["projection"] = {
                    "embed_min": round(embed_min, 1), "lexical_min": round(lexical_min, 1), "faiss_min": round(faiss_min, 2),
                    "other_min": round(other_min, 2), "total_min": round(embed_min + lexical_min + faiss_min + other_min, 1),
                    "lexical_peak_gb": round(probe["mb_per_row"] * build["rows"] / 1024, 1),  # RSS LexicalIndex.build adds
                }  # fmt: skip
    finally:
        if not args.keep:
            shutil.rmtree(temporary, ignore_errors=True)
        else:
            log(f"kept {temporary}")
    results["finished"] = datetime.now().isoformat(timespec="seconds")
    print()
    print_table(summary_rows(results, args))
    for key in ("bundled_serve", "scale_serve"):
        serve = results.get(key, {})
        if serve and "stages" in serve:
            print(f"\n{key}: where Retriever.search spends its time (mean {serve['stages']['mean_ms']} ms)")
            for name, s in serve["stages"]["stages"].items():
                print(f"  {s['ms_per_search']:9.2f} ms  {s['share']:5.0%}  {name}")
    md_path, json_path = write_reports(results, args, command)
    print(
        f"\nwrote {md_path.relative_to(REPO) if md_path.is_relative_to(REPO) else md_path} and {json_path.name}"
    )


if __name__ == "__main__":
    main()
