package org.rosterbridge.sink.csv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.rosterbridge.change.SchoolData.ESTAB;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.camel.CamelExecutionException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rosterbridge.Gateway;
import org.rosterbridge.sync.Delivery;

/**
 * Interoperability with the SFTP server most schools run: OpenSSH's sshd on a loopback port with its own host key
 * and a public key for the user running the tests, and the bundle fetched back with the stock OpenSSH client.
 * Skipped where OpenSSH is not installed ({@code .ci/run} installs it).
 */
class OpenSshDeliveryIT {
    private static final Path SSHD = Path.of("/usr/sbin/sshd");

    @TempDir
    Path dir;

    private Process sshd;
    private int port;
    private Path remote;
    private Path clientKey;
    private Path knownHosts;
    private Gateway gateway;

    @BeforeEach
    void startSshd() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(SSHD) && onPath("ssh-keygen"), "OpenSSH sshd is not installed");
        if ("root".equals(System.getProperty("user.name"))) {
            Files.createDirectories(Path.of("/run/sshd"));
        }
        run("ssh-keygen", "-q", "-t", "ecdsa", "-b", "256", "-N", "", "-f", dir.resolve("host_key").toString());
        clientKey = dir.resolve("id_ecdsa");
        run("ssh-keygen", "-q", "-t", "ecdsa", "-b", "256", "-N", "", "-f", clientKey.toString());
        Files.copy(dir.resolve("id_ecdsa.pub"), dir.resolve("authorized_keys"));
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        remote = Files.createDirectories(dir.resolve("remote"));
        Path config = Files.writeString(dir.resolve("sshd_config"), String.join("\n",
                "Port " + port,
                "ListenAddress 127.0.0.1",
                "HostKey " + dir.resolve("host_key"),
                "PidFile " + dir.resolve("sshd.pid"),
                "AuthorizedKeysFile " + dir.resolve("authorized_keys"),
                "PubkeyAuthentication yes",
                "PasswordAuthentication no",
                "KbdInteractiveAuthentication no",
                "PermitRootLogin prohibit-password",
                "StrictModes no",
                "UsePAM no",
                // a login folder of its own, as a school's SFTP account has (sftp.directory is relative to it)
                "Subsystem sftp internal-sftp -d " + remote, ""));
        sshd = new ProcessBuilder(SSHD.toString(), "-D", "-e", "-f", config.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("sshd.log").toFile()).start();
        await().atMost(Duration.ofSeconds(10)).until(() -> accepts(port));
        knownHosts = Files.writeString(dir.resolve("known_hosts"), "[127.0.0.1]:" + port + " "
                + Files.readString(dir.resolve("host_key.pub")));
    }

    @AfterEach
    void stop() throws InterruptedException {
        if (gateway != null) {
            gateway.close();
        }
        if (sshd != null) {
            sshd.destroy();
            sshd.waitFor(5, TimeUnit.SECONDS);
        }
    }

    private Map<String, String> settings() {
        Map<String, String> s = new HashMap<>();
        s.put("gateway.state-dir", dir.resolve("state").toString());
        s.put("xporter.base-url", "http://127.0.0.1:1/api");
        s.put("sftp.host", "127.0.0.1");
        s.put("sftp.port", "" + port);
        s.put("sftp.username", System.getProperty("user.name"));
        s.put("sftp.private-key-file", clientKey.toString());
        s.put("sftp.known-hosts-file", knownHosts.toString());
        s.put("sftp.directory", "outbox");
        s.put("csv.keep", "1");
        return s;
    }

    @Test
    void openSshReceivesTheBundleRenamedAndTheStockClientFetchesItBackIntact() throws Exception {
        gateway = Gateway.start(settings());
        Delivery first = SftpDeliveryIT.firstDelivery(Instant.parse("2026-03-02T06:30:15Z"));
        Delivery second = SftpDeliveryIT.firstDelivery(Instant.parse("2026-03-03T06:30:15Z"));

        gateway.context().createProducerTemplate().requestBody("direct:sink-csv", first);
        gateway.context().createProducerTemplate().requestBody("direct:sink-csv", second);

        Path outbox = remote.resolve("outbox");
        SftpDeliveryIT.assertDelivered(outbox, second, "bulk");
        // csv.keep=1: the first day's bundle went, through the same login
        assertThat(SftpDeliveryIT.files(outbox)).containsExactly(
                ESTAB + "/oneroster-3281110-20260303T063015Z-bulk.zip",
                ESTAB + "/oneroster-3281110-20260303T063015Z-bulk.zip.sha256");

        Assumptions.assumeTrue(onPath("sftp"), "the OpenSSH sftp client is not installed");
        Path fetched = Files.createDirectories(dir.resolve("fetched"));
        String name = "oneroster-3281110-20260303T063015Z-bulk.zip";
        Path batch = Files.writeString(dir.resolve("batch"), "lcd " + fetched + "\ncd outbox/" + ESTAB
                + "\nget " + name + "\nget " + name + ".sha256\n");
        run("sftp", "-b", batch.toString(), "-i", clientKey.toString(), "-P", "" + port,
                "-o", "BatchMode=yes", "-o", "StrictHostKeyChecking=yes", "-o", "UserKnownHostsFile=" + knownHosts,
                System.getProperty("user.name") + "@127.0.0.1");
        assertThat(Files.readAllBytes(fetched.resolve(name))).isEqualTo(Files.readAllBytes(
                outbox.resolve(ESTAB).resolve(name)));
        assertThat(new BundleValidator(CsvMapping.standard()).validate(fetched.resolve(name))).isEmpty();
        if (onPath("sha256sum")) {
            assertThat(run(fetched, "sha256sum", "-c", name + ".sha256")).contains(name + ": OK");
        }
    }

    @Test
    void openSshWithAnotherHostKeyThanTheKnownOneIsRefused() throws Exception {
        run("ssh-keygen", "-q", "-t", "ecdsa", "-b", "256", "-N", "", "-f", dir.resolve("other_key").toString());
        Files.writeString(knownHosts, "[127.0.0.1]:" + port + " " + Files.readString(dir.resolve("other_key.pub")));
        gateway = Gateway.start(settings());

        assertThatThrownBy(() -> gateway.context().createProducerTemplate().requestBody("direct:sink-csv",
                SftpDeliveryIT.firstDelivery(Instant.parse("2026-03-02T06:30:15Z"))))
                .isInstanceOf(CamelExecutionException.class).hasStackTraceContaining("HostKey");
        assertThat(SftpDeliveryIT.files(remote)).isEmpty();
    }

    private static boolean accepts(int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static boolean onPath(String command) {
        for (String d : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (Files.isExecutable(Path.of(d, command))) {
                return true;
            }
        }
        return false;
    }

    private String run(String... command) throws Exception {
        return run(dir, command);
    }

    private static String run(Path workDir, String... command) throws Exception {
        Process p = new ProcessBuilder(List.of(command)).directory(workDir.toFile()).redirectErrorStream(true)
                .start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(String.join(" ", command) + ": " + out).isZero();
        return out;
    }
}
