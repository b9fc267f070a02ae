package org.rosterbridge.embedded;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.spec.ECGenParameterSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.file.virtualfs.VirtualFileSystemFactory;
import org.apache.sshd.common.config.keys.writer.openssh.OpenSSHKeyPairResourceWriter;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.keyprovider.SimpleGeneratorHostKeyProvider;
import org.apache.sshd.server.session.ServerSession;
import org.apache.sshd.sftp.server.FileHandle;
import org.apache.sshd.sftp.server.SftpEventListener;
import org.apache.sshd.sftp.server.SftpSubsystemFactory;
import org.rosterbridge.model.Secret;

/**
 * A real SFTP server in this JVM (Apache MINA SSHD) for the demo and the tests: loopback only, a generated host key,
 * password and/or public-key login for one user, files served from one folder, and a known_hosts file its clients
 * verify the host key against.
 */
public final class EmbeddedSftp implements AutoCloseable {
    public static final String HOST = "127.0.0.1";

    private final SshServer server;
    private final Path root;
    private final Path knownHostsFile;
    private final PublicKey hostKey;
    private final AtomicBoolean failWrites;

    private EmbeddedSftp(SshServer server, Path root, Path knownHostsFile, PublicKey hostKey,
                         AtomicBoolean failWrites) {
        this.server = server;
        this.root = root;
        this.knownHostsFile = knownHostsFile;
        this.hostKey = hostKey;
        this.failWrites = failWrites;
    }

    /** A server serving {@code root}; the host key and known_hosts file go in {@code stateDir}. */
    public static Builder builder(Path root, Path stateDir) {
        return new Builder(root, stateDir);
    }

    public int port() {
        return server.getPort();
    }

    public String host() {
        return HOST;
    }

    /** The folder the server's {@code /} is. */
    public Path root() {
        return root;
    }

    /** A known_hosts file with this server's host key: {@code [127.0.0.1]:PORT ecdsa-sha2-nistp256 AAAA...}. */
    public Path knownHostsFile() {
        return knownHostsFile;
    }

    public PublicKey hostKey() {
        return hostKey;
    }

    /**
     * A fault switch: while on, every write to an open file fails, as an upload does when the connection or the
     * disk goes mid-file. Opening, listing, renaming and deleting still work.
     */
    public void failWrites(boolean on) {
        failWrites.set(on);
    }

    @Override
    public void close() {
        try {
            server.stop(true);
        } catch (IOException e) {
            throw new UncheckedIOException("SFTP server did not stop", e);
        }
    }

    /**
     * Writes a new EC P-256 key pair for a client: the private key in OpenSSH format at {@code privateKeyFile}
     * (which an SFTP client reads) and returns the public half, to authorise on the server.
     */
    public static PublicKey writeClientKey(Path privateKeyFile) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            KeyPair pair = generator.generateKeyPair();
            Files.createDirectories(privateKeyFile.toAbsolutePath().getParent());
            try (OutputStream out = Files.newOutputStream(privateKeyFile)) {
                OpenSSHKeyPairResourceWriter.INSTANCE.writePrivateKey(pair, "rosterbridge", null, out);
            }
            return pair.getPublic();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + privateKeyFile, e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK cannot make an EC key", e);
        }
    }

    /** How to start one: the user, at least one way for it to log in, and optionally a fixed port. */
    public static final class Builder {
        private final Path root;
        private final Path stateDir;
        private String username = "rosterbridge";
        private Secret password;
        private final List<PublicKey> authorizedKeys = new ArrayList<>();
        private int port;

        private Builder(Path root, Path stateDir) {
            this.root = root;
            this.stateDir = stateDir;
        }

        public Builder username(String value) {
            this.username = value;
            return this;
        }

        public Builder password(Secret value) {
            this.password = value;
            return this;
        }

        public Builder authorizedKey(PublicKey key) {
            authorizedKeys.add(key);
            return this;
        }

        /** A fixed port (0, the default, picks a free one): a restarted server keeps its clients' settings. */
        public Builder port(int value) {
            this.port = value;
            return this;
        }

        /** Starts it. The host key is kept in the state folder, so a restart presents the same key. */
        public EmbeddedSftp start() {
            if (password == null && authorizedKeys.isEmpty()) {
                throw new IllegalStateException("an SFTP user needs a password or an authorized key");
            }
            try {
                Files.createDirectories(root);
                Files.createDirectories(stateDir);
                SshServer server = SshServer.setUpDefaultServer();
                server.setHost(HOST);
                server.setPort(port);
                SimpleGeneratorHostKeyProvider keys = new SimpleGeneratorHostKeyProvider(stateDir.resolve("host_key"));
                keys.setAlgorithm(KeyUtils.EC_ALGORITHM);
                keys.setKeySize(256);
                server.setKeyPairProvider(keys);
                if (password != null) {
                    String user = username;
                    Secret expected = password;
                    server.setPasswordAuthenticator((u, p, session) -> user.equals(u) && expected.equals(Secret.of(p)));
                }
                if (!authorizedKeys.isEmpty()) {
                    String user = username;
                    List<PublicKey> allowed = List.copyOf(authorizedKeys);
                    server.setPublickeyAuthenticator((u, key, session) -> user.equals(u)
                            && allowed.stream().anyMatch(k -> KeyUtils.compareKeys(k, key)));
                }
                server.setKeyboardInteractiveAuthenticator(null);
                AtomicBoolean failWrites = new AtomicBoolean();
                SftpSubsystemFactory sftp = new SftpSubsystemFactory.Builder().build();
                sftp.addSftpEventListener(new SftpEventListener() {
                    @Override
                    public void writing(ServerSession session, String remoteHandle, FileHandle localHandle,
                                        long offset, byte[] data, int dataOffset, int dataLen) throws IOException {
                        if (failWrites.get()) {
                            throw new IOException("write refused (fault switch)");
                        }
                    }
                });
                server.setSubsystemFactories(List.of(sftp));
                server.setFileSystemFactory(new VirtualFileSystemFactory(root.toAbsolutePath()));
                server.start();
                PublicKey hostKey = keys.loadKeys(null).get(0).getPublic();
                Path knownHosts = stateDir.resolve("known_hosts");
                Files.writeString(knownHosts, "[" + HOST + "]:" + server.getPort() + " "
                        + PublicKeyEntry.toString(hostKey) + "\n", StandardCharsets.US_ASCII);
                return new EmbeddedSftp(server, root, knownHosts, hostKey, failWrites);
            } catch (IOException e) {
                throw new UncheckedIOException("SFTP server did not start", e);
            }
        }
    }
}
