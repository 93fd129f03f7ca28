"""Load on a real ``optiproof serve`` (loopback only): 200 read/solve/check requests of the
bundled problems from 20 concurrent clients on a fresh cache, again on the warm cache, then again
with one deliberately slow request (a problem past the time limit) sent first. Prints
throughput, p50/p95 latency, the cache hit rate, status codes and the server's memory before and
after.

    .venv/bin/python benchmarks/bench_server.py [--requests 200] [--clients 20]
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from server_load import run_load, running_server  # noqa: E402

TIME_LIMIT_S = 60


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    args = parser.parse_args()
    print(f"optiproof serve: {args.workers} worker(s), time limit {TIME_LIMIT_S} s; "
          f"{args.requests} requests from {args.clients} clients; load average "
          f"{os.getloadavg()[0]:.2f}")
    with tempfile.TemporaryDirectory(prefix="bench-server-") as tmp, \
            running_server(Path(tmp), "--workers", str(args.workers), "--time-limit",
                           str(TIME_LIMIT_S)) as server:
        print(f"server RSS once up: {server.rss_mb():.0f} MB")
        for title, slow in (("fresh cache", False), ("warm cache", False),
                            ("warm cache, one slow request sent first", True)):
            report = run_load(server, args.requests, args.clients, slow=slow)
            print(f"\n== {title}")
            print("\n".join(report.lines()))
            for failure in report.server_errors()[:5]:
                print(f"  {failure.kind} HTTP {failure.status}: {failure.message}")


if __name__ == "__main__":
    main()
