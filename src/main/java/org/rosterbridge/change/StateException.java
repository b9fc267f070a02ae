package org.rosterbridge.change;

/**
 * The committed state cannot be read or written: a corrupt or truncated file, a missing snapshot, a disk error. The
 * message names the school and the file. Nothing is committed by the operation that throws it, so the next run
 * delivers the same changes again. A corrupt file needs an operator: restore it, or remove the school's state
 * folder, after which its next run delivers every record as created (and sends no delete for a record that went
 * while the state was lost).
 */
public final class StateException extends RuntimeException {
    public StateException(String message) {
        super(message);
    }

    public StateException(String message, Throwable cause) {
        super(message, cause);
    }
}
