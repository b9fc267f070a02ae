package org.rosterbridge.model;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Normalisation shared by the record constructors: absent lists are empty, metadata is sorted and unmodifiable. */
final class Records {
    private Records() {
    }

    static <T> List<T> list(List<T> values) {
        return values == null || values.isEmpty() ? List.of() : List.copyOf(values);
    }

    /** Sorted, so that the canonical JSON (and so the fingerprint) does not depend on the source's key order. */
    static Map<String, Object> metadata(Map<String, Object> values) {
        if (values == null || values.isEmpty()) {
            return Map.of();
        }
        return Collections.unmodifiableMap(new TreeMap<>(values));
    }
}
