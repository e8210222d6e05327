package io.consentledger.api;

/** The ways a change can reach the ledger; recorded in every event's metadata. */
public enum Channel {
    API("api"),
    UI("ui"),
    SELF_SERVICE("self-service"),
    IMPORT("import"),
    SYSTEM("system");

    private final String code;

    Channel(String code) {
        this.code = code;
    }

    /** The lower-case code stored in event metadata. */
    public String code() {
        return code;
    }
}
