package io.candlebus.order.journal;

import static io.candlebus.order.TestOrders.BTCUSDT;
import static io.candlebus.order.TestOrders.KRW_XRP;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.candlebus.contract.OrderRequest;
import io.candlebus.contract.Side;
import io.candlebus.order.ClientOrderIds;
import io.candlebus.order.TestOrders;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OrderJournalFileTest {
    @TempDir
    Path dir;

    private static final OrderRequest FILLED =
            TestOrders.market(ClientOrderIds.forSignal("s1"), BTCUSDT, Side.BUY, "0.00100000", "87000.01");
    private static final OrderRequest REJECTED =
            TestOrders.limit(ClientOrderIds.forSignal("s2"), KRW_XRP, Side.SELL, "100", "3150.5");
    private static final OrderRequest IN_FLIGHT =
            TestOrders.market(ClientOrderIds.forSignal("s3"), BTCUSDT, Side.SELL, "0.001", null);

    private Path file() {
        return dir.resolve(OrderJournalFile.FILE_NAME);
    }

    /** Journals three intents: one filled in two steps, one rejected, one still PENDING when the node "dies". */
    private void writeThreeIntents() throws IOException {
        OrderJournalFile journal = OrderJournalFile.open(dir);
        journal.recordIntent(FILLED, 1_000);
        journal.recordState(FILLED.clientOrderId(), OrderState.NEW, "28", BigDecimal.ZERO, null, 1_010);
        journal.recordState(
                FILLED.clientOrderId(), OrderState.PARTIALLY_FILLED, null, new BigDecimal("0.0004"), null, 1_020);
        journal.recordState(FILLED.clientOrderId(), OrderState.FILLED, null, new BigDecimal("0.001"), null, 1_030);
        journal.recordIntent(REJECTED, 2_000);
        journal.recordState(
                REJECTED.clientOrderId(),
                OrderState.REJECTED,
                null,
                BigDecimal.ZERO,
                "venue: insufficient_funds_ask \"not enough XRP\"\nline two",
                2_010);
        journal.recordIntent(IN_FLIGHT, 3_000);
        // No close: a crash leaves the channel as it is; only what force() put on disk counts.
    }

    @Test
    void replaysEveryIntentAndItsLatestStateAfterACrash() throws IOException {
        writeThreeIntents();

        try (OrderJournalFile replayed = OrderJournalFile.open(dir)) {
            assertThat(replayed.replayReport()).isEqualTo(new ReplayReport(7, 3, 1, 0));
            List<JournalEntry> entries = replayed.entries();
            assertThat(entries).extracting(JournalEntry::request).containsExactly(FILLED, REJECTED, IN_FLIGHT);
            assertThat(entries)
                    .extracting(JournalEntry::state)
                    .containsExactly(OrderState.FILLED, OrderState.REJECTED, OrderState.PENDING);
            JournalEntry filled = replayed.find(FILLED.clientOrderId()).orElseThrow();
            assertThat(filled.exchangeOrderId()).isEqualTo("28");
            assertThat(filled.filledQuantity()).isEqualTo(new BigDecimal("0.001"));
            assertThat(filled.createdAt()).isEqualTo(1_000);
            assertThat(filled.updatedAt()).isEqualTo(1_030);
            // Exact decimals and scale survive: 0.00100000 stays 0.00100000.
            assertThat(filled.request().quantity().toPlainString()).isEqualTo("0.00100000");
            assertThat(replayed.find(REJECTED.clientOrderId()).orElseThrow().reason())
                    .isEqualTo("venue: insufficient_funds_ask \"not enough XRP\"\nline two");
            assertThat(replayed.openEntries())
                    .extracting(JournalEntry::clientOrderId)
                    .containsExactly(IN_FLIGHT.clientOrderId());
        }
    }

    @Test
    void anIntentIsInTheFileBeforeRecordIntentReturns() throws IOException {
        try (OrderJournalFile journal = OrderJournalFile.open(dir)) {
            journal.recordIntent(IN_FLIGHT, 3_000);
            assertThat(Files.readString(file()))
                    .contains(IN_FLIGHT.clientOrderId())
                    .endsWith("\n");
        }
    }

    @Test
    void cutsOffAndReportsATornLastLineThenAppendsCleanly() throws IOException {
        writeThreeIntents();
        byte[] torn = "0badc0de {\"t\":\"state\",\"id\":\"sig-".getBytes(StandardCharsets.UTF_8);
        Files.write(file(), torn, StandardOpenOption.APPEND);

        try (OrderJournalFile replayed = OrderJournalFile.open(dir)) {
            assertThat(replayed.replayReport().tornTail()).isTrue();
            assertThat(replayed.replayReport().tornBytes()).isEqualTo(torn.length);
            assertThat(replayed.replayReport().records()).isEqualTo(7);
            replayed.recordState(
                    IN_FLIGHT.clientOrderId(), OrderState.NEW, "C0101000000000000001", BigDecimal.ZERO, null, 4_000);
        }
        try (OrderJournalFile again = OrderJournalFile.open(dir)) {
            assertThat(again.replayReport()).isEqualTo(new ReplayReport(8, 3, 1, 0));
            assertThat(again.find(IN_FLIGHT.clientOrderId()).orElseThrow().exchangeOrderId())
                    .isEqualTo("C0101000000000000001");
        }
    }

    @Test
    void aDamagedCompleteLineStopsTheOpenNamingTheLine() throws IOException {
        writeThreeIntents();
        List<String> lines = Files.readAllLines(file());
        lines.set(1, lines.get(1).replace("\"28\"", "\"29\""));
        Files.write(file(), lines);

        assertThatThrownBy(() -> OrderJournalFile.open(dir))
                .isInstanceOf(JournalCorruptException.class)
                .hasMessage("order journal line 2: checksum mismatch");
    }

    @Test
    void refusesASecondIntentAForbiddenMoveAndAShrinkingFillWritingNothing() throws IOException {
        writeThreeIntents();
        try (OrderJournalFile journal = OrderJournalFile.open(dir)) {
            assertThatThrownBy(() -> journal.recordIntent(FILLED, 5_000))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("already journaled");
            assertThatThrownBy(() -> journal.recordState(
                            FILLED.clientOrderId(), OrderState.CANCELED, null, new BigDecimal("0.001"), null, 5_000))
                    .hasMessageContaining("cannot move from FILLED to CANCELED");
            assertThatThrownBy(() ->
                            journal.recordState("sig-unknown", OrderState.NEW, null, BigDecimal.ZERO, null, 5_000))
                    .hasMessageContaining("no intent journaled");
            journal.recordState(
                    IN_FLIGHT.clientOrderId(), OrderState.PARTIALLY_FILLED, "9", new BigDecimal("0.0005"), null, 5_000);
            assertThatThrownBy(() -> journal.recordState(
                            IN_FLIGHT.clientOrderId(),
                            OrderState.PARTIALLY_FILLED,
                            null,
                            new BigDecimal("0.0004"),
                            null,
                            5_001))
                    .hasMessageContaining("cannot shrink");
            assertThatThrownBy(() -> journal.recordState(
                            IN_FLIGHT.clientOrderId(), OrderState.NEW, null, new BigDecimal("0.0005"), null, 5_002))
                    .hasMessageContaining("cannot move from PARTIALLY_FILLED to NEW");
        }
        try (OrderJournalFile again = OrderJournalFile.open(dir)) {
            assertThat(again.replayReport().records()).isEqualTo(8);
        }
    }

    @Test
    void stateMachineAllowsOnlyForwardMoves() {
        assertThat(OrderState.PENDING.canMoveTo(OrderState.REJECTED)).isTrue();
        assertThat(OrderState.PENDING.canMoveTo(OrderState.FILLED)).isTrue();
        assertThat(OrderState.NEW.canMoveTo(OrderState.PENDING)).isFalse();
        assertThat(OrderState.PARTIALLY_FILLED.canMoveTo(OrderState.CANCELED)).isTrue();
        for (OrderState done : OrderState.values()) {
            if (done.isFinal()) {
                assertThat(done.canMoveTo(OrderState.NEW)).isFalse();
                assertThat(done.canMoveTo(done)).isTrue();
            }
        }
    }
}
