package dev.pkinitkdc.it;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.List;
import org.slf4j.LoggerFactory;

/** The log lines one class writes while a test runs, as an operator would read them. */
final class LogCapture implements AutoCloseable {
    private final Logger logger;
    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

    LogCapture(Class<?> source) {
        this(source.getName());
    }

    /** @param loggerName e.g. {@code dev.pkinitkdc.audit}, the audit lines */
    LogCapture(String loggerName) {
        logger = (Logger) LoggerFactory.getLogger(loggerName);
        appender.start();
        logger.addAppender(appender);
    }

    List<String> lines() {
        synchronized (appender.list) {
            return appender.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
        }
    }

    boolean contains(String text) {
        return lines().stream().anyMatch(l -> l.contains(text));
    }

    @Override
    public void close() {
        logger.detachAppender(appender);
    }
}
