"""Run every benchmark in bench/ and print one table (issue #10): `python tasks.py bench`.

Each bench/*_bench.py prints {"benchmark": name, "results": [{name, ms, baseline, baseline_ms,
ratio, budget_ms, within_budget, …}]}. Results are also saved to bench/results/latest.json.
"""

from __future__ import annotations

import json
import os
import platform
import subprocess
import sys
import time
from pathlib import Path

BENCH = Path(__file__).resolve().parent


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return f"{platform.system()} {platform.release()}, {os.cpu_count()} lõi, {cpu}, Python {platform.python_version()}"


def main(argv: list[str]) -> int:
    only = set(argv)
    scripts = sorted(p for p in BENCH.glob("*_bench.py") if not only or p.stem.removesuffix("_bench") in only)
    reports, failures = [], []
    for script in scripts:
        started = time.perf_counter()
        env = dict(os.environ, QT_QPA_PLATFORM=os.environ.get("QT_QPA_PLATFORM", "offscreen"))
        completed = subprocess.run([sys.executable, str(script)], capture_output=True, text=True,
                                   encoding="utf-8", env=env, cwd=BENCH)
        if completed.returncode != 0:
            failures.append((script.name, completed.stderr.strip()[-2000:]))
            continue
        try:
            report = json.loads(completed.stdout[completed.stdout.index("{"):])
        except ValueError:
            failures.append((script.name, "không đọc được JSON:\n" + completed.stdout[-1000:]))
            continue
        report["seconds"] = round(time.perf_counter() - started, 1)
        reports.append(report)

    lines = [f"Máy: {machine()}", "",
             "| Phép đo | Thời gian (ms) | Mốc so sánh | Mốc (ms) | Tỷ lệ | Ngân sách (ms) | Đạt |",
             "|---|---:|---|---:|---:|---:|:---:|"]
    for report in reports:
        for r in report["results"]:
            within = {True: "✓", False: "✗", None: "—"}[r.get("within_budget")]
            lines.append(f"| {r['name']} | {r['ms']:.1f} | {r.get('baseline', '')} | "
                         f"{r.get('baseline_ms', 0):.1f} | {r.get('ratio') or '—'} | "
                         f"{r.get('budget_ms') or '—'} | {within} |")
    print("\n".join(lines))
    for name, error in failures:
        print(f"\nLỖI khi chạy {name}:\n{error}", file=sys.stderr)
    results_dir = BENCH / "results"
    results_dir.mkdir(exist_ok=True)
    (results_dir / "latest.json").write_text(json.dumps(
        {"machine": machine(), "reports": reports}, ensure_ascii=False, indent=2), encoding="utf-8")
    (results_dir / "latest.md").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
