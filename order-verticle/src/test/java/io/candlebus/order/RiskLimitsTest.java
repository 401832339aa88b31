package io.candlebus.order;

import static io.candlebus.order.TestOrders.BTCUSDT;
import static io.candlebus.order.TestOrders.KRW_XRP;
import static io.candlebus.order.TestOrders.market;
import static org.assertj.core.api.Assertions.assertThat;

import io.candlebus.contract.Side;
import java.math.BigDecimal;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RiskLimitsTest {
    private static final long T = 1_700_000_000_000L;

    private static OrderConfig config(int perMinute) {
        return new OrderConfig(
                OrderConfig.PAPER,
                true,
                perMinute,
                60_000L,
                new InstrumentSettings(new BigDecimal("0.001"), new BigDecimal("0.01"), new BigDecimal("0.02")),
                Map.of(
                        KRW_XRP,
                        new InstrumentSettings(new BigDecimal("100"), new BigDecimal("1000"), new BigDecimal("5000"))));
    }

    private static Optional<String> admit(RiskLimits risk, Side side, String quantity, String position, long now) {
        return risk.admit(market("c-1", BTCUSDT, side, quantity, "87000"), new BigDecimal(position), now);
    }

    @Test
    void allowsAnOrderUpToTheMaximumQuantityAndRejectsALargerOne() {
        RiskLimits risk = new RiskLimits(config(100));
        assertThat(admit(risk, Side.BUY, "0.01", "0", T)).isEmpty();
        assertThat(admit(risk, Side.BUY, "0.0100001", "0", T))
                .contains(
                        "risk limit maxOrderQuantity: order quantity 0.0100001 exceeds 0.01 for binance:spot:BTCUSDT");
    }

    @Test
    void rejectsAnOrderThatTakesThePositionBeyondTheLimitEitherWay() {
        RiskLimits risk = new RiskLimits(config(100));
        assertThat(admit(risk, Side.BUY, "0.01", "0.01", T))
                .as("to exactly the limit")
                .isEmpty();
        assertThat(admit(risk, Side.BUY, "0.001", "0.02", T))
                .contains("risk limit maxPosition: position would be 0.021 (now 0.02), exceeding +/-0.02"
                        + " for binance:spot:BTCUSDT");
        assertThat(admit(risk, Side.SELL, "0.002", "-0.019", T))
                .contains("risk limit maxPosition: position would be -0.021 (now -0.019), exceeding +/-0.02"
                        + " for binance:spot:BTCUSDT");
    }

    @Test
    void allowsAnOrderThatReducesAPositionAboveTheLimit() {
        RiskLimits risk = new RiskLimits(config(100));
        assertThat(admit(risk, Side.SELL, "0.001", "0.05", T)).isEmpty();
        assertThat(admit(risk, Side.BUY, "0.01", "-0.03", T)).isEmpty();
    }

    @Test
    void appliesPerInstrumentLimits() {
        RiskLimits risk = new RiskLimits(config(100));
        assertThat(risk.admit(market("c-1", KRW_XRP, Side.BUY, "1000", "800"), BigDecimal.ZERO, T))
                .isEmpty();
        assertThat(risk.admit(market("c-2", KRW_XRP, Side.BUY, "1001", "800"), BigDecimal.ZERO, T))
                .hasValueSatisfying(r -> assertThat(r).contains("exceeds 1000 for bithumb:spot:KRW-XRP"));
        assertThat(risk.admit(market("c-3", KRW_XRP, Side.SELL, "1000", "800"), new BigDecimal("-4500"), T))
                .hasValueSatisfying(r -> assertThat(r).contains("position would be -5500"));
    }

    @Test
    void limitsOrdersInAnySixtySeconds() {
        RiskLimits risk = new RiskLimits(config(3));
        assertThat(admit(risk, Side.BUY, "0.001", "0", T)).isEmpty();
        assertThat(admit(risk, Side.BUY, "0.001", "0", T + 10_000)).isEmpty();
        assertThat(admit(risk, Side.BUY, "0.001", "0", T + 20_000)).isEmpty();
        assertThat(admit(risk, Side.BUY, "0.001", "0", T + 59_999))
                .contains("risk limit maxOrdersPerMinute: 3 orders in the last 60 s, limit 3");
        assertThat(admit(risk, Side.BUY, "0.001", "0", T + 60_000))
                .as("the first has left the window")
                .isEmpty();
        assertThat(admit(risk, Side.BUY, "0.001", "0", T + 60_001)).isPresent();
    }

    @Test
    void rejectedOrdersDoNotCountTowardsTheRate() {
        RiskLimits risk = new RiskLimits(config(1));
        assertThat(admit(risk, Side.BUY, "5", "0", T)).isPresent();
        assertThat(admit(risk, Side.BUY, "0.001", "0", T)).isEmpty();
        assertThat(admit(risk, Side.BUY, "0.001", "0", T)).isPresent();
    }
}
