package io.candlebus.sim.binance;

import io.candlebus.sim.market.Bar;
import io.candlebus.sim.market.InstrumentSpec;
import io.candlebus.sim.wire.JsonWriter;

/** Writes klines as Binance sends them: REST rows of 12 columns and websocket kline events. */
final class KlineJson {
    private KlineJson() {}

    /** Writes one REST row: times and counts as integers, decimals as strings, the unused 12th as "0". */
    static void row(JsonWriter w, Bar bar, InstrumentSpec spec, long length) {
        w.beginArray()
                .value(bar.openTime())
                .string(spec.price(bar.open()))
                .string(spec.price(bar.high()))
                .string(spec.price(bar.low()))
                .string(spec.price(bar.close()))
                .string(spec.quantity(bar.volume()))
                .value(bar.openTime() + length - 1)
                .string(spec.quote(bar.quote()))
                .value(bar.count())
                .string(spec.quantity(bar.takerBuyVolume()))
                .string(spec.quote(bar.takerBuyQuote()))
                .value("0")
                .endArray();
    }

    /** Returns a kline event ({@code "e":"kline"}) for {@code bar} at event time {@code eventTime}. */
    static String event(
            Bar bar, InstrumentSpec spec, String intervalCode, long length, long eventTime, boolean closed) {
        String symbol = spec.instrument().symbol();
        JsonWriter w = new JsonWriter();
        w.beginObject()
                .name("e")
                .value("kline")
                .name("E")
                .value(eventTime)
                .name("s")
                .value(symbol)
                .name("k")
                .beginObject()
                .name("t")
                .value(bar.openTime())
                .name("T")
                .value(bar.openTime() + length - 1)
                .name("s")
                .value(symbol)
                .name("i")
                .value(intervalCode)
                .name("f")
                .value(bar.firstId())
                .name("L")
                .value(bar.lastId())
                .name("o")
                .string(spec.price(bar.open()))
                .name("c")
                .string(spec.price(bar.close()))
                .name("h")
                .string(spec.price(bar.high()))
                .name("l")
                .string(spec.price(bar.low()))
                .name("v")
                .string(spec.quantity(bar.volume()))
                .name("n")
                .value(bar.count())
                .name("x")
                .value(closed)
                .name("q")
                .string(spec.quote(bar.quote()))
                .name("V")
                .string(spec.quantity(bar.takerBuyVolume()))
                .name("Q")
                .string(spec.quote(bar.takerBuyQuote()))
                .name("B")
                .value("0")
                .endObject()
                .endObject();
        return w.toString();
    }
}
