package org.rosterbridge.config;

/** A setting is missing or wrong. The message names the key and the environment variable that sets it. */
public final class ConfigurationException extends RuntimeException {
    private final String key;

    public ConfigurationException(String key, String problem) {
        super(key + " (" + Settings.envName(key) + ") " + problem);
        this.key = key;
    }

    public String key() {
        return key;
    }
}
