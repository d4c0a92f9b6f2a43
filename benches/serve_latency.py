#!/usr/bin/env python3
"""Save-to-served latency of `onderdak serve`: the time from writing a service file to the
new text being served at the service's URL, through the watcher, its debounce and the
incremental rebuild, as an editor sees it.

    python3 benches/serve_latency.py --onderdak BIN --site /tmp/sfull \
        --file content/municipalities/aalwoude/aalwoude-bemoeizorg.md \
        --url /nl/aalwoude/aalwoude-bemoeizorg/ [--rounds 15]

Polls the page every 2 ms on 127.0.0.1; restores the file at the end. Standard library only.
"""
import argparse
import os
import socket
import statistics
import subprocess
import sys
import time
import urllib.request


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def get(url):
    try:
        with urllib.request.urlopen(url, timeout=2) as r:
            return r.read().decode("utf-8", "replace")
    except Exception:
        return ""


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--onderdak", required=True)
    p.add_argument("--site", required=True)
    p.add_argument("--file", required=True, help="service file, relative to the site")
    p.add_argument("--url", required=True, help="its page, e.g. /nl/assen/x/")
    p.add_argument("--rounds", type=int, default=15)
    p.add_argument("--timeout", type=float, default=10.0, help="seconds to wait for one edit")
    a = p.parse_args()
    port = free_port()
    server = subprocess.Popen(
        [a.onderdak, "serve", "--site", a.site, "--port", str(port)],
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    )
    base = f"http://127.0.0.1:{port}"
    path = os.path.join(a.site, a.file)
    original = open(path, encoding="utf-8").read()
    times = []
    try:
        started = time.monotonic()
        while "</html>" not in get(base + a.url):
            if server.poll() is not None or time.monotonic() - started > 600:
                sys.exit("serve did not come up:\n" + (server.stdout.read() or ""))
            time.sleep(0.5)
        print(f"serve up after {time.monotonic() - started:.1f} s (full build in memory)")
        time.sleep(1.0)
        for n in range(1, a.rounds + 1):
            marker = f"Latency check number {n}."
            t0 = time.monotonic()
            with open(path, "w", encoding="utf-8") as f:
                f.write(f"{original}\n{marker}\n")
            while marker not in get(base + a.url):
                if time.monotonic() - t0 > a.timeout:
                    sys.exit(f"round {n}: the edit did not show within {a.timeout} s")
                time.sleep(0.002)
            ms = (time.monotonic() - t0) * 1000
            times.append(ms)
            print(f"round {n}: {ms:.1f} ms")
            time.sleep(0.3)
    finally:
        with open(path, "w", encoding="utf-8") as f:
            f.write(original)
        server.terminate()
        server.wait()
    print(f"save to served: median {statistics.median(times):.1f} ms, "
          f"min {min(times):.1f}, max {max(times):.1f} over {len(times)} rounds")


if __name__ == "__main__":
    main()
