package io.candlebus.launcher.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.candlebus.contract.RecorderPresence;
import io.vertx.core.json.JsonObject;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RecorderOwnersViewTest {
    private static RecorderPresence presence(String id, int streams) {
        Map<String, Long> owned = new HashMap<>();
        for (int i = 0; i < streams; i++) {
            owned.put("binance:spot:S" + i + id + "/1m", 1_767_225_600_000L + i * 60_000L);
        }
        return new RecorderPresence(id, "node-" + id, RecorderPresence.LIVE, 1, owned);
    }

    @Test
    void listsEachRecordersStreamsAndHowFarEachIsOnDisk() {
        StatusView view = new StatusView(60_000);
        view.onRecorderPresence(presence("a", 2), 1_000);
        view.onRecorderPresence(presence("b", 1), 1_000);

        JsonObject recorders = view.summary("n", 1_500).getJsonObject("recorders");

        assertThat(recorders.getInteger("count")).isEqualTo(2);
        assertThat(recorders.getInteger("streams")).isEqualTo(3);
        JsonObject a = recorders.getJsonArray("recorders").getJsonObject(0);
        assertThat(a.getString("recorder")).isEqualTo("a");
        assertThat(a.getString("node")).isEqualTo("node-a");
        assertThat(a.getJsonObject("lastDurableOpenTime").getMap())
                .containsEntry("binance:spot:S0a/1m", 1_767_225_600_000L)
                .containsEntry("binance:spot:S1a/1m", 1_767_225_660_000L);
        assertThat(recorders.containsKey("streamsListedIn")).isFalse();
    }

    @Test
    void theSummaryGivesCountsPastTwentyStreamsAndTheFullDocumentListsThemAll() {
        StatusView view = new StatusView(60_000);
        view.onRecorderPresence(presence("a", 15), 1_000);
        view.onRecorderPresence(presence("b", 15), 1_000);

        JsonObject summary = view.summary("n", 1_500).getJsonObject("recorders");
        JsonObject full = view.toJson("n", 1_500).getJsonObject("recorders");

        assertThat(summary.getString("streamsListedIn")).isEqualTo("/status?detail=full");
        assertThat(summary.getJsonArray("recorders").getJsonObject(0).containsKey("lastDurableOpenTime"))
                .isFalse();
        assertThat(summary.getJsonArray("recorders").getJsonObject(0).getLong("oldestLastDurableOpenTime"))
                .isEqualTo(1_767_225_600_000L);
        assertThat(full.getJsonArray("recorders")
                        .getJsonObject(1)
                        .getJsonObject("lastDurableOpenTime")
                        .size())
                .isEqualTo(15);
    }

    @Test
    void aRecorderThatLeftOrFellSilentIsNoLongerShown() {
        StatusView view = new StatusView(60_000);
        view.onRecorderPresence(presence("a", 1), 1_000);
        view.onRecorderPresence(presence("b", 1), 1_000);
        view.onRecorderPresence(new RecorderPresence("b", "node-b", RecorderPresence.LEAVING, 2, Map.of()), 2_000);

        assertThat(view.summary("n", 2_500).getJsonObject("recorders").getInteger("count"))
                .isEqualTo(1);
        assertThat(view.summary("n", 60_000).getJsonObject("recorders").getInteger("count"))
                .isZero();
    }
}
