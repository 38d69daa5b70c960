package dev.pkinitkdc.kdc.support.telemetry;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.core.rolling.RollingFileAppender;
import ch.qos.logback.core.rolling.SizeAndTimeBasedRollingPolicy;
import ch.qos.logback.core.status.Status;
import ch.qos.logback.core.util.FileSize;
import dev.pkinitkdc.conf.AuditSettings;
import dev.pkinitkdc.kdc.request.AuditRecord;
import dev.pkinitkdc.kdc.support.DaemonThreads;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where the JSON audit lines go ({@code [audit]}): without a file, the diagnostic log through the logger
 * {@code dev.pkinitkdc.audit}; with one, only that file, through a Logback rolling appender of this KDC's own
 * (rolled daily and at {@code max_file_size} into uncompressed dated files, {@code max_history} days and
 * {@code total_size_cap} bytes kept by {@link AuditRetention}) that no logger reaches, so the diagnostic log
 * never sees the lines and two KDCs in one process keep their files apart.
 */
public final class AuditLog implements AutoCloseable {
    public static final String LOGGER = "dev.pkinitkdc.audit";
    private static final Logger DIAGNOSTIC = LoggerFactory.getLogger(LOGGER);
    private static final Logger LOG = LoggerFactory.getLogger(AuditLog.class);

    /** How often max_history and total_size_cap are applied to the rolled files. */
    private static final Duration RETENTION_CHECK = Duration.ofMinutes(10);

    private final RollingFileAppender<ILoggingEvent> file;
    private final ch.qos.logback.classic.Logger eventLogger;
    private final ScheduledExecutorService retention;

    private AuditLog(RollingFileAppender<ILoggingEvent> file, ch.qos.logback.classic.Logger eventLogger,
                     ScheduledExecutorService retention) {
        this.file = file;
        this.eventLogger = eventLogger;
        this.retention = retention;
    }

    /** The diagnostic log. */
    public static AuditLog diagnostic() {
        return new AuditLog(null, null, null);
    }

    public static AuditLog open(AuditSettings settings) throws IOException {
        if (settings.file().isEmpty()) {
            return diagnostic();
        }
        if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
            throw new IOException("[audit] file needs Logback as the logging backend, not "
                    + LoggerFactory.getILoggerFactory().getClass().getName());
        }
        Path path = settings.file().get();
        RollingFileAppender<ILoggingEvent> appender = rollingFile(context, path, settings);
        LOG.info("audit log: {} (rolled daily and at {} bytes, {} days, at most {} bytes kept)", path,
                settings.maxFileSize(), settings.maxHistory(), settings.totalSizeCap());
        AuditRetention policy = new AuditRetention(path, settings.maxHistory(), settings.totalSizeCap());
        ScheduledExecutorService retention = Executors.newSingleThreadScheduledExecutor(
                DaemonThreads.named("audit-retention"));
        retention.scheduleWithFixedDelay(() -> {
            try {
                policy.applyNow().forEach(f -> LOG.info("audit log: deleted {} (max_history / total_size_cap)", f));
            } catch (IOException | RuntimeException e) {
                LOG.warn("audit log: cannot apply max_history / total_size_cap to {}: {}", path, e.toString());
            }
        }, 0, RETENTION_CHECK.toMillis(), TimeUnit.MILLISECONDS);
        return new AuditLog(appender, context.getLogger(LOGGER), retention);
    }

    private static RollingFileAppender<ILoggingEvent> rollingFile(LoggerContext context, Path path,
                                                                  AuditSettings settings) throws IOException {
        int statusBefore = context.getStatusManager().getCount();
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern("%msg%n");
        encoder.setCharset(StandardCharsets.UTF_8);
        encoder.start();
        RollingFileAppender<ILoggingEvent> appender = new RollingFileAppender<>();
        appender.setContext(context);
        appender.setName("audit " + path);
        appender.setFile(path.toString());
        appender.setEncoder(encoder);
        SizeAndTimeBasedRollingPolicy<ILoggingEvent> policy = new SizeAndTimeBasedRollingPolicy<>();
        policy.setContext(context);
        policy.setParent(appender);
        // uncompressed: Logback compresses on other threads, and under quick successive rollovers it was seen to lose
        // whole rolled files (AuditLogTest); a rename is synchronous and loses nothing
        policy.setFileNamePattern(path + ".%d{yyyy-MM-dd}.%i");
        policy.setMaxFileSize(new FileSize(settings.maxFileSize()));
        policy.start();
        appender.setRollingPolicy(policy);
        appender.start();
        if (!appender.isStarted() || !policy.isStarted()) {
            String why = context.getStatusManager().getCopyOfStatusList().stream().skip(statusBefore)
                    .filter(s -> s.getLevel() >= Status.WARN).map(Status::getMessage)
                    .collect(Collectors.joining("; "));
            appender.stop();
            throw new IOException("[audit] file " + path + " cannot be written: " + why);
        }
        return appender;
    }

    public void write(AuditRecord record) {
        if (file == null) {
            if (DIAGNOSTIC.isInfoEnabled()) {
                DIAGNOSTIC.info("{}", AuditJson.line(record));
            }
            return;
        }
        file.doAppend(new LoggingEvent(AuditLog.class.getName(), eventLogger, Level.INFO, AuditJson.line(record),
                null, null));
    }

    @Override
    public void close() {
        if (retention != null) {
            retention.shutdownNow();
        }
        if (file != null) {
            file.stop();
        }
    }
}
