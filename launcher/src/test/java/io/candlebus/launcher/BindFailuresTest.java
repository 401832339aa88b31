package io.candlebus.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.BindException;
import java.net.UnknownHostException;
import org.junit.jupiter.api.Test;

class BindFailuresTest {

    @Test
    void aPortInUseNamesThePortAndHowToChangeIt() {
        Throwable e = BindFailures.explain(
                new RuntimeException(new BindException("Address already in use")),
                "http.port",
                8080,
                "http.host",
                "127.0.0.1");
        assertThat(e)
                .isInstanceOf(StartupException.class)
                .hasMessage("http.port 8080 is already in use on 127.0.0.1 (set --http-port or CANDLEBUS_HTTP_PORT)");
        assertThat(BindFailures.explain(
                        new BindException("Address already in use"), "sim.port", 9000, "sim.port", "127.0.0.1"))
                .hasMessage("sim.port 9000 is already in use on 127.0.0.1 (set --sim-port or CANDLEBUS_SIM_PORT)");
    }

    @Test
    void anAddressNotOfThisMachineNamesTheHostSetting() {
        assertThat(BindFailures.explain(
                        new BindException("Cannot assign requested address"), "http.port", 80, "http.host", "10.9.9.9"))
                .hasMessage("http.host 10.9.9.9 is not an address of this machine (set --http-host or"
                        + " CANDLEBUS_HTTP_HOST)");
    }

    @Test
    void aHostNameThatDoesNotResolveIsNamed() {
        assertThat(BindFailures.explain(
                        new RuntimeException(new UnknownHostException("nosuch.invalid")),
                        "http.port",
                        80,
                        "http.host",
                        "nosuch.invalid"))
                .hasMessage("http.host nosuch.invalid does not resolve to an address (set --http-host or"
                        + " CANDLEBUS_HTTP_HOST)");
    }

    @Test
    void otherFailuresPassUnchanged() {
        RuntimeException other = new RuntimeException("boom");
        assertThat(BindFailures.explain(other, "http.port", 80, "http.host", "h"))
                .isSameAs(other);
        assertThat(BindFailures.howToSet("recorder.flushIntervalMillis"))
                .isEqualTo("recorder.flushIntervalMillis in the config file");
    }
}
