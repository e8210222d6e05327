package io.consentledger.command.catalog;

import io.consentledger.api.consent.LegalBasis;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The catalog read straight from the command side's lookup tables. */
@Component
class JdbcCatalog implements Catalog {

    private static final String PURPOSE_COLUMNS =
            "purpose_id, name, version, active, requires_consent, double_opt_in, send_confirmation, default_legal_basis";

    private static final String SOURCE_COLUMNS = "source_id, name, active, send_confirmation, confirmation_template";

    private final JdbcClient jdbc;

    JdbcCatalog(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Optional<PurposeRules> purpose(String purposeId) {
        return jdbc.sql("SELECT " + PURPOSE_COLUMNS + " FROM command_purpose WHERE purpose_id = ?")
                .param(purposeId)
                .query(JdbcCatalog::purposeRules)
                .optional();
    }

    @Override
    public Optional<SourceRules> source(String sourceId) {
        return jdbc.sql("SELECT " + SOURCE_COLUMNS + " FROM command_source WHERE source_id = ?")
                .param(sourceId)
                .query(JdbcCatalog::sourceRules)
                .optional();
    }

    @Override
    public List<PurposeRules> purposesWithDefaultLegalBasis() {
        return jdbc.sql("SELECT " + PURPOSE_COLUMNS
                        + " FROM command_purpose WHERE active AND default_legal_basis IS NOT NULL ORDER BY purpose_id")
                .query(JdbcCatalog::purposeRules)
                .list();
    }

    /** The number of changes made to the lookup tables so far. */
    long version() {
        return jdbc.sql("SELECT version FROM command_catalog_version WHERE id = 1")
                .query(Long.class)
                .single();
    }

    List<PurposeRules> allPurposes() {
        return jdbc.sql("SELECT " + PURPOSE_COLUMNS + " FROM command_purpose")
                .query(JdbcCatalog::purposeRules)
                .list();
    }

    List<SourceRules> allSources() {
        return jdbc.sql("SELECT " + SOURCE_COLUMNS + " FROM command_source")
                .query(JdbcCatalog::sourceRules)
                .list();
    }

    private static SourceRules sourceRules(ResultSet rs, int row) throws SQLException {
        return new SourceRules(
                rs.getString("source_id"),
                rs.getString("name"),
                rs.getBoolean("active"),
                rs.getBoolean("send_confirmation"),
                rs.getString("confirmation_template"));
    }

    private static PurposeRules purposeRules(ResultSet rs, int row) throws SQLException {
        String basis = rs.getString("default_legal_basis");
        return new PurposeRules(
                rs.getString("purpose_id"),
                rs.getString("name"),
                rs.getInt("version"),
                rs.getBoolean("active"),
                rs.getBoolean("requires_consent"),
                rs.getBoolean("double_opt_in"),
                rs.getBoolean("send_confirmation"),
                basis == null ? null : LegalBasis.valueOf(basis));
    }
}
