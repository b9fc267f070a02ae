package org.rosterbridge.sink.csv;

import java.nio.file.Path;
import java.util.Optional;
import org.rosterbridge.config.Settings;

/**
 * The CSV sink: which bundles, how they are written, how many are kept, and where they go.
 *
 * @param mode          {@code csv.mode}: bulk (default), delta or both
 * @param keep          {@code csv.keep}: bundles of each kind (bulk, delta) kept per school, default 10; older
 *                      zips and their {@code .sha256} are removed after each delivery
 * @param formulaGuard  {@code csv.formula-guard}: prefix (default) or none, see {@link FormulaGuard}
 * @param systemName    {@code csv.source-system-name}: the manifest's {@code source.systemName}
 * @param systemCode    {@code csv.source-system-code}: the manifest's {@code source.systemCode}
 * @param mapping       {@code csv.mapping}: the column mapping, default the OneRoster v1.1 one on the classpath
 * @param outputDir     {@code gateway.output-dir}: where bundles go when no SFTP server is set
 * @param sftp          the SFTP destination, when {@code sftp.host} is set
 */
public record CsvSinkSettings(CsvMode mode, int keep, FormulaGuard formulaGuard, String systemName,
                              String systemCode, String mapping, Path outputDir, Optional<SftpSettings> sftp) {

    public static CsvSinkSettings from(Settings s) {
        return new CsvSinkSettings(
                s.choice("csv.mode", CsvMode.class, CsvMode.BULK),
                s.integer("csv.keep", 10, 1, 10_000),
                s.choice("csv.formula-guard", FormulaGuard.class, FormulaGuard.PREFIX),
                s.string("csv.source-system-name", "Rosterbridge"),
                s.string("csv.source-system-code", "rosterbridge"),
                s.string("csv.mapping", CsvMapping.STANDARD),
                s.path("gateway.output-dir", "data/out"),
                SftpSettings.from(s));
    }
}
