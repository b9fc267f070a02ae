package org.rosterbridge.source;

import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Logs each retry of an Xporter request at warn: what failed, and which attempt comes next. */
public final class RetryLog implements Processor {
    private static final Logger LOG = LoggerFactory.getLogger(RetryLog.class);

    @Override
    public void process(Exchange exchange) {
        Throwable cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        if (cause == null) {
            cause = exchange.getException();
        }
        Integer attempt = exchange.getIn().getHeader(Exchange.REDELIVERY_COUNTER, Integer.class);
        Integer max = exchange.getIn().getHeader(Exchange.REDELIVERY_MAX_COUNTER, Integer.class);
        LOG.warn("{}; retry {} of {}", cause == null ? "Xporter request failed" : cause.getMessage(),
                attempt == null ? "?" : attempt, max == null ? "?" : max);
    }
}
