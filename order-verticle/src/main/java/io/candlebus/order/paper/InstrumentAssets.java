package io.candlebus.order.paper;

import io.candlebus.contract.Exchange;
import io.candlebus.contract.Instrument;
import io.candlebus.contract.Market;
import java.util.List;

/**
 * The assets an instrument trades, read from its symbol: Bithumb {@code KRW-BTC} is base BTC, quote KRW;
 * Binance spot and USDT-M {@code BTCUSDT} end in a known quote asset; COIN-M {@code BTCUSD_PERP} is base BTC,
 * quote USD. The settlement asset (where fees, margin and profit go) is the quote, except on COIN-M where it is
 * the base coin.
 */
public record InstrumentAssets(String venue, String base, String quote, String settle) {

    /** Binance quote assets, longest first so that {@code FDUSD} wins over {@code USD}. */
    private static final List<String> BINANCE_QUOTES =
            List.of("FDUSD", "USDT", "USDC", "BUSD", "TUSD", "EUR", "TRY", "BRL", "BTC", "ETH", "BNB");

    /** Returns the assets of {@code instrument}; throws naming the symbol if no quote asset is recognised. */
    public static InstrumentAssets of(Instrument instrument) {
        String symbol = instrument.symbol();
        String venue = venueKey(instrument);
        if (instrument.exchange() == Exchange.BITHUMB) {
            int dash = symbol.indexOf('-');
            String quote = symbol.substring(0, dash);
            return new InstrumentAssets(venue, symbol.substring(dash + 1), quote, quote);
        }
        if (instrument.market() == Market.COINM) {
            int usd = symbol.indexOf("USD");
            if (usd <= 0) {
                throw new IllegalArgumentException(
                        "instrument: expected a COIN-M symbol such as BTCUSD_PERP, was " + instrument);
            }
            String base = symbol.substring(0, usd);
            return new InstrumentAssets(venue, base, "USD", base);
        }
        for (String quote : BINANCE_QUOTES) {
            if (symbol.endsWith(quote) && symbol.length() > quote.length()) {
                String base = symbol.substring(0, symbol.length() - quote.length());
                return new InstrumentAssets(venue, base, quote, quote);
            }
        }
        throw new IllegalArgumentException("instrument: no known quote asset (one of " + BINANCE_QUOTES + ") ends "
                + symbol + " of " + instrument);
    }

    /** Returns the paper account an instrument trades in: {@code exchange:market}, e.g. {@code binance:usdm}. */
    public static String venueKey(Instrument instrument) {
        return instrument.exchange().wireName() + ":" + instrument.market().wireName();
    }

    /** Returns whether the instrument is a future (positions and margin, not spot balances). */
    public boolean futures() {
        return venue.endsWith(":usdm") || venue.endsWith(":coinm");
    }

    /** Returns whether profit is in the base coin and quantities are USD contracts (COIN-M). */
    public boolean inverse() {
        return venue.endsWith(":coinm");
    }
}
