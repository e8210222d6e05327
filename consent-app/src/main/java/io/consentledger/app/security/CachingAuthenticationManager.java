package io.consentledger.app.security;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;

/**
 * Remembers successful HTTP Basic logins so that a service account's password hash (bcrypt: tens of milliseconds of
 * CPU) is checked once per process, not on every request. It keeps only an HMAC of the password under a key that
 * lives and dies with the process; failed logins are never cached. Users come from configuration, so a login that
 * succeeded stays valid until restart.
 */
class CachingAuthenticationManager implements AuthenticationManager {

    private static final int MAX_ENTRIES = 10_000;

    private final AuthenticationManager delegate;
    private final Map<String, Authentication> successes = new ConcurrentHashMap<>();
    /** One MAC per thread, keyed once: looking the algorithm up and keying it again cost more than the HMAC. */
    private final ThreadLocal<Mac> macs;

    CachingAuthenticationManager(AuthenticationManager delegate) {
        this.delegate = delegate;
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        SecretKeySpec key = new SecretKeySpec(secret, "HmacSHA256");
        this.macs = ThreadLocal.withInitial(() -> keyed(key));
    }

    @Override
    public Authentication authenticate(Authentication authentication) throws AuthenticationException {
        if (!(authentication instanceof UsernamePasswordAuthenticationToken)
                || !(authentication.getCredentials() instanceof String password)) {
            return delegate.authenticate(authentication);
        }
        String cacheKey = authentication.getName() + '\n' + hmac(password);
        Authentication known = successes.get(cacheKey);
        if (known != null) {
            return known;
        }
        Authentication result = delegate.authenticate(authentication);
        if (successes.size() < MAX_ENTRIES) {
            successes.put(cacheKey, result);
        }
        return result;
    }

    private String hmac(String password) {
        // doFinal leaves the MAC ready for the next message under the same key.
        return HexFormat.of().formatHex(macs.get().doFinal(password.getBytes(StandardCharsets.UTF_8)));
    }

    private static Mac keyed(SecretKeySpec key) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return mac;
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("Every Java platform supports HmacSHA256", e);
        }
    }
}
