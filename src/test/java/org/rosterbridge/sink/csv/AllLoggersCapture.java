package org.rosterbridge.sink.csv;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.LoggerConfig;
import org.apache.logging.log4j.core.config.Property;

/**
 * Every log line, with its stack traces, while it is open, with every configured logger lowered to DEBUG (Camel's
 * and SSHD's too, unlike {@link org.rosterbridge.testing.LogCapture}, which lowers only the gateway's own), except
 * the one log4j2.xml pins for secrecy: Camel's properties parser, which logs every value it resolves.
 */
final class AllLoggersCapture implements AutoCloseable {
    private final List<String> lines = Collections.synchronizedList(new ArrayList<>());
    private final LoggerContext context = (LoggerContext) LogManager.getContext(false);
    private final AbstractAppender appender;
    private final List<Level> levels = new ArrayList<>();

    AllLoggersCapture() {
        appender = new AbstractAppender("capture", null, null, true, Property.EMPTY_ARRAY) {
            @Override
            public void append(LogEvent event) {
                StringBuilder b = new StringBuilder(event.getLoggerName()).append(' ')
                        .append(event.getMessage().getFormattedMessage());
                for (Throwable t = event.getThrown(); t != null; t = t.getCause()) {
                    b.append(" | ").append(t);
                }
                lines.add(b.toString());
            }
        };
        appender.start();
        Configuration config = context.getConfiguration();
        for (LoggerConfig logger : config.getLoggers().values()) {
            levels.add(logger.getLevel());
            if (!logger.getName().equals("org.apache.camel.component.properties")) {
                logger.setLevel(Level.DEBUG);
            }
            logger.addAppender(appender, Level.DEBUG, null);
        }
        context.updateLoggers();
    }

    List<String> lines() {
        return List.copyOf(lines);
    }

    @Override
    public void close() {
        Configuration config = context.getConfiguration();
        int i = 0;
        for (LoggerConfig logger : config.getLoggers().values()) {
            logger.removeAppender("capture");
            logger.setLevel(levels.get(i++));
        }
        context.updateLoggers();
        appender.stop();
    }
}
