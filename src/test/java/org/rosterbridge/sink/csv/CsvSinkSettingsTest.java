package org.rosterbridge.sink.csv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rosterbridge.config.ConfigurationException;
import org.rosterbridge.config.Settings;

class CsvSinkSettingsTest {
    @TempDir
    Path dir;

    private Map<String, String> sftp() throws Exception {
        Map<String, String> s = new HashMap<>();
        s.put("sftp.host", "sftp.example.org");
        s.put("sftp.username", "northfield");
        s.put("sftp.password", "hunter2");
        s.put("sftp.known-hosts-file", Files.writeString(dir.resolve("known_hosts"), "x").toString());
        return s;
    }

    private static CsvSinkSettings read(Map<String, String> values) {
        return CsvSinkSettings.from(Settings.of(values));
    }

    @Test
    void defaultsAreBulkTenKeptFormulaPrefixAndTheOutputFolder() {
        CsvSinkSettings s = read(Map.of());

        assertThat(s.mode()).isEqualTo(CsvMode.BULK);
        assertThat(s.keep()).isEqualTo(10);
        assertThat(s.formulaGuard()).isEqualTo(FormulaGuard.PREFIX);
        assertThat(s.sftp()).isEmpty();
        assertThat(s.outputDir()).isEqualTo(Path.of("data/out"));
    }

    @Test
    void anSftpHostNeedsAUserAndAKeyOrAPassword() throws Exception {
        Map<String, String> noUser = sftp();
        noUser.remove("sftp.username");
        Map<String, String> noAuth = sftp();
        noAuth.remove("sftp.password");

        assertThatThrownBy(() -> read(noUser)).isInstanceOf(ConfigurationException.class)
                .hasMessageStartingWith("sftp.username (SFTP_USERNAME)");
        assertThatThrownBy(() -> read(noAuth)).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("sftp.private-key-file").hasMessageContaining("sftp.password");
    }

    @Test
    void hostKeysAreAlwaysVerifiedSoTheKnownHostsFileIsRequired() throws Exception {
        Map<String, String> none = sftp();
        none.remove("sftp.known-hosts-file");

        assertThatThrownBy(() -> read(none)).isInstanceOf(ConfigurationException.class)
                .hasMessageStartingWith("sftp.known-hosts-file (SFTP_KNOWN_HOSTS_FILE) is required");
    }

    @Test
    void badValuesNameTheirKey() throws Exception {
        Map<String, String> absolute = sftp();
        absolute.put("sftp.directory", "/srv/upload");
        Map<String, String> noKey = sftp();
        noKey.put("sftp.private-key-file", dir.resolve("missing").toString());

        assertThatThrownBy(() -> read(absolute)).hasMessageStartingWith("sftp.directory (SFTP_DIRECTORY)");
        assertThatThrownBy(() -> read(noKey)).hasMessageStartingWith("sftp.private-key-file");
        assertThatThrownBy(() -> read(Map.of("csv.mode", "incremental"))).hasMessageStartingWith("csv.mode (CSV_MODE)");
        assertThatThrownBy(() -> read(Map.of("csv.formula-guard", "quote")))
                .hasMessageStartingWith("csv.formula-guard (CSV_FORMULA_GUARD)");
        assertThatThrownBy(() -> read(Map.of("csv.keep", "0"))).hasMessageStartingWith("csv.keep (CSV_KEEP)");
    }

    @Test
    void thePasswordIsASecretThatNeverPrints() throws Exception {
        SftpSettings s = read(sftp()).sftp().orElseThrow();

        assertThat(s.password().orElseThrow().reveal()).isEqualTo("hunter2");
        assertThat(s.toString()).doesNotContain("hunter2");
    }

    @Test
    void aBrokenMappingFailsWithTheMappingKey() throws Exception {
        Path mapping = Files.writeString(dir.resolve("m.yaml"), "manifest: {files: [users]}\nfiles:\n"
                + "  - name: users\n    record: user\n    columns:\n      - {header: sourcedId, field: user.sourcedId}\n"
                + "      - {header: nickname, field: user.nickname}\n");

        assertThatThrownBy(() -> CsvMapping.load(mapping.toString())).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("csv.mapping").hasMessageContaining("User has no property 'nickname'");
    }
}
