package org.rosterbridge.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.rosterbridge.model.Secret;

/**
 * Typed reads of configuration keys. Every feature's settings record reads its keys through this, so a bad value
 * fails at startup with the key's name (and the environment variable that sets it) in the message.
 */
public final class Settings {
    private final Function<String, Optional<String>> source;

    public Settings(Function<String, Optional<String>> source) {
        this.source = source;
    }

    /** Settings over a fixed map (tests, and tools that run without a Camel context). */
    public static Settings of(Map<String, String> values) {
        return new Settings(k -> Optional.ofNullable(values.get(k)));
    }

    /**
     * Settings as the gateway would see them, for commands that need no Camel context ({@code approve},
     * {@code validate}): the overrides, then the environment variable of each key, then
     * {@code application.properties} from the classpath.
     */
    public static Settings standalone(Map<String, String> overrides) {
        java.util.Properties file = new java.util.Properties();
        try (var in = Settings.class.getClassLoader().getResourceAsStream("application.properties")) {
            if (in != null) {
                file.load(new java.io.InputStreamReader(in, java.nio.charset.StandardCharsets.UTF_8));
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("application.properties cannot be read", e);
        }
        return new Settings(key -> {
            if (overrides.containsKey(key)) {
                return Optional.ofNullable(overrides.get(key));
            }
            String env = System.getenv(envName(key));
            if (env != null) {
                return Optional.of(env);
            }
            return Optional.ofNullable(file.getProperty(key));
        });
    }

    /** The environment variable that overrides a key, by Camel's rule: upper case, '.' and '-' become '_'. */
    public static String envName(String key) {
        return key.toUpperCase(java.util.Locale.ROOT).replace('.', '_').replace('-', '_');
    }

    public Optional<String> get(String key) {
        return source.apply(key).map(String::trim).filter(s -> !s.isEmpty());
    }

    public String string(String key, String defaultValue) {
        return get(key).orElse(defaultValue);
    }

    public String required(String key) {
        return get(key).orElseThrow(() -> new ConfigurationException(key, "is required but not set"));
    }

    public Optional<Secret> secret(String key) {
        return source.apply(key).filter(s -> !s.isEmpty()).map(Secret::of);
    }

    public int integer(String key, int defaultValue, int min, int max) {
        Optional<String> v = get(key);
        if (v.isEmpty()) {
            return defaultValue;
        }
        int n;
        try {
            n = Integer.parseInt(v.get());
        } catch (NumberFormatException e) {
            throw new ConfigurationException(key, "must be a whole number, not '" + v.get() + "'");
        }
        if (n < min || n > max) {
            throw new ConfigurationException(key, "must be between " + min + " and " + max + ", not " + n);
        }
        return n;
    }

    public double decimal(String key, double defaultValue, double min, double max) {
        Optional<String> v = get(key);
        if (v.isEmpty()) {
            return defaultValue;
        }
        double d;
        try {
            d = Double.parseDouble(v.get());
        } catch (NumberFormatException e) {
            throw new ConfigurationException(key, "must be a number, not '" + v.get() + "'");
        }
        if (d < min || d > max) {
            throw new ConfigurationException(key, "must be between " + min + " and " + max + ", not " + d);
        }
        return d;
    }

    public boolean bool(String key, boolean defaultValue) {
        Optional<String> v = get(key);
        if (v.isEmpty()) {
            return defaultValue;
        }
        return switch (v.get().toLowerCase(java.util.Locale.ROOT)) {
            case "true", "yes", "on" -> true;
            case "false", "no", "off" -> false;
            default -> throw new ConfigurationException(key, "must be true or false, not '" + v.get() + "'");
        };
    }

    /** A duration as ISO-8601 ({@code PT30S}) or a number with a unit: {@code 250ms}, {@code 30s}, {@code 5m}, {@code 1h}. */
    public Duration duration(String key, Duration defaultValue) {
        Optional<String> v = get(key);
        if (v.isEmpty()) {
            return defaultValue;
        }
        try {
            return parseDuration(v.get());
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException(key, "must be a duration such as 500ms, 30s, 5m or PT1H, not '" + v.get() + "'");
        }
    }

    public Path path(String key, String defaultValue) {
        return Path.of(string(key, defaultValue));
    }

    public <E extends Enum<E>> E choice(String key, Class<E> type, E defaultValue) {
        Optional<String> v = get(key);
        if (v.isEmpty()) {
            return defaultValue;
        }
        for (E e : type.getEnumConstants()) {
            if (e.name().equalsIgnoreCase(v.get().replace('-', '_'))) {
                return e;
            }
        }
        throw new ConfigurationException(key, "must be one of " + java.util.Arrays.stream(type.getEnumConstants())
                .map(e -> e.name().toLowerCase(java.util.Locale.ROOT)).toList() + ", not '" + v.get() + "'");
    }

    static Duration parseDuration(String text) {
        String t = text.trim().toLowerCase(java.util.Locale.ROOT);
        if (t.startsWith("p")) {
            return Duration.parse(text.trim().toUpperCase(java.util.Locale.ROOT));
        }
        int split = 0;
        while (split < t.length() && (Character.isDigit(t.charAt(split)) || t.charAt(split) == '.')) {
            split++;
        }
        if (split == 0) {
            throw new IllegalArgumentException(text);
        }
        double amount = Double.parseDouble(t.substring(0, split));
        String unit = t.substring(split).trim();
        double millis = switch (unit) {
            case "ms" -> amount;
            case "", "s" -> amount * 1000;
            case "m", "min" -> amount * 60_000;
            case "h" -> amount * 3_600_000;
            default -> throw new IllegalArgumentException(text);
        };
        return Duration.ofMillis(Math.round(millis));
    }
}
