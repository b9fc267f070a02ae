package org.rosterbridge.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.rosterbridge.model.School;
import org.rosterbridge.model.Secret;

/**
 * The schools to sync: the single-school shorthand ({@code xporter.rp}, {@code xporter.estab},
 * {@code xporter.secret}) and/or a schools file ({@code xporter.schools-file}), whose secrets come from an
 * environment variable ({@code secretEnv}), a file ({@code secretFile}, as container secrets are mounted) or, for
 * tests only, inline ({@code secret}). Errors name the school and the field, never a secret's value.
 */
public final class SchoolsConfig {
    private static final Pattern ESTAB = Pattern.compile("\\d{7}");

    private SchoolsConfig() {
    }

    public static List<School> load(Settings settings) {
        return load(settings, System::getenv);
    }

    static List<School> load(Settings settings, Function<String, String> env) {
        Map<String, School> schools = new LinkedHashMap<>();
        Optional<String> file = settings.get("xporter.schools-file");
        if (file.isPresent()) {
            for (School s : fromFile(Path.of(file.get()), settings.get("xporter.rp").orElse(null), env)) {
                if (schools.putIfAbsent(s.estab(), s) != null) {
                    throw new ConfigurationException("xporter.schools-file", "lists estab " + s.estab() + " twice");
                }
            }
        }
        Optional<String> estab = settings.get("xporter.estab");
        if (estab.isPresent()) {
            checkEstab("xporter.estab", estab.get());
            Secret secret = settings.secret("xporter.secret").orElseThrow(() ->
                    new ConfigurationException("xporter.secret", "is required for estab " + estab.get()));
            School single = new School(estab.get(), settings.required("xporter.rp"),
                    settings.get("xporter.school-name").orElse(null), secret);
            schools.putIfAbsent(single.estab(), single);
        }
        return List.copyOf(schools.values());
    }

    /** The schools configured, or a clear error when there are none. */
    public static List<School> required(Settings settings) {
        List<School> schools = load(settings);
        if (schools.isEmpty()) {
            throw new ConfigurationException("xporter.estab", "is not set and no xporter.schools-file is given: "
                    + "configure XPORTER_RP, XPORTER_ESTAB and XPORTER_SECRET, or XPORTER_SCHOOLS_FILE");
        }
        return schools;
    }

    static List<School> fromFile(Path file, String defaultRp, Function<String, String> env) {
        String key = "xporter.schools-file";
        JsonNode root;
        try {
            root = new ObjectMapper(new YAMLFactory()).readTree(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new ConfigurationException(key, "cannot be read (" + file + "): " + e.getMessage());
        }
        JsonNode list = root == null ? null : root.get("schools");
        if (list == null || !list.isArray()) {
            throw new ConfigurationException(key, "must hold a 'schools:' list (" + file + ")");
        }
        List<School> out = new ArrayList<>();
        int i = 0;
        for (JsonNode n : list) {
            i++;
            String where = "school " + i + " of " + file;
            String estab = text(n, "estab");
            if (estab == null) {
                throw new ConfigurationException(key, where + " has no estab");
            }
            checkEstab(key, estab);
            where = "estab " + estab + " in " + file;
            String rp = Optional.ofNullable(text(n, "rp")).orElse(defaultRp);
            if (rp == null) {
                throw new ConfigurationException(key, where + " has no rp (and xporter.rp is not set)");
            }
            out.add(new School(estab, rp, text(n, "name"), secret(n, where, key, env)));
        }
        return out;
    }

    private static Secret secret(JsonNode n, String where, String key, Function<String, String> env) {
        String fromEnv = text(n, "secretEnv");
        String fromFile = text(n, "secretFile");
        String inline = text(n, "secret");
        if (fromEnv != null) {
            String v = env.apply(fromEnv);
            if (v == null || v.isEmpty()) {
                throw new ConfigurationException(key, where + ": environment variable " + fromEnv + " is not set");
            }
            return Secret.of(v);
        }
        if (fromFile != null) {
            try {
                String v = Files.readString(Path.of(fromFile), StandardCharsets.UTF_8).strip();
                if (v.isEmpty()) {
                    throw new ConfigurationException(key, where + ": secret file " + fromFile + " is empty");
                }
                return Secret.of(v);
            } catch (IOException e) {
                throw new ConfigurationException(key, where + ": secret file " + fromFile + " cannot be read ("
                        + e.getClass().getSimpleName() + ")");
            }
        }
        if (inline != null) {
            return Secret.of(inline);
        }
        throw new ConfigurationException(key, where + " needs secretEnv, secretFile or secret");
    }

    private static void checkEstab(String key, String estab) {
        if (!ESTAB.matcher(estab).matches()) {
            throw new ConfigurationException(key, "estab '" + estab + "' is not a 7-digit establishment number "
                    + "(LA code and DfE number, such as 3281110)");
        }
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() || v.asText().isBlank() ? null : v.asText().trim();
    }
}
