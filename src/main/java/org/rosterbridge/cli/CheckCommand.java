package org.rosterbridge.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.camel.ProducerTemplate;
import org.rosterbridge.Gateway;
import org.rosterbridge.config.ConfigurationException;
import org.rosterbridge.model.School;
import org.rosterbridge.sink.csv.CsvComponents;
import org.rosterbridge.sink.csv.SftpFolder;
import org.rosterbridge.sink.kafka.KafkaSinkSettings;
import org.rosterbridge.sink.kafka.KafkaTopics;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code check}: the configuration, routes and mappings load, and every endpoint answers. */
@Command(name = "check", mixinStandardHelpOptions = true,
        description = "Validate the configuration, routes and mappings, and reach every endpoint: Xporter's "
                + "version endpoints and a token per school, the Kafka broker, the SFTP server. Exit 0 when all "
                + "answered.")
final class CheckCommand implements Callable<Integer> {
    @Mixin
    GatewayOptions options;

    @Override
    public Integer call() {
        List<String> problems = new ArrayList<>();
        try (Gateway gateway = Gateway.start(options.overrides())) {
            System.out.println("configuration, routes and mappings: loaded ("
                    + gateway.context().getRoutesSize() + " routes)");
            ProducerTemplate template = gateway.context().createProducerTemplate();
            String base = gateway.settings().string("xporter.base-url", "");
            for (String path : List.of("/version", "/auth/version")) {
                try {
                    System.out.println("xporter " + base + path + ": "
                            + template.requestBody("direct:xporter-version", path, String.class));
                } catch (RuntimeException e) {
                    problems.add("xporter " + path + ": " + rootMessage(e));
                }
            }
            if (gateway.schools().isEmpty()) {
                problems.add("no school configured (XPORTER_RP, XPORTER_ESTAB, XPORTER_SECRET or "
                        + "XPORTER_SCHOOLS_FILE)");
            }
            for (School school : gateway.schools()) {
                try {
                    gateway.tokens().bearer(school);
                    System.out.println(school.label() + ": token obtained");
                } catch (RuntimeException e) {
                    problems.add(rootMessage(e));
                }
            }
            SftpFolder sftp = gateway.context().getRegistry().lookupByNameAndType(CsvComponents.SFTP_FOLDER,
                    SftpFolder.class);
            if (sftp != null) {
                try {
                    System.out.println(sftp.check(gateway.context()));
                } catch (RuntimeException e) {
                    problems.add("sftp: " + rootMessage(e));
                }
            }
            KafkaTopics kafka = gateway.context().hasService(KafkaTopics.class);
            if (kafka != null) {
                String brokers = gateway.settings().string(KafkaSinkSettings.BOOTSTRAP_SERVERS, "");
                try {
                    kafka.ensure();
                    System.out.println("kafka " + brokers + ": reachable, topics in place");
                } catch (RuntimeException e) {
                    problems.add("kafka: " + rootMessage(e) + "; start the broker, or point "
                            + "KAFKA_BOOTSTRAP_SERVERS (kafka.bootstrap-servers) at one that answers, or leave it "
                            + "empty to turn the Kafka sink off");
                }
            }
            gateway.store().pendingHolds().forEach(h -> System.out.println("held: estab " + h.estab() + " since "
                    + h.heldAt() + ": " + h.reason()));
        } catch (ConfigurationException e) {
            System.err.println("configuration error: " + e.getMessage());
            return RosterbridgeCommand.CONFIGURATION;
        }
        problems.forEach(p -> System.err.println("problem: " + p));
        return problems.isEmpty() ? RosterbridgeCommand.OK : RosterbridgeCommand.FAILED;
    }

    static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && (t.getMessage() == null || t instanceof org.apache.camel.CamelExecutionException)) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    }
}
