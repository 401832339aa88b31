package io.candlebus.order;

import static io.candlebus.order.TestOrders.BTCUSDT;
import static org.assertj.core.api.Assertions.assertThat;

import io.candlebus.contract.Interval;
import io.candlebus.contract.OrderRequest;
import io.candlebus.contract.OrderType;
import io.candlebus.contract.Side;
import io.candlebus.contract.Signal;
import java.math.BigDecimal;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ClientOrderIdsTest {

    @Test
    void isSigAndTheFirst32HexDigitsOfTheSha256() {
        // SHA-256("abc") = ba7816bf8f01cfea414140de5dae2223 b00361a396177a9cb410ff61f20015ad (FIPS 180-2).
        assertThat(ClientOrderIds.forSignal("abc")).isEqualTo("sig-ba7816bf8f01cfea414140de5dae2223");
    }

    @Test
    void isDeterministicDistinctAndAValidClientOrderId() {
        Set<String> ids = new HashSet<>();
        for (long i = 0; i < 10_000; i++) {
            String signalId = Signal.idOf("band_lower", BTCUSDT, Interval.M1, i * 60_000, Side.BUY);
            String id = ClientOrderIds.forSignal(signalId);
            assertThat(id).matches("[A-Za-z0-9_-]{1,36}").hasSize(36);
            // Valid on both venues: Bithumb's client_order_id and Binance's newClientOrderId (futures' regex).
            assertThat(id).matches("[\\.A-Z:/a-z0-9_-]{1,36}");
            assertThat(ClientOrderIds.forSignal(signalId)).isEqualTo(id);
            assertThat(ids.add(id)).isTrue();
            // The contract accepts it as an idempotency key.
            new OrderRequest(id, BTCUSDT, Side.BUY, OrderType.MARKET, BigDecimal.ONE, null, "test");
        }
        String buy = Signal.idOf("band_lower", BTCUSDT, Interval.M1, 0, Side.BUY);
        String sell = Signal.idOf("band_lower", BTCUSDT, Interval.M1, 0, Side.SELL);
        assertThat(ClientOrderIds.forSignal(buy)).isNotEqualTo(ClientOrderIds.forSignal(sell));
    }
}
