package io.consentledger.app.security;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Properties;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * The user a fresh installation starts with when no users are configured: {@code admin} with a random password,
 * printed once and kept, hashed, in the data directory.
 */
final class InitialAdmin {

    private static final Logger log = LoggerFactory.getLogger(InitialAdmin.class);
    static final String USERNAME = "admin";
    static final String FILE_NAME = "initial-admin.properties";

    private InitialAdmin() {}

    static SecuritySettings.User load(Path dataDir, PasswordEncoder encoder) {
        Path file = dataDir.resolve(FILE_NAME);
        try {
            if (Files.exists(file)) {
                Properties properties = new Properties();
                try (InputStream in = Files.newInputStream(file)) {
                    properties.load(in);
                }
                log.info("No users configured; using the initial user '{}' kept in {}", USERNAME, file);
                return user(properties.getProperty("password"));
            }
            byte[] random = new byte[18];
            new SecureRandom().nextBytes(random);
            String password = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
            String encoded = encoder.encode(password);
            Files.createDirectories(dataDir);
            Properties properties = new Properties();
            properties.setProperty("username", USERNAME);
            properties.setProperty("password", encoded);
            try (OutputStream out = Files.newOutputStream(file)) {
                properties.store(out, "Initial Consent Ledger user; delete this file after configuring users");
            }
            restrictToOwner(file);
            log.warn(
                    "No users configured. Created user '{}' with password '{}' (shown only now, kept hashed in {})."
                            + " Configure users under consent.security.users; see README.",
                    USERNAME,
                    password,
                    file);
            return user(encoded);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot keep the initial user in " + file, e);
        }
    }

    private static SecuritySettings.User user(String encodedPassword) {
        return new SecuritySettings.User(USERNAME, encodedPassword, Set.of(Role.ADMIN, Role.INTEGRATOR, Role.AUDITOR));
    }

    private static void restrictToOwner(Path file) throws IOException {
        if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        }
    }
}
