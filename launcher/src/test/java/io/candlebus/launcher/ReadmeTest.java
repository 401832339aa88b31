package io.candlebus.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import io.candlebus.contract.Addresses;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Keeps the README true: its config example parses, its tables list every flag and address. */
class ReadmeTest {
    @Test
    void theReadmeConfigExampleIsValid() throws Exception {
        String readme = Files.readString(Path.of("..", "README.md"));
        int start = readme.indexOf("```json\n") + "```json\n".length();
        String json = readme.substring(start, readme.indexOf("```", start));
        AppConfig c = AppConfig.fromJson(new JsonObject(json), Map.of());
        assertThat(c.market().instruments()).hasSize(3);
        assertThat(c.strategy().period()).isEqualTo(20);
    }

    @Test
    void theReadmeFlagTableListsEveryFlag() throws Exception {
        String readme = Files.readString(Path.of("..", "README.md"));
        for (Setting s : Setting.ALL) {
            assertThat(readme).contains("`" + s.flag()).contains("`" + s.env() + "`");
        }
    }

    @Test
    void theReadmeAddressTableListsExactlyTheContractAddresses() throws Exception {
        String readme = Files.readString(Path.of("..", "README.md"));
        String table = readme.substring(readme.indexOf("## Event-bus addresses"), readme.indexOf("## HTTP"));
        List<String> listed = table.lines()
                .filter(l -> l.startsWith("| `"))
                .map(l -> l.substring(3, l.indexOf('`', 3)))
                .toList();
        assertThat(listed).containsExactlyElementsOf(Addresses.ALL);
    }
}
