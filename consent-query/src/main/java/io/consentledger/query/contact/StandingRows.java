package io.consentledger.query.contact;

import static io.consentledger.query.Rows.instant;

import io.consentledger.api.consent.LegalBasis;
import io.consentledger.api.consent.StandingStatus;
import java.sql.ResultSet;
import java.sql.SQLException;

/** How a {@link Standing} is kept in the legal-basis read model's {@code contact_basis} table (aliased {@code b}). */
final class StandingRows {

    /** The columns {@link #read} needs. */
    static final String COLUMNS = "b.legal_basis, b.status, b.purpose_version, b.since, b.source_id,"
            + " b.recorded_by, b.valid_until, b.confirmation_id, b.lapses_at";

    private StandingRows() {}

    /** The standing in the current row; {@link Standing#NOT_RECORDED} where the row has none (an outer join). */
    static Standing read(ResultSet rs) throws SQLException {
        String basis = rs.getString("legal_basis");
        if (basis == null) {
            return Standing.NOT_RECORDED;
        }
        return new Standing(
                LegalBasis.valueOf(basis),
                StandingStatus.valueOf(rs.getString("status")),
                rs.getInt("purpose_version"),
                instant(rs, "since"),
                rs.getString("source_id"),
                rs.getString("recorded_by"),
                instant(rs, "valid_until"),
                rs.getString("confirmation_id"),
                instant(rs, "lapses_at"));
    }
}
