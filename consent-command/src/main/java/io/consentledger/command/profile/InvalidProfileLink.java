package io.consentledger.command.profile;

/** A profile or confirmation link that was not made by this installation, or was altered. */
public class InvalidProfileLink extends RuntimeException {

    public InvalidProfileLink() {
        super("This profile link is not valid", null, false, false);
    }
}
