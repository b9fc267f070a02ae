package org.rosterbridge.sink.csv;

import java.util.List;
import org.apache.camel.CamelContext;
import org.rosterbridge.config.Settings;
import org.rosterbridge.model.Secret;

/** Binds the CSV sink's beans and names its routes: the common one, and the SFTP or output-folder delivery. */
public final class CsvComponents {
    /** The bean that prunes and checks the remote folder, bound when {@code sftp.host} is set. */
    public static final String SFTP_FOLDER = "csvSftpFolder";

    private CsvComponents() {
    }

    /** Reads and checks the settings (failing with the key's name), binds the beans, returns the route files. */
    public static List<String> register(CamelContext context, Settings settings) {
        CsvSinkSettings csv = CsvSinkSettings.from(settings);
        CsvMapping mapping = CsvMapping.load(csv.mapping());
        context.getRegistry().bind("csvSink", new CsvSink(csv, mapping));
        if (csv.sftp().isPresent()) {
            context.getRegistry().bind(SFTP_FOLDER, new SftpFolder(csv.keep()));
            // by reference, never as a placeholder: Camel logs resolved endpoint URIs at DEBUG; empty means key only
            context.getRegistry().bind("csvSftpPassword", String.class,
                    csv.sftp().get().password().map(Secret::reveal).orElse(""));
            return List.of("classpath:routes/csv.camel.yaml", "classpath:routes/csv-sftp.camel.yaml");
        }
        return List.of("classpath:routes/csv.camel.yaml", "classpath:routes/csv-folder.camel.yaml");
    }
}
