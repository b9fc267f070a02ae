package org.rosterbridge.sink.csv;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.rosterbridge.config.ConfigurationException;
import org.rosterbridge.config.Settings;
import org.rosterbridge.model.Secret;

/**
 * Where CSV bundles are uploaded ({@code sftp.*}); absent when {@code sftp.host} is not set. The host key is always
 * verified against {@code sftp.known-hosts-file}: there is no setting that trusts an unknown or changed key.
 *
 * @param host           {@code sftp.host}
 * @param port           {@code sftp.port}, default 22
 * @param username       {@code sftp.username}
 * @param privateKeyFile {@code sftp.private-key-file}: an OpenSSH or PEM private key (preferred to a password)
 * @param password       {@code sftp.password}, when no key is given (or as well as one)
 * @param knownHostsFile {@code sftp.known-hosts-file}: OpenSSH known_hosts lines for the server
 *                       ({@code ssh-keyscan -p PORT HOST} prints them; check the fingerprint with the server's owner)
 * @param directory      {@code sftp.directory}: the remote folder, relative to the login folder (Camel's sftp
 *                       component writes no absolute paths); each school gets a folder in it
 * @param connectTimeoutMillis {@code sftp.connect-timeout-millis}: how long a connection may take, default 10000
 */
public record SftpSettings(String host, int port, String username, Optional<Path> privateKeyFile,
                           Optional<Secret> password, Path knownHostsFile, String directory,
                           int connectTimeoutMillis) {

    /** The SFTP destination, or empty when {@code sftp.host} is not set (bundles then go to the output folder). */
    public static Optional<SftpSettings> from(Settings s) {
        Optional<String> host = s.get("sftp.host");
        if (host.isEmpty()) {
            return Optional.empty();
        }
        int port = s.integer("sftp.port", 22, 1, 65_535);
        String username = s.required("sftp.username");
        Optional<Path> key = s.get("sftp.private-key-file").map(Path::of);
        Optional<Secret> password = s.secret("sftp.password");
        if (key.isEmpty() && password.isEmpty()) {
            throw new ConfigurationException("sftp.private-key-file", "or sftp.password (SFTP_PASSWORD) is required "
                    + "to log in to " + host.get());
        }
        if (key.isPresent() && !Files.isReadable(key.get())) {
            throw new ConfigurationException("sftp.private-key-file", "names " + key.get() + ", which cannot be read");
        }
        Path knownHosts = s.get("sftp.known-hosts-file").map(Path::of).orElseThrow(() -> new ConfigurationException(
                "sftp.known-hosts-file", "is required: the server's host key is always verified (get the line with "
                + "ssh-keyscan -p " + port + " " + host.get() + " and check its fingerprint)"));
        if (!Files.isReadable(knownHosts)) {
            throw new ConfigurationException("sftp.known-hosts-file", "names " + knownHosts + ", which does not "
                    + "exist or cannot be read: the server's host key is always verified");
        }
        String directory = s.string("sftp.directory", "");
        if (directory.startsWith("/")) {
            throw new ConfigurationException("sftp.directory", "is relative to the SFTP login folder: Camel's sftp "
                    + "component would silently drop the leading '/' of '" + directory + "'");
        }
        if (directory.contains("..") || directory.contains("?") || directory.contains("{")) {
            throw new ConfigurationException("sftp.directory", "must be a plain folder path, not '" + directory + "'");
        }
        int connectTimeout = s.integer("sftp.connect-timeout-millis", 10_000, 100, 600_000);
        return Optional.of(new SftpSettings(host.get(), port, username, key, password, knownHosts, directory,
                connectTimeout));
    }
}
