package io.candlebus.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.candlebus.contract.ConfigException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

class ConfigChecksTest {

    @Test
    void hostsAreAddressesOrHostNames() {
        for (String ok : new String[] {
            "127.0.0.1", "0.0.0.0", "255.255.255.255", "::1", "::", "fe80::1", "localhost", "example.com", "a-b.c1.io"
        }) {
            assertThat(ConfigChecks.host("http.host", ok)).isEqualTo(ok);
        }
        for (String bad : new String[] {
            "999.1.1.1",
            "1.2.3",
            "1.2.3.4.5",
            "1..2.3",
            "8080",
            "-host",
            "host-",
            "a_b.com",
            "exa mple.com",
            "a..b",
            ".a",
            "a.",
            "::g",
            "1.2.3.4:80",
            "x".repeat(64) + ".com"
        }) {
            assertThatThrownBy(() -> ConfigChecks.host("http.host", bad))
                    .as(bad)
                    .isInstanceOf(ConfigException.class)
                    .hasMessageStartingWith("http.host: expected an IPv4 address such as 127.0.0.1, an IPv6"
                            + " address or a host name, was '");
        }
    }

    @Test
    void bindAddressesMustBelongToThisMachine() {
        assertThat(ConfigChecks.bindable("http.host", "127.0.0.1")).isEqualTo("127.0.0.1");
        assertThat(ConfigChecks.bindable("http.host", "0.0.0.0")).isEqualTo("0.0.0.0");
        assertThat(ConfigChecks.bindable("http.host", "localhost")).isEqualTo("localhost");
        // TEST-NET-3 (RFC 5737): documentation only, never an address of this machine.
        assertThatThrownBy(() -> ConfigChecks.bindable("http.host", "203.0.113.7"))
                .hasMessage("http.host: expected an address of this machine (0.0.0.0, 127.0.0.1 or an interface's),"
                        + " was '203.0.113.7'");
        assertThatThrownBy(() -> ConfigChecks.bindableAddress("cluster.host", "localhost"))
                .hasMessage("cluster.host: expected an IP address (Hazelcast binds to interfaces by address),"
                        + " was 'localhost'");
    }

    @Test
    void membersAreHostOrHostAndPort() {
        for (String ok : new String[] {"127.0.0.1", "127.0.0.1:5701", "db-1.example.com:5702", "::1", "[::1]:5701"}) {
            assertThat(ConfigChecks.member("cluster.members[0]", ok)).isEqualTo(ok);
        }
        for (String bad :
                new String[] {"127.0.0.1:0", "127.0.0.1:70000", "127.0.0.1:", "host:x", "[::1", "999.0.0.1"}) {
            assertThatThrownBy(() -> ConfigChecks.member("cluster.members[0]", bad))
                    .as(bad)
                    .hasMessage("cluster.members[0]: expected host or host:port (port 1 to 65535; IPv6 as"
                            + " [address]:port), was '" + bad + "'");
        }
    }

    @Test
    void namesAreShortAndPrintable() {
        assertThat(ConfigChecks.name("node", "node-123@host.example")).isEqualTo("node-123@host.example");
        assertThatThrownBy(() -> ConfigChecks.name("node", "a\n12:00:00.000 INFO fake line"))
                .hasMessage("node: expected 1 to 100 of the characters A-Z a-z 0-9 . _ @ : + -, was"
                        + " 'a\\n12:00:00.000 INFO fake line'");
        assertThatThrownBy(() -> ConfigChecks.name("node", "x".repeat(101))).isInstanceOf(ConfigException.class);
        assertThatThrownBy(() -> ConfigChecks.name("node", "a b")).isInstanceOf(ConfigException.class);
        assertThatThrownBy(() -> ConfigChecks.name("node", "../x")).isInstanceOf(ConfigException.class);
    }

    @Test
    void controlCharactersAreRejectedAnywhereInTheTree() {
        JsonObject tree = new JsonObject()
                .put("recorder", new JsonObject().put("dataDir", "/tmp/ok"))
                .put(
                        "market",
                        new JsonObject()
                                .put("instruments", new JsonArray().add("ok").add("bad\u001b[31m")));
        assertThatThrownBy(() -> ConfigChecks.noControlCharacters(tree, ""))
                .hasMessage("market.instruments[1]: expected text without control characters (newline, tab,"
                        + " escape), was 'bad\\u001b[31m'");
        ConfigChecks.noControlCharacters(new JsonObject().put("node", "fine"), "");
    }

    @Test
    void printableEscapesLineBreaks() {
        assertThat(ConfigChecks.printable("a\nb\r\tc\u2028")).isEqualTo("a\\nb\\r\\tc\\u2028");
        assertThat(ConfigChecks.printable("plain")).isEqualTo("plain");
    }
}
