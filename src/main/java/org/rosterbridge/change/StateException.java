package org.rosterbridge.change;

/**
 * The committed state cannot be read or written: a corrupt or truncated file, a missing snapshot, a disk error. The
 * message names the school and the file. Nothing is committed by the operation that throws it, so the next run
 * delivers the same changes again; a corrupt file needs an operator (restore it, or remove the school's state
 * folder to start that school over with a full delivery).
 */
public final class StateException extends RuntimeException {
    public StateException(String message) {
        super(message);
    }

    public StateException(String message, Throwable cause) {
        super(message, cause);
    }
}
