package io.candlebus.sim.orders;

import io.candlebus.contract.Exchange;
import io.candlebus.contract.Instrument;
import java.util.List;

/** Splits an instrument's symbol into its base and quote assets ({@code KRW-BTC}, {@code BTCUSDT}). */
public final class Assets {
    /** Binance quote assets, longest first so {@code FDUSD} wins over {@code USD}-like suffixes. */
    private static final List<String> BINANCE_QUOTES =
            List.of("FDUSD", "USDT", "USDC", "TUSD", "BUSD", "BTC", "ETH", "BNB", "TRY", "EUR");

    private Assets() {}

    /** Returns the base asset: {@code BTC} of {@code KRW-BTC} and of {@code BTCUSDT}. */
    public static String base(Instrument instrument) {
        String symbol = instrument.symbol();
        if (instrument.exchange() == Exchange.BITHUMB) {
            return symbol.substring(symbol.indexOf('-') + 1);
        }
        return symbol.substring(0, symbol.length() - quote(instrument).length());
    }

    /** Returns the quote asset: {@code KRW} of {@code KRW-BTC}, {@code USDT} of {@code BTCUSDT}. */
    public static String quote(Instrument instrument) {
        String symbol = instrument.symbol();
        if (instrument.exchange() == Exchange.BITHUMB) {
            return symbol.substring(0, symbol.indexOf('-'));
        }
        for (String quote : BINANCE_QUOTES) {
            if (symbol.endsWith(quote) && symbol.length() > quote.length()) {
                return quote;
            }
        }
        throw new IllegalArgumentException(
                "instrument: expected a Binance symbol ending in one of " + BINANCE_QUOTES + ", was '" + symbol + "'");
    }
}
