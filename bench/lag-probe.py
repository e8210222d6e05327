#!/usr/bin/env python3
"""Projection lag: how long after a write's 2xx a read with wait=false shows it.

Changes one probe contact's e-marketing standing again and again (grant, withdrawal, grant, ...) and after each 2xx
polls GET /api/v1/consents/check?wait=false until the check shows the new standing. Each sample is the time from the
2xx's arrival to the arrival of the first check that shows the change: an upper bound of commit -> visible, by at most
one check's round trip plus the poll pause (the commit itself happened before the 2xx). Standard library only.

  bench/lag-probe.py --nodes http://localhost:18080 --contact probe-1 --seconds 30 --user bench:bench

With several --nodes the write goes to one node and the reads to the next (round robin): the lag as any node sees it.
Prints one line: samples=N p50_ms=... p99_ms=... max_ms=... timeouts=N errors=N
"""
import argparse
import base64
import http.client
import json
import math
import sys
import time
import urllib.parse


UNSET = ("WITHDRAWN", "NOT_RECORDED")


class Node:
    def __init__(self, base, auth):
        url = urllib.parse.urlsplit(base)
        self.host, self.port = url.hostname, url.port or 80
        self.auth = auth
        self.conn = None

    def request(self, method, path, body=None):
        headers = {"Authorization": self.auth, "Accept": "application/json"}
        if body is not None:
            headers["Content-Type"] = "application/json"
        for attempt in (1, 2):
            try:
                if self.conn is None:
                    self.conn = http.client.HTTPConnection(self.host, self.port, timeout=30)
                self.conn.request(method, path, body=body, headers=headers)
                response = self.conn.getresponse()
                return response.status, response.read()
            except (http.client.HTTPException, OSError):
                if self.conn is not None:
                    self.conn.close()
                self.conn = None
                if attempt == 2:
                    raise


def percentile(values, p):
    """Nearest rank."""
    ordered = sorted(values)
    return ordered[max(0, math.ceil(p / 100.0 * len(ordered)) - 1)]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--nodes", nargs="+", required=True, help="base URLs, e.g. http://localhost:18080")
    parser.add_argument("--contact", default="probe-1")
    parser.add_argument("--purpose", default="e-marketing")
    parser.add_argument("--seconds", type=float, default=30)
    parser.add_argument("--user", default="bench:bench")
    parser.add_argument("--poll-pause", type=float, default=0.002, help="seconds between two checks")
    parser.add_argument("--timeout", type=float, default=30, help="give a sample up after this many seconds")
    parser.add_argument("--register", action="store_true", help="register the probe contact first")
    parser.add_argument("--samples-file", help="write every sample (ms) here, one a line")
    args = parser.parse_args()

    auth = "Basic " + base64.b64encode(args.user.encode()).decode()
    nodes = [Node(base, auth) for base in args.nodes]
    contact = urllib.parse.quote(args.contact)
    if args.register:
        status, body = nodes[0].request("POST", "/api/v1/contacts", json.dumps(
            {"contactId": args.contact, "name": "Lag Probe", "email": "probe@example.com", "sourceId": "import"}))
        if status not in (201, 409):
            sys.exit("registering %s: %s %s" % (args.contact, status, body[:300]))
    check = "/api/v1/consents/check?contactId=%s&purposeId=%s&wait=false" % (contact, args.purpose)
    grant = ("/api/v1/contacts/%s/consents" % contact,
             json.dumps({"purposeId": args.purpose, "sourceId": "web-form", "sourceDetail": "Lag probe"}), 201)
    withdraw = ("/api/v1/contacts/%s/consents/%s/withdrawal" % (contact, args.purpose),
                json.dumps({"sourceId": "email"}), 200)

    def standing(node, wait=False):
        status, body = node.request("GET", check if not wait else check.replace("wait=false", "wait=true"))
        if status != 200:
            raise RuntimeError("check: %s %s" % (status, body[:300]))
        return json.loads(body)["status"]

    # The contact must be known to the views (its registration projected). Under load the views may be further behind
    # than a wait=true read waits (503 projection-lagging): that is the lag this probe measures, so keep asking.
    known_by = time.monotonic() + args.timeout
    while True:
        try:
            standing(nodes[0], wait=True)
            break
        except RuntimeError:
            if time.monotonic() > known_by:
                raise
    samples, timeouts, errors = [], 0, 0
    end = time.monotonic() + args.seconds
    turn = 0
    while time.monotonic() < end:
        writer, reader = nodes[turn % len(nodes)], nodes[(turn + 1) % len(nodes)]
        turn += 1
        try:
            withdrawing = standing(reader) not in UNSET
            path, body, expected = withdraw if withdrawing else grant
            status, answer = writer.request("POST", path, body)
            acknowledged = time.monotonic()
            if status != expected:
                errors += 1
                print("write: %s %s" % (status, answer[:300]), file=sys.stderr)
                time.sleep(0.1)
                continue
            while True:
                now_standing = standing(reader)
                seen = time.monotonic()
                if (now_standing == "WITHDRAWN") if withdrawing else (now_standing not in UNSET):
                    samples.append((seen - acknowledged) * 1000)
                    break
                if seen - acknowledged > args.timeout:
                    timeouts += 1
                    break
                time.sleep(args.poll_pause)
        except (RuntimeError, OSError, http.client.HTTPException, ValueError) as e:
            errors += 1
            print("probe: %s" % e, file=sys.stderr)
            time.sleep(0.1)

    if args.samples_file:
        with open(args.samples_file, "w") as out:
            out.writelines("%.3f\n" % s for s in samples)
    if samples:
        print("samples=%d p50_ms=%.1f p99_ms=%.1f max_ms=%.1f timeouts=%d errors=%d" % (
            len(samples), percentile(samples, 50), percentile(samples, 99), max(samples), timeouts, errors))
    else:
        print("samples=0 p50_ms=- p99_ms=- max_ms=- timeouts=%d errors=%d" % (timeouts, errors))


if __name__ == "__main__":
    main()
