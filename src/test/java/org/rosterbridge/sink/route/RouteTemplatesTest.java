package org.rosterbridge.sink.route;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.apache.camel.model.ModelCamelContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rosterbridge.Gateway;

class RouteTemplatesTest {
    @TempDir
    Path dir;

    @Test
    void theTemplatesLoadInTheDefaultGatewayAndMakeNoRouteUntilInstantiated() {
        try (Gateway g = Gateway.start(Map.of("gateway.state-dir", dir.toString(), "csv.enabled", "false",
                "xporter.base-url", "http://127.0.0.1:1/api"))) {
            ModelCamelContext model = (ModelCamelContext) g.context();
            assertThat(model.getRouteTemplateDefinition("rosterbridge-webhook-sink")).isNotNull();
            assertThat(model.getRouteTemplateDefinition("rosterbridge-webhook-batch-sink")).isNotNull();
            assertThat(model.getRouteTemplateDefinition("rosterbridge-jsonl-sink")).isNotNull();
            assertThat(g.context().getRoutes()).noneMatch(r -> r.getEndpoint().getEndpointUri()
                    .startsWith("direct://sink-"));
            assertThat(g.sync()).isEmpty();
        }
    }
}
