package dev.kairos.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.FileAppender;
import java.nio.file.Path;
import org.slf4j.LoggerFactory;

/** Operator logging for the running agent: short lines on the console and in logs/kairos.log. */
final class OperatorLog {
    private OperatorLog() {}

    static void forDaemon(Path logsDir) {
        if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext ctx)) return;
        Logger kairos = ctx.getLogger("dev.kairos");
        kairos.setLevel(Level.INFO);
        kairos.setAdditive(false);
        kairos.addAppender(console(ctx));
        kairos.addAppender(file(ctx, logsDir.resolve("kairos.log")));
    }

    private static ConsoleAppender<ILoggingEvent> console(LoggerContext ctx) {
        ConsoleAppender<ILoggingEvent> a = new ConsoleAppender<>();
        a.setContext(ctx);
        a.setName("kairos-console");
        a.setEncoder(encoder(ctx, "%d{HH:mm:ss} %msg%n"));
        a.start();
        return a;
    }

    private static FileAppender<ILoggingEvent> file(LoggerContext ctx, Path file) {
        FileAppender<ILoggingEvent> a = new FileAppender<>();
        a.setContext(ctx);
        a.setName("kairos-file");
        a.setFile(file.toString());
        a.setEncoder(encoder(ctx, "%d{yyyy-MM-dd'T'HH:mm:ss.SSSXXX} %-5level %logger{0} %msg%n"));
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
}
