package io.consentledger.query.catalog;

import static io.consentledger.query.Rows.instant;

import io.consentledger.api.consent.LegalBasis;
import io.consentledger.api.consent.LegalBasisTerms;
import java.time.Instant;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The names of the six legal bases as the catalog projection holds them: an admin's name, else the standard one. */
final class LegalBasisNames {

    private LegalBasisNames() {}

    /** Every legal basis in the order of Art. 6(1), with its current name. */
    static List<LegalBasisTerms> read(JdbcClient jdbc) {
        record Named(String name, Instant at) {}
        Map<LegalBasis, Named> named = new EnumMap<>(LegalBasis.class);
        jdbc.sql("SELECT legal_basis, name, named_at FROM legal_basis_view").query(rs -> {
            named.put(
                    LegalBasis.valueOf(rs.getString("legal_basis")),
                    new Named(rs.getString("name"), instant(rs, "named_at")));
        });
        return Arrays.stream(LegalBasis.values())
                .map(basis -> {
                    Named name = named.get(basis);
                    return new LegalBasisTerms(
                            basis,
                            name == null ? basis.displayName() : name.name(),
                            basis.displayName(),
                            basis.article(),
                            name == null ? null : name.at());
                })
                .toList();
    }
}
