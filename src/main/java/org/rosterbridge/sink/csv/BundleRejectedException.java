package org.rosterbridge.sink.csv;

import java.util.List;

/** A bundle failed validation, so it was not delivered; the message lists what is wrong (never a pupil's data). */
public final class BundleRejectedException extends RuntimeException {
    private static final int LISTED = 20;
    private final transient List<BundleValidator.Problem> problems;

    public BundleRejectedException(CsvBundle bundle, List<BundleValidator.Problem> problems) {
        super(message(bundle, problems));
        this.problems = List.copyOf(problems);
    }

    public List<BundleValidator.Problem> problems() {
        return problems;
    }

    private static String message(CsvBundle bundle, List<BundleValidator.Problem> problems) {
        StringBuilder b = new StringBuilder(bundle.mode().wire()).append(" bundle ").append(bundle.fileName())
                .append(" failed validation and was not delivered (").append(problems.size()).append(" problems): ");
        for (int i = 0; i < Math.min(LISTED, problems.size()); i++) {
            b.append(i == 0 ? "" : "; ").append(problems.get(i));
        }
        return b.append(problems.size() > LISTED ? "; ..." : "").toString();
    }
}
