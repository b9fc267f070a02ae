package org.rosterbridge.embedded;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * A JUnit extension that gives tests one embedded broker for the whole test run (started on first use, closed at
 * the end), so each test class does not pay a broker's start. Tests that stop a broker start their own.
 */
public final class KafkaBroker implements ParameterResolver {

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == EmbeddedKafka.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return shared(context);
    }

    public static EmbeddedKafka shared(ExtensionContext context) {
        return context.getRoot().getStore(ExtensionContext.Namespace.create(KafkaBroker.class))
                .getOrComputeIfAbsent("broker", k -> new Shared(EmbeddedKafka.start()), Shared.class).kafka;
    }

    private record Shared(EmbeddedKafka kafka) implements ExtensionContext.Store.CloseableResource {
        @Override
        public void close() {
            kafka.close();
        }
    }
}
