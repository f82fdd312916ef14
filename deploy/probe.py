#!/usr/bin/env python3
"""Reads the site through nginx while something goes wrong (deploy/run-local.sh runs it during the
PostgreSQL restart) and checks every answer, not just its status: no response may carry a stack
trace, an exception's name or a source path, whatever the status.

It asks for pages the instances serve from their caches, API queries made unique so that each one
misses the cache and reads the database, and hostile query strings. Usage:
  probe.py BASE_URL CA_FILE SECONDS OUT_DIR [THREADS]
Prints one line per kind of URL (requests, by status) and the stack-trace count; writes any
offending body to OUT_DIR. Exit status 0 even when problems are found: the caller decides.
"""
import json
import random
import re
import ssl
import sys
import threading
import time
import urllib.error
import urllib.request

base, cafile, seconds, out_dir = sys.argv[1], sys.argv[2], float(sys.argv[3]), sys.argv[4]
threads = int(sys.argv[5]) if len(sys.argv) > 5 else 4
context = ssl.create_default_context(cafile=cafile)
context.check_hostname = False

# What a .NET stack trace or exception page leaves in a body: frames ("at Namespace.Type.Method("),
# source positions (".cs:line 42"), exception type names and the developer page's title.
STACK = re.compile(r"\.cs:line \d+|\bat [A-Za-z_][\w.`<>+]*\.[\w`<>]+\(|\b[A-Z]\w*Exception\b|Unhandled exception|/work/|/home/|/src/CouncilPlan")


def get(path):
    request = urllib.request.Request(base + path, headers={"Accept": "text/html,application/json"})
    try:
        with urllib.request.urlopen(request, context=context, timeout=10) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()
    except Exception as error:  # connection refused, reset, timeout: no body to check
        return f"no answer ({type(error).__name__})", b""


status, body = get("/api/v1/measures?page_size=1000")
codes = [m["code"] for m in json.loads(body)["items"]] if status == 200 else ["none"]


def cached_page():
    return "pages (cached)", random.choice(["/", "/measures", "/neighbourhoods", "/open-data", "/about-the-plan", "/how-we-judge"])


def api_miss():
    # A page number no one has asked for yet: the answer cannot come from the cache.
    return "API queries (read the database)", f"/api/v1/observations?measure={random.choice(codes)}&page={random.randint(1, 10**6)}"


def hostile():
    return "hostile query strings", random.choice([
        "/api/v1/observations?page_size=abc",
        "/api/v1/observations?from=banana",
        f"/api/v1/observations?page=2147483647&page_size=1000&x={random.random()}",
        "/api/v1/measures/NOPE",
        "/api/v1/observations?measure=NOPE",
        "/api/v1/observations?area=E99999999",
        "/measures/%00",
        "/search?q=%3Cscript%3E",
    ])


kinds = [cached_page, api_miss, hostile]
lock = threading.Lock()
counts = {}
traces = []
start = time.monotonic()
failures = []  # (seconds since start, kind, status) of every answer that was not 2xx or 4xx


def worker():
    while time.monotonic() - start < seconds:
        kind, path = random.choice(kinds)()
        status, body = get(path)
        text = body.decode("utf-8", "replace")
        with lock:
            counts.setdefault(kind, {}).setdefault(str(status), 0)
            counts[kind][str(status)] += 1
            if not (isinstance(status, int) and status < 500):
                failures.append((time.monotonic() - start, kind, status))
            match = STACK.search(text)
            if match:
                traces.append(path)
                if len(traces) <= 5:
                    with open(f"{out_dir}/stack-trace-{len(traces)}.txt", "w") as f:
                        f.write(f"{path}\n{status}\n{match.group(0)}\n\n{text}")


pool = [threading.Thread(target=worker) for _ in range(threads)]
for t in pool:
    t.start()
for t in pool:
    t.join()

for kind, by_status in counts.items():
    total = sum(by_status.values())
    parts = ", ".join(f"{s}: {n}" for s, n in sorted(by_status.items()))
    print(f"{kind}: {total} requests ({parts})")
if failures:
    print(f"5xx or no answer from {failures[0][0]:.2f} s to {failures[-1][0]:.2f} s after the probe started ({len(failures)} in all)")
else:
    print("5xx or no answer: none")
print(f"responses with a stack trace, exception name or source path: {len(traces)}")
