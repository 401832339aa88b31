package io.candlebus.launcher;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.FileAppender;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends the log to a file while a soak runs, so that its thousands of reconnect and gap-fill lines do not
 * bury the soak's own output; {@link #close()} puts the console back. Does nothing if logging is not logback.
 */
final class SoakLog {
    private final ch.qos.logback.classic.Logger root;
    private final List<Appender<ILoggingEvent>> detached = new ArrayList<>();
    private final FileAppender<ILoggingEvent> file;

    private SoakLog(ch.qos.logback.classic.Logger root, FileAppender<ILoggingEvent> file) {
        this.root = root;
        this.file = file;
    }

    /** Redirects the root logger's appenders to {@code logFile}. */
    static SoakLog redirect(Path logFile) {
        if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
            return new SoakLog(null, null);
        }
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern("%d{HH:mm:ss.SSS} %-5level [%thread] %logger{30} - %msg%n");
        encoder.start();
        FileAppender<ILoggingEvent> file = new FileAppender<>();
        file.setContext(context);
        file.setName("soak-file");
        file.setFile(logFile.toString());
        file.setEncoder(encoder);
        file.start();
        ch.qos.logback.classic.Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        SoakLog log = new SoakLog(root, file);
        for (Iterator<Appender<ILoggingEvent>> it = root.iteratorForAppenders(); it.hasNext(); ) {
            log.detached.add(it.next());
        }
        root.addAppender(file);
        log.detached.forEach(root::detachAppender);
        return log;
    }

    /** Puts the console appenders back and closes the file. */
    void close() {
        if (root == null) {
            return;
        }
        detached.forEach(root::addAppender);
        root.detachAppender(file);
        file.stop();
    }
}
