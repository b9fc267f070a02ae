package org.rosterbridge.sink.kafka;

/** Kafka did not answer in time or refused: the delivery failed, and a later run can try again. */
public final class KafkaUnavailableException extends RuntimeException {
    public KafkaUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
