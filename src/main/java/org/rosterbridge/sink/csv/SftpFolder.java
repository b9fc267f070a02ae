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
import org.apache.camel.support.DefaultExchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The remote folder beyond what an upload does: keeping the newest {@code csv.keep} bundles of each kind per
 * school, and checking that the server answers. It works through Camel's own {@link RemoteFileOperations} of the
 * very endpoint the route uploads with (the {@code to} with id {@value #UPLOAD}), so it logs in and verifies the
 * host key exactly as the upload does; the sftp producer itself cannot list or delete.
 */
public final class SftpFolder {
    /** The id of the route step that uploads; its endpoint is the one used here. */
    public static final String UPLOAD = "csv-sftp-upload";
    private static final Logger LOG = LoggerFactory.getLogger(SftpFolder.class);

    private final int keep;

    public SftpFolder(int keep) {
        this.keep = keep;
    }

    /** After a delivery: removes what {@link BundleRetention} says has expired. A failure here is only logged. */
    public void prune(Exchange exchange) {
        CsvBundle bundle = exchange.getProperty(CsvSink.BUNDLE, CsvBundle.class);
        try {
            int removed = session(exchange.getContext(), exchange, (ops, base) -> {
                String folder = base.isEmpty() ? bundle.estab() : base + "/" + bundle.estab();
                List<String> expired = BundleRetention.expired(names(ops, folder), bundle.estab(), keep);
                for (String name : expired) {
                    ops.deleteFile(folder + "/" + name);
                }
                return expired.size();
            });
            if (removed > 0) {
                LOG.info("{}: removed {} files beyond the newest {} bundles", bundle.estab(), removed, keep);
            }
        } catch (RuntimeException e) {
            // the bundle is delivered: a folder that could not be tidied must not make the run deliver it again
            LOG.warn("{}: old bundles not removed: {}", bundle.estab(), e.getMessage());
        }
    }

    /** For {@code check}: logs in (verifying the host key) and lists the folder; throws when that fails. */
    public String check(CamelContext context) {
        return session(context, new DefaultExchange(context), (ops, base) -> {
            int entries = names(ops, base.isEmpty() ? "." : base).size();
            SftpEndpoint endpoint = uploadEndpoint(context);
            return "sftp " + endpoint.getConfiguration().remoteServerInformation() + ": logged in, host key "
                    + "verified, folder '" + base + "' has " + entries + " files";
        });
    }

    private static List<String> names(RemoteFileOperations<SftpRemoteFile> ops, String folder) {
        List<String> names = new ArrayList<>();
        for (SftpRemoteFile f : ops.listFiles(folder)) {
            if (!f.isDirectory()) {
                names.add(f.getFilename());
            }
        }
        return names;
    }

    private interface Work<T> {
        T run(RemoteFileOperations<SftpRemoteFile> ops, String baseFolder);
    }

    private static <T> T session(CamelContext context, Exchange exchange, Work<T> work) {
        SftpEndpoint endpoint = uploadEndpoint(context);
        RemoteFileOperations<SftpRemoteFile> ops = endpoint.createRemoteFileOperations();
        String base = endpoint.getConfiguration().getDirectory();
        try {
            ops.connect(endpoint.getConfiguration(), exchange);
            return work.run(ops, base == null ? "" : base);
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
