package dev.kairos.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ConfiguratorRank;
import ch.qos.logback.core.spi.ContextAwareBase;

/**
 * Logback's starting configuration, in code: no appender, so nothing reaches a terminal by default (see
 * {@link OperatorLog} for where a command's warnings and the agent's lines go), and quiet libraries. Found through
 * META-INF/services before logback looks for an XML file, which saves a short command parsing XML (~100 ms).
 */
@ConfiguratorRank(ConfiguratorRank.CUSTOM_HIGH_PRIORITY)
public final class QuietLogging extends ContextAwareBase implements Configurator {
    @Override
    public ExecutionStatus configure(LoggerContext ctx) {
        ctx.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).setLevel(Level.WARN);
        ctx.getLogger("ai.djl").setLevel(Level.ERROR);
        ctx.getLogger("org.flywaydb").setLevel(Level.WARN);
        ctx.getLogger("org.eclipse.jetty").setLevel(Level.WARN);
        ctx.getLogger("io.javalin").setLevel(Level.WARN);
        return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
    }
}
