package io.consentledger.command.profile;

/** A genuine profile or confirmation link whose time is up. */
public class ExpiredProfileLink extends RuntimeException {

    public ExpiredProfileLink() {
        super("This profile link has expired", null, false, false);
    }
}
