#!/usr/bin/env python3
"""A webhook receiver for bench/webhook.sh: verifies each delivery's signature, answers 2xx, and keeps per change the
time from its recordedAt (the ledger's record time) to its arrival. GET /stats answers the figures as JSON;
POST /down?seconds=N closes the listening socket for N seconds (connections refused meanwhile), then listens again.

    python3 bench/webhook-receiver.py --port 18391 --secret-file /tmp/secret
"""
import argparse
import hashlib
import hmac
import http.server
import json
import threading
import time
from datetime import datetime


class State:
    def __init__(self, secret_file):
        self.secret_file = secret_file
        self.lock = threading.Lock()
        self.latencies_ms = []
        self.positions = []  # in the order acknowledged
        self.acknowledged = set()
        self.again_after_2xx = 0
        self.out_of_order = 0
        self.bad_signatures = 0
        self.deliveries = 0

    def secret(self):
        with open(self.secret_file) as f:
            return f.read().strip()


def parse_instant(text):
    # 2026-11-30T08:00:00.123456Z: microseconds at most
    return datetime.fromisoformat(text.replace("Z", "+00:00")).timestamp()


def handler(state, down):
    class Handler(http.server.BaseHTTPRequestHandler):
        def log_message(self, *args):
            pass

        def answer(self, status, body=b""):
            self.send_response(status)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def do_GET(self):
            if self.path != "/stats":
                return self.answer(404)
            with state.lock:
                lat = sorted(state.latencies_ms)

                def pct(p):
                    return round(lat[min(len(lat) - 1, int(len(lat) * p / 100))], 1) if lat else None

                body = json.dumps({
                    "changes": len(state.positions), "deliveries": state.deliveries,
                    "p50_ms": pct(50), "p99_ms": pct(99), "max_ms": round(lat[-1], 1) if lat else None,
                    "again_after_2xx": state.again_after_2xx, "out_of_order": state.out_of_order,
                    "bad_signatures": state.bad_signatures, "positions": state.positions}).encode()
            self.answer(200, body)

        def do_POST(self):
            length = int(self.headers.get("Content-Length", "0"))
            raw = self.rfile.read(length)
            if self.path.startswith("/down"):
                seconds = float(self.path.split("seconds=")[1])
                threading.Thread(target=down, args=(seconds,), daemon=True).start()
                return self.answer(202)
            arrived = time.time()
            signature = dict(part.split("=", 1) for part in self.headers.get("Consent-Ledger-Signature", "").split(","))
            expected = hmac.new(state.secret().encode(), signature.get("t", "").encode() + b"." + raw,
                                hashlib.sha256).hexdigest()
            if not hmac.compare_digest(expected, signature.get("v1", "")):
                with state.lock:
                    state.bad_signatures += 1
                return self.answer(401)
            changes = json.loads(raw)["changes"]
            with state.lock:
                state.deliveries += 1
                for change in changes:
                    position = change["position"]
                    if position in state.acknowledged:
                        state.again_after_2xx += 1
                        continue
                    if state.positions and position < state.positions[-1]:
                        state.out_of_order += 1
                    state.acknowledged.add(position)
                    state.positions.append(position)
                    state.latencies_ms.append((arrived - parse_instant(change["recordedAt"])) * 1000)
            self.answer(204)

    return Handler


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--secret-file", required=True)
    args = parser.parse_args()
    state = State(args.secret_file)
    servers = []

    def serve():
        server = http.server.ThreadingHTTPServer(("127.0.0.1", args.port), handler(state, down))
        servers.append(server)
        server.serve_forever()

    def down(seconds):
        server = servers.pop()
        server.shutdown()
        server.server_close()
        time.sleep(seconds)
        threading.Thread(target=serve, daemon=True).start()

    threading.Thread(target=serve, daemon=True).start()
    while True:
        time.sleep(3600)


if __name__ == "__main__":
    main()
