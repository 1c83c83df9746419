package dev.kairos.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.AppenderBase;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.rolling.FixedWindowRollingPolicy;
import ch.qos.logback.core.rolling.RollingFileAppender;
import ch.qos.logback.core.rolling.SizeBasedTriggeringPolicy;
import ch.qos.logback.core.util.FileSize;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.LoggerFactory;

/**
 * Where log lines go. Never to the terminal of a short command, which prints its own one-line result or error:
 * there warnings go to logs/commands.log. `kairos up` prints its own lines (dev.kairos, one line each, no stack
 * trace) and writes everything, traces and libraries included, to logs/kairos.log. Both files roll over by size and
 * keep a bounded number of compressed archives.
 */
final class OperatorLog {
    /** The rolled files and how many archives of each are kept: at most (1 + archives) x size per file. */
    record Rolling(FileSize size, int archives) {
        static final Rolling DAEMON = new Rolling(FileSize.valueOf("10MB"), 5);
        static final Rolling COMMANDS = new Rolling(FileSize.valueOf("1MB"), 2);
    }

    private static final String PREFIX = "kairos-";
    private static final String FILE_PATTERN = "%d{yyyy-MM-dd'T'HH:mm:ss.SSSXXX} %-5level %logger{0} %msg%n";

    private OperatorLog() {}

    /** A short command: warnings to logs/commands.log, opened at the first one; nothing to the terminal. */
    static void forCommand(Path logsDir) {
        if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext ctx)) return;
        reset();
        if (!Files.isDirectory(logsDir) || !Files.isWritable(logsDir)) return; // no workspace (yet): nowhere to log
        OnFirstLine first = new OnFirstLine(() -> rolling(ctx, logsDir, "commands", Rolling.COMMANDS));
        first.setContext(ctx);
        first.setName(PREFIX + "commands");
        first.start();
        ctx.getLogger(Logger.ROOT_LOGGER_NAME).addAppender(first);
    }

    /** The running agent: its own lines on the console, everything in logs/kairos.log. */
    static void forDaemon(Path logsDir) {
        forDaemon(logsDir, Rolling.DAEMON);
    }

    static void forDaemon(Path logsDir, Rolling rolling) {
        if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext ctx)) return;
        reset();
        Appender<ILoggingEvent> file = rolling(ctx, logsDir, "kairos", rolling);
        ctx.getLogger(Logger.ROOT_LOGGER_NAME).addAppender(file); // libraries: warnings, to the file only
        Logger kairos = ctx.getLogger("dev.kairos");
        kairos.setLevel(Level.INFO);
        kairos.setAdditive(false);
        kairos.addAppender(console(ctx));
        kairos.addAppender(file);
    }

    /** Takes back what {@link #forCommand} or {@link #forDaemon} added (a command run in a test's JVM ends). */
    static void reset() {
        if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext ctx)) return;
        for (Logger logger : new Logger[] {ctx.getLogger(Logger.ROOT_LOGGER_NAME), ctx.getLogger("dev.kairos")}) {
            for (var it = logger.iteratorForAppenders(); it.hasNext(); ) {
                Appender<ILoggingEvent> a = it.next();
                if (a.getName() != null && a.getName().startsWith(PREFIX)) {
                    logger.detachAppender(a);
                    a.stop();
                }
            }
        }
        Logger kairos = ctx.getLogger("dev.kairos");
        kairos.setLevel(null);
        kairos.setAdditive(true);
    }

    private static ConsoleAppender<ILoggingEvent> console(LoggerContext ctx) {
        ConsoleAppender<ILoggingEvent> a = new ConsoleAppender<>();
        a.setContext(ctx);
        a.setName(PREFIX + "console");
        a.setEncoder(encoder(ctx, "%d{HH:mm:ss} %msg%n%nopex")); // the trace is in the file
        a.start();
        return a;
    }

    private static RollingFileAppender<ILoggingEvent> rolling(LoggerContext ctx, Path dir, String name, Rolling r) {
        RollingFileAppender<ILoggingEvent> a = new RollingFileAppender<>();
        a.setContext(ctx);
        a.setName(PREFIX + name + "-file");
        a.setFile(dir.resolve(name + ".log").toString());
        FixedWindowRollingPolicy window = new FixedWindowRollingPolicy();
        window.setContext(ctx);
        window.setParent(a);
        window.setFileNamePattern(dir.resolve(name + ".%i.log.gz").toString());
        window.setMinIndex(1);
        window.setMaxIndex(r.archives());
        window.start();
        SizeBasedTriggeringPolicy<ILoggingEvent> size = new SizeBasedTriggeringPolicy<>();
        size.setContext(ctx);
        size.setMaxFileSize(r.size());
        size.setCheckIncrement(ch.qos.logback.core.util.Duration.buildByMilliseconds(0));
        size.start();
        a.setRollingPolicy(window);
        a.setTriggeringPolicy(size);
        a.setEncoder(encoder(ctx, FILE_PATTERN));
        a.start();
        return a;
    }

    private static PatternLayoutEncoder encoder(LoggerContext ctx, String pattern) {
        PatternLayoutEncoder e = new PatternLayoutEncoder();
        e.setContext(ctx);
        e.setPattern(pattern);
        e.start();
        return e;
    }

    /** Opens its file appender at the first line, so a command that logs nothing creates no file. */
    private static final class OnFirstLine extends AppenderBase<ILoggingEvent> {
        private final java.util.function.Supplier<Appender<ILoggingEvent>> open;
        private Appender<ILoggingEvent> file;

        OnFirstLine(java.util.function.Supplier<Appender<ILoggingEvent>> open) {
            this.open = open;
        }

        @Override
        protected void append(ILoggingEvent event) { // AppenderBase.doAppend holds this appender's lock
            if (file == null) file = open.get();
            file.doAppend(event);
        }

        @Override
        public void stop() {
            if (file != null) file.stop();
            super.stop();
        }
    }
}
