package io.candlebus.sim.orders;

import io.candlebus.contract.Exchange;
import io.candlebus.contract.Instrument;
import io.candlebus.contract.Market;
import java.util.List;

/** Splits an instrument's symbol into its base and quote assets ({@code KRW-BTC}, {@code BTCUSDT}). */
public final class Assets {
    /** Binance quote assets, longest first so {@code FDUSD} wins over {@code USD}-like suffixes. */
    private static final List<String> BINANCE_QUOTES =
            List.of("FDUSD", "USDT", "USDC", "TUSD", "BUSD", "BTC", "ETH", "BNB", "TRY", "EUR");

    private Assets() {}

    /** Returns the asset futures margin, fees and profit are in: the quote on USDT-M, the base on COIN-M. */
    public static String margin(Instrument instrument) {
        return instrument.market() == Market.COINM ? base(instrument) : quote(instrument);
    }

    /** Returns the base asset: {@code BTC} of {@code KRW-BTC}, {@code BTCUSDT} and {@code BTCUSD_PERP}. */
    public static String base(Instrument instrument) {
        String symbol = instrument.symbol();
        if (instrument.exchange() != Exchange.BINANCE) {
            return symbol.substring(symbol.indexOf('-') + 1);
        }
        if (instrument.market() == Market.COINM) {
            return symbol.substring(0, symbol.indexOf("USD"));
        }
        return symbol.substring(0, symbol.length() - quote(instrument).length());
    }

    /** Returns the quote asset: {@code KRW} of {@code KRW-BTC}, {@code USDT} of {@code BTCUSDT}, {@code USD} of COIN-M. */
    public static String quote(Instrument instrument) {
        String symbol = instrument.symbol();
        if (instrument.exchange() != Exchange.BINANCE) {
            return symbol.substring(0, symbol.indexOf('-'));
        }
        if (instrument.market() == Market.COINM) {
            if (!symbol.contains("USD")) {
                throw new IllegalArgumentException(
                        "instrument: expected a COIN-M symbol such as BTCUSD_PERP, was '" + symbol + "'");
            }
            return "USD";
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
