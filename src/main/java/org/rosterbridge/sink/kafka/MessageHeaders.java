package org.rosterbridge.sink.kafka;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Arrays;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Set;

/**
 * The header map of one event's Camel message: a handful of names in their insertion order, held in two arrays and
 * found by a scan. camel-kafka reads a few names of every message and walks the rest once; a hash map for that cost
 * a node, a hash and a resize per header of every record, and several per cent of a first run's CPU.
 */
final class MessageHeaders extends AbstractMap<String, Object> {
    private static final Object ABSENT = new Object();

    private String[] names;
    private boolean ownNames;
    private Object[] values;
    private int length;
    private int size;

    /**
     * The headers {@code names[i] = values[i]}, every value non-null; {@code names} is shared (copied before a
     * header is added), {@code values} becomes this map's own.
     */
    MessageHeaders(String[] names, Object[] values) {
        this.names = names;
        this.values = values;
        this.length = values.length;
        this.size = values.length;
    }

    private int indexOf(Object name) {
        if (!(name instanceof String wanted)) {
            return -1;
        }
        // the names asked for are mostly the very constants the map was built with, and a string's hash is kept:
        // a name that is absent (camel-kafka asks for three on every record) costs a few int comparisons
        int hash = wanted.hashCode();
        for (int i = 0; i < length; i++) {
            String n = names[i];
            if (n == wanted || n.hashCode() == hash && n.equals(wanted)) {
                return values[i] == ABSENT ? -1 : i;
            }
        }
        return -1;
    }

    @Override
    public Object get(Object name) {
        int i = indexOf(name);
        return i < 0 ? null : values[i];
    }

    @Override
    public boolean containsKey(Object name) {
        return indexOf(name) >= 0;
    }

    @Override
    public Object put(String name, Object value) {
        int hash = name.hashCode();
        for (int i = 0; i < length; i++) {
            if (names[i].hashCode() == hash && names[i].equals(name)) {
                Object old = values[i];
                values[i] = value;
                if (old == ABSENT) {
                    size++;
                    return null;
                }
                return old;
            }
        }
        if (length == values.length || !ownNames) {
            names = Arrays.copyOf(names, Math.max(length + 4, names.length));
            values = Arrays.copyOf(values, names.length);
            ownNames = true;
        }
        names[length] = name;
        values[length++] = value;
        size++;
        return null;
    }

    @Override
    public Object remove(Object name) {
        int i = indexOf(name);
        if (i < 0) {
            return null;
        }
        Object old = values[i];
        values[i] = ABSENT;
        size--;
        return old;
    }

    @Override
    public void clear() {
        Arrays.fill(values, 0, length, ABSENT);
        size = 0;
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public Set<Entry<String, Object>> entrySet() {
        return new AbstractSet<>() {
            @Override
            public int size() {
                return size;
            }

            @Override
            public Iterator<Entry<String, Object>> iterator() {
                return new Entries();
            }
        };
    }

    private final class Entries implements Iterator<Entry<String, Object>> {
        private int next = skip(0);
        private int last = -1;

        private int skip(int from) {
            int i = from;
            while (i < length && values[i] == ABSENT) {
                i++;
            }
            return i;
        }

        @Override
        public boolean hasNext() {
            return next < length;
        }

        @Override
        public Entry<String, Object> next() {
            if (next >= length) {
                throw new NoSuchElementException();
            }
            last = next;
            next = skip(next + 1);
            int i = last;
            return new SimpleEntry<>(names[i], values[i]) {
                @Override
                public Object setValue(Object value) {
                    values[i] = value;
                    return super.setValue(value);
                }
            };
        }

        @Override
        public void remove() {
            if (last < 0 || values[last] == ABSENT) {
                throw new IllegalStateException();
            }
            values[last] = ABSENT;
            size--;
        }
    }
}
