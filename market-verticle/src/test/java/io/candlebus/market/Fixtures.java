package io.candlebus.market;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Reads the venue message fixtures under {@code src/test/resources/fixtures} (see the README there). */
public final class Fixtures {
    private Fixtures() {}

    /** Returns the fixture {@code name} ({@code bithumb/trade-string-seq.json}) as text, without the final newline. */
    public static String text(String name) {
        try (InputStream in = Fixtures.class.getResourceAsStream("/fixtures/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("fixture " + name + ": expected a file under fixtures/, was absent");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Returns the fixture {@code name} as UTF-8 bytes. */
    public static byte[] bytes(String name) {
        return text(name).getBytes(StandardCharsets.UTF_8);
    }
}
