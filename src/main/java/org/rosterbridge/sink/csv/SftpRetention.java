package org.rosterbridge.sink.csv;

import java.util.ArrayList;
import java.util.List;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.component.file.remote.RemoteFileOperations;
import org.apache.camel.component.file.remote.SftpEndpoint;
import org.apache.camel.component.file.remote.SftpRemoteFile;
import org.apache.camel.processor.SendProcessor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the newest {@code csv.keep} bundles of each kind in a school's remote folder. It works through Camel's own
 * {@link RemoteFileOperations} of the very endpoint the route uploads with (the {@code to} with id
 * {@value #UPLOAD}), so it logs in and verifies the host key exactly as the upload does; the sftp producer itself
 * cannot list or delete.
 */
public final class SftpRetention {
    /** The id of the route step that uploads; its endpoint is the one pruned through. */
    public static final String UPLOAD = "csv-sftp-upload";
    private static final Logger LOG = LoggerFactory.getLogger(SftpRetention.class);

    private final int keep;

    public SftpRetention(int keep) {
        this.keep = keep;
    }

    /** After a delivery: removes what {@link BundleRetention} says has expired. A failure here is only logged. */
    public void prune(Exchange exchange) {
        CsvBundle bundle = exchange.getProperty(CsvSink.BUNDLE, CsvBundle.class);
        SftpEndpoint endpoint = uploadEndpoint(exchange.getContext());
        RemoteFileOperations<SftpRemoteFile> ops = endpoint.createRemoteFileOperations();
        String base = endpoint.getConfiguration().getDirectory();
        String folder = base == null || base.isEmpty() ? bundle.estab() : base + "/" + bundle.estab();
        try {
            ops.connect(endpoint.getConfiguration(), exchange);
            List<String> names = new ArrayList<>();
            for (SftpRemoteFile f : ops.listFiles(folder)) {
                if (!f.isDirectory()) {
                    names.add(f.getFilename());
                }
            }
            List<String> expired = BundleRetention.expired(names, bundle.estab(), keep);
            for (String name : expired) {
                ops.deleteFile(folder + "/" + name);
            }
            if (!expired.isEmpty()) {
                LOG.info("{}: removed {} files older than the newest {} bundles", bundle.estab(), expired.size(),
                        keep);
            }
        } catch (RuntimeException e) {
            // the bundle is delivered: a folder that could not be tidied must not make the run deliver it again
            LOG.warn("{}: old bundles not removed from {}: {}", bundle.estab(), folder, e.getMessage());
        } finally {
            try {
                ops.disconnect();
            } catch (RuntimeException ignored) {
                // disconnecting a session that never opened
            }
        }
    }

    private static SftpEndpoint uploadEndpoint(CamelContext context) {
        Processor p = context.getProcessor(UPLOAD);
        if (p instanceof SendProcessor send && send.getDestination() instanceof SftpEndpoint sftp) {
            return sftp;
        }
        throw new IllegalStateException("no sftp step with id " + UPLOAD + " in the routes");
    }
}
