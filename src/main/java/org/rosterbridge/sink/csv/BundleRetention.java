package org.rosterbridge.sink.csv;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which files of a school's folder go once a bundle has been delivered: zips beyond the newest {@code keep} of
 * their kind (bulk, delta), their {@code .sha256}, checksums whose zip is gone, and temporary files an interrupted
 * upload left. Files the gateway did not name are never touched.
 */
final class BundleRetention {
    private BundleRetention() {
    }

    static List<String> expired(Collection<String> names, String estab, int keep) {
        Pattern zip = Pattern.compile("oneroster-" + Pattern.quote(estab) + "-\\d{8}T\\d{6}Z-(bulk|delta)\\.zip");
        Pattern checksum = Pattern.compile("(" + zip.pattern() + ")\\.sha256");
        Pattern temporary = Pattern.compile("(" + zip.pattern() + ")(\\.sha256)?\\.part");
        List<String> zips = names.stream().filter(n -> zip.matcher(n).matches())
                .sorted(Comparator.reverseOrder()).toList();
        Set<String> kept = new HashSet<>();
        for (BundleMode mode : BundleMode.values()) {
            zips.stream().filter(n -> n.endsWith("-" + mode.wire() + ".zip")).limit(keep).forEach(kept::add);
        }
        List<String> out = new ArrayList<>();
        for (String name : names) {
            Matcher c = checksum.matcher(name);
            if (zip.matcher(name).matches() && !kept.contains(name)
                    || c.matches() && !kept.contains(c.group(1))
                    || temporary.matcher(name).matches()) {
                out.add(name);
            }
        }
        out.sort(Comparator.naturalOrder());
        return out;
    }
}
