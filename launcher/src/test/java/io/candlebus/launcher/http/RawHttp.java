package io.candlebus.launcher.http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;

/** A plain TCP client for HTTP tests that need what an HTTP client library hides: partial requests, raw bytes. */
final class RawHttp implements AutoCloseable {
    private final Socket socket;

    RawHttp(int port) throws IOException {
        socket = new Socket();
        socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
    }

    /** Sends {@code text} (ISO-8859-1, as HTTP heads are). */
    RawHttp send(String text) throws IOException {
        socket.getOutputStream().write(text.getBytes(StandardCharsets.ISO_8859_1));
        socket.getOutputStream().flush();
        return this;
    }

    /**
     * Reads until the server closes the connection or {@code timeoutMillis} pass without a byte; returns what
     * came, as text.
     */
    String readUntilClosed(long timeoutMillis) throws IOException {
        socket.setSoTimeout((int) timeoutMillis);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        InputStream in = socket.getInputStream();
        byte[] buf = new byte[4096];
        try {
            for (int n; (n = in.read(buf)) >= 0; ) {
                out.write(buf, 0, n);
            }
        } catch (SocketTimeoutException e) {
            throw new AssertionError("no close within " + timeoutMillis + " ms; got: " + out, e);
        } catch (IOException e) {
            // A reset after the answer: the server closed without reading what we sent.
        }
        return out.toString(StandardCharsets.ISO_8859_1);
    }

    /** Returns whether the server has closed the connection: a read within {@code waitMillis} hits its end. */
    boolean closedByServer(int waitMillis) throws IOException {
        socket.setSoTimeout(waitMillis);
        try {
            return socket.getInputStream().read() < 0;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            return true;
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
