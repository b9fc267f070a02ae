package org.rosterbridge.source;

/** A record in a page cannot be read in any shape the reader accepts. The page reader adds where it was. */
public final class MalformedRecordException extends RuntimeException {
    public MalformedRecordException(String message) {
        super(message);
    }
}
