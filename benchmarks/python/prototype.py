#!/usr/bin/env python3
"""The Python prototype's per-message work, for comparing with `candlebus.jar bench` on the same bytes.

What the seed (bithumb-bollinger-fastapi: util/bolinger_chart.py) does for every websocket message:
json.loads, update the minute candle from trade_price and trade_timestamp, and once 20 candles have
closed, the full-window Bollinger bands (20 closes, k = 2) on every message. The seed follows one
market; here each market code has its own state, as the Java bench has a stream per instrument. The
seed prints the bands; this script does not (printing would measure the terminal). The seed skips
messages whose type is not "ticker"; the bench feeds trades, which carry the same two fields, so this
script takes either.

Usage: prototype.py FILE [--repeat N]   (FILE: JSON lines, e.g. from `bench --write FILE`)
Prints: messages=N msgs_per_s=X msgs_per_cpu_s=Y bands=B (the best of the repeats; CPU time of
this process, steadier than wall time on a shared machine)
"""
import json
import math
import sys
import time
from collections import deque

MAX_CANDLES = 100
BB_PERIOD = 20


class Market:
    """One market's state, as the seed's module globals CANDLES and CURRENT_CANDLE."""

    __slots__ = ("candles", "current")

    def __init__(self):
        self.candles = deque(maxlen=MAX_CANDLES)
        self.current = None

    def update_minute_candle(self, ts_ms, price):
        minute = ts_ms // 60000
        current = self.current
        if current is None:
            self.current = {"minute": minute, "open": price, "high": price, "low": price, "close": price}
            return
        if current["minute"] == minute:
            current["high"] = max(current["high"], price)
            current["low"] = min(current["low"], price)
            current["close"] = price
            return
        self.candles.append(current)
        self.current = {"minute": minute, "open": price, "high": price, "low": price, "close": price}


def bollinger_from_candles(candles, n=20, k=2):
    if len(candles) < n:
        return None
    closes = [c["close"] for c in candles][-n:]
    mean = sum(closes) / n
    std = math.sqrt(sum((x - mean) ** 2 for x in closes) / n)
    return {"upper": mean + k * std, "middle": mean, "lower": mean - k * std}


def run(messages):
    markets = {}
    bands = 0
    for msg in messages:
        data = json.loads(msg)
        if data.get("type") not in ("trade", "ticker"):
            continue
        price = float(data["trade_price"])
        ts = int(data["trade_timestamp"])
        market = markets.get(data["code"])
        if market is None:
            market = markets[data["code"]] = Market()
        market.update_minute_candle(ts, price)
        if len(market.candles) >= BB_PERIOD:
            if bollinger_from_candles(market.candles) is not None:
                bands += 1
    return bands


def main(argv):
    if len(argv) < 2:
        print(__doc__, file=sys.stderr)
        return 2
    repeat = int(argv[argv.index("--repeat") + 1]) if "--repeat" in argv else 1
    with open(argv[1], "rb") as f:
        messages = [line for line in f.read().split(b"\n") if line.strip()]
    best = None
    best_cpu = None
    for _ in range(repeat):
        start = time.perf_counter()
        cpu_start = time.process_time()
        bands = run(messages)
        cpu = time.process_time() - cpu_start
        elapsed = time.perf_counter() - start
        best = elapsed if best is None else min(best, elapsed)
        best_cpu = cpu if best_cpu is None else min(best_cpu, cpu)
    n = len(messages)
    print("messages=%d msgs_per_s=%.0f msgs_per_cpu_s=%.0f bands=%d" % (n, n / best, n / best_cpu, bands))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
