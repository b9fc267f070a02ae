package org.rosterbridge;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GatewayStartTest {
    @TempDir
    Path dir;

    @Test
    void startsWithTheYamlRoutesAndSyncsNothingWhenNoSchoolIsConfigured() {
        try (Gateway g = Gateway.start(Map.of("gateway.state-dir", dir.toString(), "csv.enabled", "false",
                "xporter.base-url", "http://127.0.0.1:1/api"))) {
            assertThat(g.context().getRoute("xporter-extract-school")).isNotNull();
            assertThat(g.context().getRoute("sync-school")).isNotNull();
            assertThat(g.sync()).isEmpty();
        }
    }
}
