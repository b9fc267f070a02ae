package org.rosterbridge.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rosterbridge.model.Secret;

class EmbeddedSftpTest {
    @TempDir
    Path dir;

    @Test
    void itListensOnLoopbackAndWritesAKnownHostsLineForItsOwnHostKey() throws Exception {
        try (EmbeddedSftp sftp = EmbeddedSftp.builder(dir.resolve("root"), dir.resolve("state"))
                .password(Secret.of("pw")).start()) {
            assertThat(sftp.port()).isPositive();
            assertThat(sftp.root()).isDirectory();
            assertThat(Files.readString(sftp.knownHostsFile()))
                    .matches("\\[127\\.0\\.0\\.1]:" + sftp.port() + " ecdsa-sha2-nistp256 [A-Za-z0-9+/=]+\n");
        }
    }

    @Test
    void aRestartKeepsItsHostKey() {
        String first;
        try (EmbeddedSftp sftp = EmbeddedSftp.builder(dir.resolve("root"), dir.resolve("state"))
                .password(Secret.of("pw")).start()) {
            first = sftp.hostKey().toString();
        }
        try (EmbeddedSftp again = EmbeddedSftp.builder(dir.resolve("root"), dir.resolve("state"))
                .password(Secret.of("pw")).start()) {
            assertThat(again.hostKey().toString()).isEqualTo(first);
        }
    }

    @Test
    void aUserNeedsAWayToLogIn() {
        assertThatThrownBy(() -> EmbeddedSftp.builder(dir.resolve("root"), dir.resolve("state")).start())
                .isInstanceOf(IllegalStateException.class);
    }
}
