package io.candlebus.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ConfigReaderTest {
    private static ConfigReader reader(JsonObject json) {
        return new ConfigReader(json, "http", Set.of("port", "host", "on", "list", "inner", "speed", "price", "seed"));
    }

    @Test
    void anUnknownKeyIsNamedByItsPathWithTheKnownKeysSorted() {
        assertThatThrownBy(() -> new ConfigReader(new JsonObject().put("prot", 1), "http", Set.of("port", "host")))
                .isInstanceOf(ConfigException.class)
                .hasMessage("http.prot: unknown key, expected one of host, port");
        assertThatThrownBy(() -> new ConfigReader(new JsonObject().put("nod", 1), "", Set.of("node")))
                .hasMessage("nod: unknown key, expected one of node");
    }

    @Test
    void anUnknownKeyWithALineBreakStaysOneLine() {
        assertThatThrownBy(() -> new ConfigReader(new JsonObject().put("a\nb", 1), "x", Set.of("k")))
                .hasMessage("x.a\\nb: unknown key, expected one of k");
    }

    @Test
    void anAbsentObjectReadsAsEmptyAndAbsentKeysYieldTheFallback() {
        ConfigReader r = reader(null);
        assertThat(r.integer("port", 8080, 0, 65535)).isEqualTo(8080);
        assertThat(r.string("host", "127.0.0.1")).isEqualTo("127.0.0.1");
        assertThat(r.bool("on", true)).isTrue();
        assertThat(r.strings("list", null)).isNull();
        assertThat(r.object("inner")).isEqualTo(new JsonObject());
        assertThat(r.decimal("price", BigDecimal.ONE)).isEqualTo(BigDecimal.ONE);
        assertThat(reader(new JsonObject().putNull("port")).integer("port", 1, 0, 2))
                .isEqualTo(1);
    }

    @Test
    void integersMustBeExactAndInRange() {
        assertThat(reader(new JsonObject().put("port", 8081.0)).integer("port", 0, 0, 65535))
                .isEqualTo(8081);
        for (Object bad : List.<Object>of(65536, -1, 1.5, "80", true)) {
            assertThatThrownBy(() -> reader(new JsonObject().put("port", bad)).integer("port", 0, 0, 65535))
                    .as("%s", bad)
                    .isInstanceOf(ConfigException.class)
                    .hasMessageStartingWith("http.port: expected an integer from 0 to 65535, was ");
        }
        assertThatThrownBy(() -> reader(new JsonObject().put("port", "80")).integer("port", 0, 0, 65535))
                .hasMessage("http.port: expected an integer from 0 to 65535, was '80'");
        assertThat(reader(new JsonObject().put("seed", Long.MAX_VALUE)).longValue("seed", 0))
                .isEqualTo(Long.MAX_VALUE);
        assertThatThrownBy(() -> reader(new JsonObject().put("seed", 1e19)).longValue("seed", 0))
                .hasMessage("http.seed: expected an integer, was 1.0E19");
    }

    @Test
    void numbersTextBooleansListsObjectsAndDecimalsSayWhatWasExpected() {
        assertThatThrownBy(() -> reader(new JsonObject().put("speed", 0)).number("speed", 1, 0, 100))
                .hasMessage("http.speed: expected a number above 0 and at most 100, was 0");
        assertThat(reader(new JsonObject().put("speed", 2.5)).number("speed", 1, 0, 100))
                .isEqualTo(2.5);
        assertThatThrownBy(() -> reader(new JsonObject().put("speed", -0.5)).numberAtLeast("speed", 1, 0))
                .hasMessage("http.speed: expected a finite number of at least 0, was -0.5");
        assertThatThrownBy(() -> reader(new JsonObject().put("host", " ")).string("host", "x"))
                .hasMessage("http.host: expected non-blank text, was ' '");
        assertThatThrownBy(() -> reader(new JsonObject().put("on", "yes")).bool("on", false))
                .hasMessage("http.on: expected true or false, was 'yes'");
        assertThatThrownBy(() -> reader(new JsonObject()
                                .put("list", new JsonArray().add("a").add(1)))
                        .strings("list", List.of()))
                .hasMessage("http.list[1]: expected a string, was 1");
        assertThat(reader(new JsonObject().put("list", "a,b")).strings("list", List.of()))
                .containsExactly("a", "b");
        assertThatThrownBy(() -> reader(new JsonObject().put("inner", 3)).object("inner"))
                .hasMessage("http.inner: expected an object, was 3");
        assertThatThrownBy(() -> reader(new JsonObject().put("price", "1,5")).decimal("price", null))
                .hasMessage("http.price: expected a decimal such as \"0.001\", was '1,5'");
        assertThat(reader(new JsonObject().put("price", "0.001")).decimal("price", null))
                .isEqualByComparingTo("0.001");
    }

    @Test
    void aChildReaderNamesItsFieldsUnderItsParentsPath() {
        ConfigReader r = reader(new JsonObject().put("inner", new JsonObject().put("x", 1)));
        assertThatThrownBy(() -> r.child("inner", Set.of("y")))
                .hasMessage("http.inner.x: unknown key, expected one of y");
        assertThat(r.child("inner", Set.of("x")).at("x")).isEqualTo("http.inner.x");
    }

    @Test
    void aBadTextValueIsShownOnOneLine() {
        assertThatThrownBy(() -> reader(new JsonObject().put("on", "a\nb")).bool("on", false))
                .hasMessage("http.on: expected true or false, was 'a\\nb'");
    }
}
