package io.candlebus.contract;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Identifies a tradable instrument: venue, market and the venue's own symbol ({@code BTCUSDT},
 * {@code BTCUSD_PERP}, {@code KRW-BTC}). Its key form is {@code binance:spot:BTCUSDT}.
 */
public record Instrument(Exchange exchange, Market market, String symbol) implements Comparable<Instrument> {

    private static final Pattern SYMBOL = Pattern.compile("[A-Z0-9][A-Z0-9_-]{0,39}");

    public Instrument {
        Objects.requireNonNull(exchange, "exchange");
        Objects.requireNonNull(market, "market");
        Objects.requireNonNull(symbol, "symbol");
        if (!SYMBOL.matcher(symbol).matches()) {
            throw new IllegalArgumentException(
                    "symbol: expected upper-case letters, digits, '_' or '-' (at most 40), was '" + symbol + "'");
        }
        // Bithumb and Upbit (whose v1 API Bithumb copies) have one spot market of QUOTE-BASE codes.
        boolean krwVenue = exchange == Exchange.BITHUMB || exchange == Exchange.UPBIT;
        if (krwVenue && market != Market.SPOT) {
            throw new IllegalArgumentException(
                    "market: " + exchange.wireName() + " has only the spot market, was '" + market.wireName() + "'");
        }
        if (krwVenue && !symbol.contains("-")) {
            throw new IllegalArgumentException(
                    "symbol: expected a " + exchange.wireName() + " market code such as KRW-BTC, was '" + symbol + "'");
        }
    }

    /** Returns an instrument for the given wire names, e.g. {@code of("binance", "spot", "BTCUSDT")}. */
    public static Instrument of(String exchange, String market, String symbol) {
        return new Instrument(Exchange.parse(exchange), Market.parse(market), symbol);
    }

    /** Parses the key form {@code exchange:market:SYMBOL}. */
    @JsonCreator
    public static Instrument parse(String key) {
        if (key == null) {
            throw new IllegalArgumentException("instrument: expected exchange:market:SYMBOL, was null");
        }
        String[] parts = key.split(":", -1);
        if (parts.length != 3) {
            throw new IllegalArgumentException(
                    "instrument: expected exchange:market:SYMBOL such as binance:spot:BTCUSDT, was '" + key + "'");
        }
        return of(parts[0], parts[1], parts[2]);
    }

    /** Returns the key form, {@code binance:spot:BTCUSDT}. */
    @JsonValue
    public String key() {
        return exchange.wireName() + ":" + market.wireName() + ":" + symbol;
    }

    @Override
    public int compareTo(Instrument other) {
        // The same order as key(), without building the strings: this runs on every lookup by instrument.
        int c = exchange.wireName().compareTo(other.exchange.wireName());
        if (c == 0) {
            c = market.wireName().compareTo(other.market.wireName());
        }
        return c != 0 ? c : symbol.compareTo(other.symbol);
    }

    @Override
    public String toString() {
        return key();
    }
}
