package io.consentledger.api;

/** A command or query refused by a rule of the ledger; nothing was recorded. */
public abstract class Rejection extends RuntimeException {

    private final RejectionKind kind;
    private final String field;

    protected Rejection(RejectionKind kind, String detail) {
        this(kind, detail, null);
    }

    protected Rejection(RejectionKind kind, String detail, String field) {
        super(detail, null, false, false);
        this.kind = kind;
        this.field = field;
    }

    /** The kind of rejection, which decides the problem type and status. */
    public RejectionKind kind() {
        return kind;
    }

    /** The request field to blame, or {@code null} when the rejection is about state. */
    public String field() {
        return field;
    }

    /** This rejection as details that survive the trip across a distributed command bus. */
    public RejectionDetails details() {
        return new RejectionDetails(kind, getMessage(), field);
    }
}
