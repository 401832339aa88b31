package io.candlebus.market.candle;

import io.candlebus.contract.Instrument;
import io.candlebus.contract.Interval;

/** Identifies one candle stream: an instrument at one interval. */
public record StreamKey(Instrument instrument, Interval interval) {}
