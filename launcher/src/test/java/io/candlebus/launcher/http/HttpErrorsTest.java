package io.candlebus.launcher.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.candlebus.contract.OrderRequest;
import io.candlebus.contract.codec.ContractJson;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.codec.http.multipart.HttpPostRequestDecoder;
import io.vertx.ext.web.handler.HttpException;
import org.junit.jupiter.api.Test;

class HttpErrorsTest {

    @Test
    void statusComesFromTheFailure() {
        assertThat(HttpErrors.status(413, null)).isEqualTo(413);
        assertThat(HttpErrors.status(-1, new HttpException(415))).isEqualTo(415);
        assertThat(HttpErrors.status(200, new HttpPostRequestDecoder.TooLongFormFieldException()))
                .isEqualTo(413);
        assertThat(HttpErrors.status(-1, new RuntimeException(new DecoderException("bad"))))
                .isEqualTo(400);
        assertThat(HttpErrors.status(-1, new NullPointerException())).isEqualTo(500);
    }

    @Test
    void messagesAreOurOwnWords() {
        HttpErrors errors = new HttpErrors(4096);
        assertThat(errors.message(413)).isEqualTo("request body too large: at most 4096 bytes (http.maxBodyBytes)");
        assertThat(errors.message(500)).isEqualTo("internal error; the node's log has the details");
    }

    @Test
    void decodeFailuresAreDescribedWithoutClassNames() {
        String[] bodies = {"{not json", "[1,2]", "{\"quantity\":{\"a\":1}}", "{\"side\":\"SIDEWAYS\"}", ""};
        for (String body : bodies) {
            Throwable failure = decodeFailure(body);
            String described = HttpErrors.describe(failure);
            assertThat(described).as(body).doesNotContain("io.candlebus", "java.", "com.fasterxml", "Exception");
            assertThat(described).as(body).isNotBlank();
        }
        assertThat(HttpErrors.describe(decodeFailure("{not json"))).startsWith("invalid JSON at line 1, column");
    }

    private static Throwable decodeFailure(String body) {
        try {
            ContractJson.fromJson(body, OrderRequest.class);
        } catch (RuntimeException e) {
            return e;
        }
        throw new AssertionError("decoded " + body);
    }
}
