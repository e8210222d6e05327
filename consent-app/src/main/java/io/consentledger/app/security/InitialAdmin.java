package io.consentledger.app.security;

import io.consentledger.command.InstallationSecrets;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Properties;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * The user a fresh installation starts with when no users are configured: {@code admin} with a random password,
 * printed once by the node that made it and kept, hashed, in the database, so that every node sharing it knows the
 * same admin.
 */
final class InitialAdmin {

    private static final Logger log = LoggerFactory.getLogger(InitialAdmin.class);
    static final String USERNAME = "admin";
    /** The name of the password hash in the installation's secrets. */
    static final String SECRET_NAME = "initial-admin-password";
    /** Where versions before the admin moved to the database kept it. */
    static final String FORMER_FILE_NAME = "initial-admin.properties";

    private InitialAdmin() {}

    static SecuritySettings.User load(InstallationSecrets secrets, Path dataDir, PasswordEncoder encoder) {
        String[] madePassword = new String[1];
        InstallationSecrets.Kept kept = secrets.keep(SECRET_NAME, () -> {
            Path former = dataDir.resolve(FORMER_FILE_NAME);
            if (Files.exists(former)) {
                log.info(
                        "Keeping the initial user '{}' of {} in the database; the file is no longer read",
                        USERNAME,
                        former);
                return formerHash(former);
            }
            byte[] random = new byte[18];
            new SecureRandom().nextBytes(random);
            madePassword[0] = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
            return encoder.encode(madePassword[0]);
        });
        if (kept.made() && madePassword[0] != null) {
            log.warn(
                    "No users configured. Created user '{}' with password '{}' (shown only now, kept hashed in the"
                            + " database for every node). Configure users under consent.security.users; see README.",
                    USERNAME,
                    madePassword[0]);
        } else {
            log.info("No users configured; using the initial user '{}' kept in the database", USERNAME);
        }
        return new SecuritySettings.User(USERNAME, kept.value(), Set.of(Role.ADMIN, Role.INTEGRATOR, Role.AUDITOR));
    }

    private static String formerHash(Path file) {
        Properties properties = new Properties();
        try (InputStream in = Files.newInputStream(file)) {
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the former initial user in " + file, e);
        }
        String hash = properties.getProperty("password");
        if (hash == null || hash.isBlank()) {
            throw new IllegalStateException(file + " holds no password hash; delete it to make a new initial user");
        }
        return hash;
    }
}
