package org.rosterbridge.testing;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.LoggerConfig;
import org.apache.logging.log4j.core.config.Property;

/**
 * Every log line written while it is open, stack traces included, with the gateway's own loggers at debug: what an
 * operator's log would hold at the most talkative setting.
 */
public final class LogCapture implements AutoCloseable {
    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final LoggerContext context = (LoggerContext) LogManager.getContext(false);
    private final AbstractAppender appender;
    private final Level previous;

    public LogCapture() {
        Configuration config = context.getConfiguration();
        appender = new AbstractAppender("capture-" + System.identityHashCode(this), null, null, true,
                Property.EMPTY_ARRAY) {
            @Override
            public void append(LogEvent event) {
                StringBuilder b = new StringBuilder(event.getLevel() + " " + event.getLoggerName() + " - "
                        + event.getMessage().getFormattedMessage());
                if (event.getThrown() != null) {
                    StringWriter w = new StringWriter();
                    event.getThrown().printStackTrace(new PrintWriter(w));
                    b.append('\n').append(w);
                }
                lines.add(b.toString());
            }
        };
        appender.start();
        config.getRootLogger().addAppender(appender, Level.ALL, null);
        LoggerConfig gateway = config.getLoggerConfig("org.rosterbridge");
        previous = gateway.getLevel();
        gateway.setLevel(Level.DEBUG);
        context.updateLoggers();
    }

    public List<String> lines() {
        return List.copyOf(lines);
    }

    /** All lines as one text, for contains/doesNotContain assertions. */
    public String text() {
        return String.join("\n", lines);
    }

    @Override
    public void close() {
        Configuration config = context.getConfiguration();
        config.getRootLogger().removeAppender(appender.getName());
        config.getLoggerConfig("org.rosterbridge").setLevel(previous);
        context.updateLoggers();
        appender.stop();
    }
}
