package org.rosterbridge.sink.csv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.rosterbridge.change.SchoolData.ESTAB;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.camel.CamelExecutionException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rosterbridge.Gateway;
import org.rosterbridge.change.ChangeDetector;
import org.rosterbridge.change.SchoolData;
import org.rosterbridge.config.ConfigurationException;
import org.rosterbridge.embedded.EmbeddedSftp;
import org.rosterbridge.model.Entity;
import org.rosterbridge.model.School;
import org.rosterbridge.model.Secret;
import org.rosterbridge.model.Snapshot;
import org.rosterbridge.sync.Delivery;

/** The CSV sink's routes against a real SFTP server (Apache MINA SSHD in this JVM). */
class SftpDeliveryIT {
    static final String PASSWORD = "pa&ss+w%rd=S3cret!";
    static final School SCHOOL = new School(ESTAB, "partner-rp", "Northfield Academy", Secret.of("x"));

    @TempDir
    Path dir;

    private EmbeddedSftp sftp;
    private Gateway gateway;

    @AfterEach
    void stop() {
        if (gateway != null) {
            gateway.close();
        }
        if (sftp != null) {
            sftp.close();
        }
    }

    private EmbeddedSftp startSftp() {
        return EmbeddedSftp.builder(dir.resolve("remote"), dir.resolve("sftp-state")).password(Secret.of(PASSWORD))
                .start();
    }

    private Map<String, String> settings(EmbeddedSftp server) {
        Map<String, String> s = new HashMap<>();
        s.put("gateway.state-dir", dir.resolve("state").toString());
        s.put("gateway.output-dir", dir.resolve("out").toString());
        s.put("xporter.base-url", "http://127.0.0.1:1/api");
        s.put("sftp.host", server.host());
        s.put("sftp.port", "" + server.port());
        s.put("sftp.username", "rosterbridge");
        s.put("sftp.password", PASSWORD);
        s.put("sftp.known-hosts-file", server.knownHostsFile().toString());
        s.put("sftp.directory", "outbox");
        return s;
    }

    static Delivery delivery(Instant at, Snapshot previous, Snapshot staged) {
        return new Delivery("csv", SCHOOL, "run-" + at.getEpochSecond(), at, staged, previous,
                new ChangeDetector().detect(previous, staged).changes());
    }

    static Delivery firstDelivery(Instant at) {
        return delivery(at, Snapshot.empty(ESTAB), SchoolData.snapshot(BundleWriterTest.small()));
    }

    private SftpFolder folder() {
        return gateway.context().getRegistry().lookupByNameAndType(CsvComponents.SFTP_FOLDER, SftpFolder.class);
    }

    private void deliver(Delivery d) {
        gateway.context().createProducerTemplate().requestBody("direct:sink-csv", d);
    }

    static List<String> files(Path folder) throws IOException {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> s = Files.walk(folder)) {
            return s.filter(Files::isRegularFile).map(p -> folder.relativize(p).toString().replace('\\', '/'))
                    .sorted().toList();
        }
    }

    static void assertDelivered(Path folder, Delivery d, String mode) throws Exception {
        String name = "oneroster-" + ESTAB + "-" + stamp(d.startedAt()) + "-" + mode + ".zip";
        Path zip = folder.resolve(ESTAB).resolve(name);
        byte[] bytes = Files.readAllBytes(zip);
        assertThat(new BundleValidator(CsvMapping.standard()).validate(bytes)).isEmpty();
        String hex = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        assertThat(Files.readString(folder.resolve(ESTAB).resolve(name + ".sha256"), StandardCharsets.US_ASCII))
                .isEqualTo(hex + "  " + name + "\n");
        if (mode.equals("bulk")) {
            for (Entity e : Entity.SOURCE) {
                assertThat(Bundles.rows(bytes, e.collection() + ".csv").keySet()).as(e.collection())
                        .containsExactlyElementsOf(d.staged().records(e).keySet());
            }
        }
        assertThat(files(folder)).noneMatch(f -> f.endsWith(".part"));
    }

    static String stamp(Instant at) {
        return java.time.format.DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(java.time.ZoneOffset.UTC)
                .format(at);
    }

    @Test
    void aBulkBundleAndItsChecksumArriveUnderTheSchoolsFolderWithPasswordLogin() throws Exception {
        sftp = startSftp();
        gateway = Gateway.start(settings(sftp));
        Delivery d = firstDelivery(Instant.parse("2026-03-02T06:30:15Z"));

        deliver(d);

        Path outbox = sftp.root().resolve("outbox");
        assertThat(folder().check(gateway.context())).contains("logged in, host key verified");
        assertThat(files(outbox)).containsExactly(ESTAB + "/oneroster-3281110-20260302T063015Z-bulk.zip",
                ESTAB + "/oneroster-3281110-20260302T063015Z-bulk.zip.sha256");
        assertDelivered(outbox, d, "bulk");
    }

    @Test
    void aBundleIsNeverReplacedSoADeliveryUnderATakenNameFails() throws Exception {
        sftp = startSftp();
        gateway = Gateway.start(settings(sftp));
        // another gateway process delivered in the same second
        Path school = Files.createDirectories(sftp.root().resolve("outbox").resolve(ESTAB));
        Path taken = Files.writeString(school.resolve("oneroster-3281110-20260302T063015Z-bulk.zip"), "theirs");

        assertThatThrownBy(() -> deliver(firstDelivery(Instant.parse("2026-03-02T06:30:15Z"))))
                .isInstanceOf(CamelExecutionException.class).hasStackTraceContaining("already exist");

        assertThat(Files.readString(taken)).isEqualTo("theirs");
        assertThat(files(school)).containsExactly("oneroster-3281110-20260302T063015Z-bulk.zip");
    }

    @Test
    void twoRunsInOneSecondGetTwoNames() throws Exception {
        sftp = startSftp();
        gateway = Gateway.start(settings(sftp));

        deliver(firstDelivery(Instant.parse("2026-03-02T06:30:15.100Z")));
        deliver(firstDelivery(Instant.parse("2026-03-02T06:30:15.900Z")));

        assertThat(files(sftp.root().resolve("outbox").resolve(ESTAB))).containsExactly(
                "oneroster-3281110-20260302T063015Z-bulk.zip", "oneroster-3281110-20260302T063015Z-bulk.zip.sha256",
                "oneroster-3281110-20260302T063016Z-bulk.zip", "oneroster-3281110-20260302T063016Z-bulk.zip.sha256");
    }

    @Test
    void aPrivateKeyLogsInWithoutAPasswordAndNoDirectoryMeansTheLoginFolder() throws Exception {
        Path key = dir.resolve("client/id_ecdsa");
        sftp = EmbeddedSftp.builder(dir.resolve("remote"), dir.resolve("sftp-state"))
                .authorizedKey(EmbeddedSftp.writeClientKey(key)).start();
        Map<String, String> s = settings(sftp);
        s.remove("sftp.password");
        s.remove("sftp.directory");
        s.put("sftp.private-key-file", key.toString());
        gateway = Gateway.start(s);
        Delivery d = firstDelivery(Instant.parse("2026-03-02T06:30:15Z"));

        deliver(d);

        assertDelivered(sftp.root(), d, "bulk");
    }

    @Test
    void bothModesDeliverABulkAndADeltaBundleInOneRun() throws Exception {
        sftp = startSftp();
        Map<String, String> s = settings(sftp);
        s.put("csv.mode", "both");
        gateway = Gateway.start(s);
        Delivery d = firstDelivery(Instant.parse("2026-03-02T06:30:15Z"));

        deliver(d);

        Path outbox = sftp.root().resolve("outbox");
        assertDelivered(outbox, d, "bulk");
        assertDelivered(outbox, d, "delta");
        assertThat(files(outbox)).hasSize(4);
    }

    @Test
    void aChangedHostKeyIsRefusedAndNothingIsWritten() throws Exception {
        sftp = startSftp();
        Path impostor = dir.resolve("impostor-state");
        EmbeddedSftp other = EmbeddedSftp.builder(dir.resolve("other"), impostor).password(Secret.of("x")).start();
        other.close();
        // the known_hosts line names this server's address with another server's key
        String otherKey = Files.readString(other.knownHostsFile()).split(" ", 2)[1];
        Path knownHosts = dir.resolve("known_hosts");
        Files.writeString(knownHosts, "[127.0.0.1]:" + sftp.port() + " " + otherKey);
        Map<String, String> s = settings(sftp);
        s.put("sftp.known-hosts-file", knownHosts.toString());
        gateway = Gateway.start(s);

        assertThatThrownBy(() -> deliver(firstDelivery(Instant.parse("2026-03-02T06:30:15Z"))))
                .isInstanceOf(CamelExecutionException.class)
                .hasStackTraceContaining("HostKey");
        assertThat(files(sftp.root())).isEmpty();
        assertThatThrownBy(() -> folder().check(gateway.context())).hasStackTraceContaining("HostKey");
    }

    @Test
    void aMissingKnownHostsFileIsAConfigurationErrorNamingTheKey() {
        sftp = startSftp();
        Map<String, String> s = settings(sftp);
        s.put("sftp.known-hosts-file", dir.resolve("nowhere/known_hosts").toString());

        assertThatThrownBy(() -> Gateway.start(s)).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("sftp.known-hosts-file").hasMessageContaining("SFTP_KNOWN_HOSTS_FILE");
    }

    @Test
    void aWrongPasswordOrAServerThatIsDownFailsTheDeliveryAndWritesNothing() throws Exception {
        sftp = startSftp();
        Map<String, String> wrong = settings(sftp);
        wrong.put("sftp.password", "not-the-password");
        gateway = Gateway.start(wrong);
        assertThatThrownBy(() -> deliver(firstDelivery(Instant.parse("2026-03-02T06:30:15Z"))))
                .isInstanceOf(CamelExecutionException.class);
        gateway.close();

        gateway = Gateway.start(settings(sftp));
        sftp.close();
        assertThatThrownBy(() -> deliver(firstDelivery(Instant.parse("2026-03-02T06:30:16Z"))))
                .isInstanceOf(CamelExecutionException.class);
        assertThat(files(sftp.root())).isEmpty();

        // the same server back on the same port with the same host key: the next delivery goes through
        sftp = EmbeddedSftp.builder(dir.resolve("remote"), dir.resolve("sftp-state")).password(Secret.of(PASSWORD))
                .port(sftp.port()).start();
        Delivery d = firstDelivery(Instant.parse("2026-03-02T06:30:17Z"));
        deliver(d);
        assertDelivered(sftp.root().resolve("outbox"), d, "bulk");
    }

    @Test
    void anUploadThatFailsMidFileLeavesNothingUnderTheFinalNameAndTheNextDeliveryTidiesUp() throws Exception {
        sftp = startSftp();
        gateway = Gateway.start(settings(sftp));
        Path school = sftp.root().resolve("outbox").resolve(ESTAB);
        sftp.failWrites(true);

        assertThatThrownBy(() -> deliver(firstDelivery(Instant.parse("2026-03-02T06:30:15Z"))))
                .isInstanceOf(CamelExecutionException.class);
        // only the temporary file of the interrupted upload, which no consumer picks up as a bundle
        assertThat(files(school)).containsExactly("oneroster-3281110-20260302T063015Z-bulk.zip.part");

        sftp.failWrites(false);
        Delivery next = firstDelivery(Instant.parse("2026-03-02T07:30:15Z"));
        deliver(next);
        assertDelivered(sftp.root().resolve("outbox"), next, "bulk");
        assertThat(files(school)).containsExactly("oneroster-3281110-20260302T073015Z-bulk.zip",
                "oneroster-3281110-20260302T073015Z-bulk.zip.sha256");
    }

    @Test
    void theNewestBundlesOfEachKindAreKeptAndOlderOnesGoWithTheirChecksums() throws Exception {
        sftp = startSftp();
        Map<String, String> s = settings(sftp);
        s.put("csv.keep", "2");
        gateway = Gateway.start(s);
        Path school = sftp.root().resolve("outbox").resolve(ESTAB);
        Files.createDirectories(school);
        Files.writeString(school.resolve("README.txt"), "not ours");
        Files.writeString(school.resolve("oneroster-3281110-20260101T000000Z-bulk.zip.part"), "interrupted");

        for (int day = 1; day <= 4; day++) {
            deliver(firstDelivery(Instant.parse("2026-03-0" + day + "T06:00:00Z")));
        }

        assertThat(files(school)).containsExactly("README.txt",
                "oneroster-3281110-20260303T060000Z-bulk.zip", "oneroster-3281110-20260303T060000Z-bulk.zip.sha256",
                "oneroster-3281110-20260304T060000Z-bulk.zip", "oneroster-3281110-20260304T060000Z-bulk.zip.sha256");
    }

    @Test
    void thePasswordAppearsInNoLogLineEvenWhenLoginFails() {
        sftp = startSftp();
        Map<String, String> s = settings(sftp);
        Throwable failure;
        try (AllLoggersCapture logs = new AllLoggersCapture()) {
            gateway = Gateway.start(s);
            deliver(firstDelivery(Instant.parse("2026-03-02T06:30:15Z")));
            sftp.close();
            try {
                deliver(firstDelivery(Instant.parse("2026-03-02T06:30:16Z")));
                failure = null;
            } catch (RuntimeException e) {
                failure = e;
            }
            gateway.close();
            gateway = null;

            assertThat(logs.lines()).isNotEmpty();
            assertThat(logs.lines()).noneMatch(line -> line.contains(PASSWORD) || line.contains("S3cret"));
        }
        assertThat(failure).isNotNull();
        for (Throwable t = failure; t != null; t = t.getCause()) {
            assertThat(String.valueOf(t.getMessage())).doesNotContain("S3cret");
        }
    }

    @Test
    void withoutAnSftpHostBundlesGoToTheOutputFolderInTheSameLayout() throws Exception {
        Map<String, String> s = new HashMap<>();
        s.put("gateway.state-dir", dir.resolve("state").toString());
        s.put("gateway.output-dir", dir.resolve("out").toString());
        s.put("xporter.base-url", "http://127.0.0.1:1/api");
        s.put("csv.keep", "1");
        gateway = Gateway.start(s);
        Delivery first = firstDelivery(Instant.parse("2026-03-02T06:30:15Z"));
        Delivery second = firstDelivery(Instant.parse("2026-03-03T06:30:15Z"));

        deliver(first);
        deliver(second);

        assertDelivered(dir.resolve("out"), second, "bulk");
        assertThat(files(dir.resolve("out"))).containsExactly(
                ESTAB + "/oneroster-3281110-20260303T063015Z-bulk.zip",
                ESTAB + "/oneroster-3281110-20260303T063015Z-bulk.zip.sha256");
    }
}
