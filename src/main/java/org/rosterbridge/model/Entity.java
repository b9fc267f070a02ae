package org.rosterbridge.model;

import java.util.List;

/**
 * The kinds of record the gateway keeps: the six OneRoster collections Xporter serves, plus the joined roster rows
 * it derives from them.
 */
public enum Entity {
    ORGS("orgs"),
    ACADEMIC_SESSIONS("academicSessions"),
    COURSES("courses"),
    CLASSES("classes"),
    USERS("users"),
    ENROLLMENTS("enrollments"),
    /** Derived: enrollment x user x class. Never requested from Xporter. */
    ROSTERS("rosters");

    /** The collections requested from Xporter, in the order a run reports them. */
    public static final List<Entity> SOURCE =
            List.of(ORGS, ACADEMIC_SESSIONS, COURSES, CLASSES, USERS, ENROLLMENTS);

    private final String collection;

    Entity(String collection) {
        this.collection = collection;
    }

    /** The OneRoster name: the URL path segment, the JSON envelope key, the topic suffix and the CSV file stem. */
    public String collection() {
        return collection;
    }

    public boolean fromSource() {
        return this != ROSTERS;
    }

    public static Entity ofCollection(String name) {
        for (Entity e : values()) {
            if (e.collection.equals(name)) {
                return e;
            }
        }
        throw new IllegalArgumentException("Unknown OneRoster collection '" + name + "'");
    }

    @Override
    public String toString() {
        return collection;
    }
}
