package io.candlebus.order.paper;

import io.candlebus.contract.Exchange;
import io.candlebus.contract.Instrument;
import io.candlebus.contract.OrderEvent;
import io.vertx.core.Future;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.function.Consumer;
import java.util.function.Function;

/** Paper brokers for tests, with Binance's published BTCUSDT-like rules and a clock the test moves. */
public final class TestPaper {
    private TestPaper() {}

    /** Binance spot BTCUSDT's rules: tick 0.01, step 0.00001, minimum value 5 USDT; USDT-M: step 0.001, 100 USDT. */
    public static final Function<Instrument, Future<VenueRules>> RULES = instrument -> {
        if (instrument.exchange() == Exchange.BITHUMB) {
            return Future.succeededFuture(VenueRules.bithumb(instrument));
        }
        return Future.succeededFuture(
                switch (instrument.market()) {
                    case SPOT -> new VenueRules(
                            instrument,
                            new BigDecimal("0.01"),
                            new BigDecimal("0.00001"),
                            new BigDecimal("5"),
                            BigDecimal.ONE,
                            "test exchangeInfo");
                    case USDM -> new VenueRules(
                            instrument,
                            new BigDecimal("0.1"),
                            new BigDecimal("0.001"),
                            new BigDecimal("100"),
                            BigDecimal.ONE,
                            "test exchangeInfo");
                    case COINM -> new VenueRules(
                            instrument,
                            new BigDecimal("0.1"),
                            BigDecimal.ONE,
                            BigDecimal.ZERO,
                            new BigDecimal("100"),
                            "test exchangeInfo");
                });
    };

    /** Returns a broker with {@code settings}, the test rules, {@code events} for later events, no fill listener. */
    public static PaperBroker broker(Clock clock, PaperSettings settings, Consumer<OrderEvent> events) {
        return new PaperBroker(clock, settings, RULES, events, (i, s, q, p, f, t) -> {});
    }

    /** Returns the defaults without slippage. */
    public static PaperSettings noSlippage() {
        return PaperSettings.defaults().withSlippageBps(BigDecimal.ZERO);
    }

    /** A clock the test sets. */
    public static final class MutableClock extends Clock {
        private long millis;

        public MutableClock(long millis) {
            this.millis = millis;
        }

        public void advance(long by) {
            millis += by;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return Instant.ofEpochMilli(millis);
        }

        @Override
        public long millis() {
            return millis;
        }
    }
}
