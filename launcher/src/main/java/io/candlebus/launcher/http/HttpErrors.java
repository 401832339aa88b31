package io.candlebus.launcher.http;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.JsonMappingException;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.netty.handler.codec.http.multipart.HttpPostRequestDecoder;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.HttpException;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns every failed request into a JSON error in our own words: no Java class names or stack traces reach a
 * client, and a client's mistake leaves no stack trace in the log (only a server fault does).
 */
final class HttpErrors {
    private static final Logger log = LoggerFactory.getLogger(HttpErrors.class);

    private final int maxBodyBytes;

    HttpErrors(int maxBodyBytes) {
        this.maxBodyBytes = maxBodyBytes;
    }

    /** The router's failure handler. */
    void onFailure(RoutingContext ctx) {
        int status = status(ctx.statusCode(), ctx.failure());
        if (status >= 500) {
            log.error("HTTP {} {} failed", ctx.request().method(), ctx.request().path(), ctx.failure());
        } else if (log.isDebugEnabled()) {
            log.debug(
                    "HTTP {} {} refused with {}: {}",
                    ctx.request().method(),
                    ctx.request().path(),
                    status,
                    String.valueOf(ctx.failure()));
        }
        ErrorReply.send(ctx.request(), status, message(status));
    }

    /** The router's handler for a status without a failure (no route: 404, wrong method: 405, ...). */
    void onStatus(RoutingContext ctx, int status) {
        ErrorReply.send(ctx.request(), status, message(status));
    }

    /** Answers a request the HTTP decoder could not read (too long a request line or headers, bad syntax). */
    void onInvalidRequest(HttpServerRequest request) {
        Throwable cause = request.decoderResult().cause();
        int status = cause instanceof TooLongHttpLineException
                ? 414
                : cause instanceof TooLongHttpHeaderException || cause instanceof TooLongFrameException ? 431 : 400;
        ErrorReply.send(request, status, message(status), true);
    }

    /** Returns the status for a failure: the one given, else one that fits the exception, else 500. */
    static int status(int statusCode, Throwable failure) {
        if (statusCode >= 400 && statusCode <= 599) {
            return statusCode;
        }
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof HttpException e && e.getStatusCode() >= 400) {
                return e.getStatusCode();
            }
            if (t instanceof HttpPostRequestDecoder.TooLongFormFieldException
                    || t instanceof HttpPostRequestDecoder.TooManyFormFieldsException) {
                return 413;
            }
            if (t instanceof DecoderException
                    || t instanceof HttpPostRequestDecoder.ErrorDataDecoderException
                    || t instanceof IllegalArgumentException) {
                return 400;
            }
        }
        return 500;
    }

    /** Returns what a client is told for {@code status}. */
    String message(int status) {
        return switch (status) {
            case 400 -> "the request could not be read: malformed body, form or query";
            case 401 -> "authentication required: Authorization: Bearer <token>";
            case 403 -> "forbidden";
            case 404 -> "no such resource";
            case 405 -> "method not allowed on this path";
            case 406 -> "cannot produce a response of the accepted type";
            case 413 -> "request body too large: at most " + maxBodyBytes + " bytes (http.maxBodyBytes)";
            case 414 -> "request line too long: at most " + HttpLimits.MAX_REQUEST_LINE_BYTES + " bytes";
            case 415 -> "unsupported content type";
            case 417 -> "expectation not supported: only Expect: 100-continue";
            case 431 -> "request headers too large: at most " + HttpLimits.MAX_HEADER_BYTES + " bytes";
            default -> status >= 500 ? "internal error; the node's log has the details" : "request refused";
        };
    }

    /**
     * Describes why a JSON body could not be decoded, in our words: the field and the problem, never the
     * decoder's class names. A validation message of our own (an {@link IllegalArgumentException} from a
     * contract record) is passed on as it is.
     */
    static String describe(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof IllegalArgumentException) {
                return t.getMessage();
            }
        }
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof JsonMappingException m) {
                String path = m.getPath().stream()
                        .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                        .collect(Collectors.joining("."))
                        .replace(".[", "[");
                return path.isEmpty()
                        ? "expected a JSON object of the documented fields"
                        : "field " + path + ": missing or of the wrong type";
            }
            if (t instanceof StreamReadException p) {
                JsonLocation at = p.getLocation();
                return at == null
                        ? "invalid JSON"
                        : "invalid JSON at line " + at.getLineNr() + ", column " + at.getColumnNr();
            }
        }
        return "expected a JSON object of the documented fields";
    }
}
