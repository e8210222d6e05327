package io.consentledger.query.catalog;

import static io.consentledger.query.Rows.instant;
import static io.consentledger.query.Rows.utc;

import io.consentledger.api.consent.FindLegalBases;
import io.consentledger.api.consent.LegalBasis;
import io.consentledger.api.consent.LegalBasisNamed;
import io.consentledger.api.consent.LegalBasisTerms;
import io.consentledger.api.purpose.FindPurposeVersions;
import io.consentledger.api.purpose.FindPurposes;
import io.consentledger.api.purpose.PurposeDefined;
import io.consentledger.api.purpose.PurposeRetired;
import io.consentledger.api.purpose.PurposeRevised;
import io.consentledger.api.purpose.PurposeTerms;
import io.consentledger.api.purpose.PurposeVersion;
import io.consentledger.api.purpose.PurposeView;
import io.consentledger.api.source.BuiltInSources;
import io.consentledger.api.source.FindSources;
import io.consentledger.api.source.SourceDefined;
import io.consentledger.api.source.SourceRetired;
import io.consentledger.api.source.SourceView;
import io.consentledger.query.EventSavepoints;
import io.consentledger.query.projection.ReadModels;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.Period;
import java.util.ArrayList;
import java.util.List;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.interceptors.MessageHandlerInterceptor;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Purposes (current terms and every version), sources and the names of the legal bases, for admins, integrators and the other read models. */
@Component
@ProcessingGroup(ReadModels.CATALOG)
class CatalogProjection {

    private static final String TERMS_COLUMNS = "name, description, consent_text, privacy_notice_url,"
            + " requires_consent, double_opt_in, send_confirmation, default_legal_basis, retention";

    private final JdbcClient jdbc;
    private final EventSavepoints savepoints;

    CatalogProjection(JdbcClient jdbc, EventSavepoints savepoints) {
        this.jdbc = jdbc;
        this.savepoints = savepoints;
    }

    /** An event that fails undoes only its own changes and is dead-lettered (see {@link EventSavepoints}). */
    @MessageHandlerInterceptor(messageType = EventMessage.class)
    void isolated(EventMessage<?> event, InterceptorChain chain) {
        savepoints.proceed(ReadModels.CATALOG, event, chain);
    }

    @EventHandler
    void on(PurposeDefined event, @Timestamp Instant at) {
        jdbc.sql("INSERT INTO purpose_view (purpose_id, version, " + TERMS_COLUMNS
                        + ", active, defined_at, changed_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, TRUE, ?, ?)")
                .params(row(event.purposeId(), event.version(), event.terms(), at, at))
                .update();
        insertVersion(event.purposeId(), event.version(), event.terms(), at);
    }

    @EventHandler
    void on(PurposeRevised event, @Timestamp Instant at) {
        jdbc.sql("UPDATE purpose_view SET version = ?, name = ?, description = ?, consent_text = ?,"
                        + " privacy_notice_url = ?, requires_consent = ?, double_opt_in = ?, send_confirmation = ?,"
                        + " default_legal_basis = ?, retention = ?, changed_at = ? WHERE purpose_id = ?")
                .params(
                        event.version(),
                        event.terms().name(),
                        event.terms().description(),
                        event.terms().consentText(),
                        event.terms().privacyNoticeUrl(),
                        event.terms().requiresConsent(),
                        event.terms().doubleOptIn(),
                        event.terms().sendConfirmation(),
                        basisCode(event.terms().defaultLegalBasis()),
                        periodCode(event.terms().retention()),
                        utc(at),
                        event.purposeId())
                .update();
        insertVersion(event.purposeId(), event.version(), event.terms(), at);
    }

    @EventHandler
    void on(PurposeRetired event, @Timestamp Instant at) {
        jdbc.sql("UPDATE purpose_view SET active = FALSE, changed_at = ? WHERE purpose_id = ?")
                .params(utc(at), event.purposeId())
                .update();
    }

    @EventHandler
    void on(SourceDefined event, @Timestamp Instant at) {
        jdbc.sql("INSERT INTO source_view (source_id, name, description, send_confirmation, confirmation_template,"
                        + " active, defined_at) VALUES (?, ?, ?, ?, ?, TRUE, ?)")
                .params(
                        event.sourceId(),
                        event.name(),
                        event.description(),
                        event.sendsConfirmation(),
                        event.confirmationTemplate(),
                        utc(at))
                .update();
    }

    /** A built-in source stays active: a retirement recorded before they were protected has no effect. */
    @EventHandler
    void on(SourceRetired event) {
        if (BuiltInSources.isBuiltIn(event.sourceId())) {
            return;
        }
        jdbc.sql("UPDATE source_view SET active = FALSE WHERE source_id = ?")
                .param(event.sourceId())
                .update();
    }

    @EventHandler
    void on(LegalBasisNamed event, @Timestamp Instant at) {
        jdbc.sql("DELETE FROM legal_basis_view WHERE legal_basis = ?")
                .param(event.legalBasis().name())
                .update();
        jdbc.sql("INSERT INTO legal_basis_view (legal_basis, name, named_at) VALUES (?, ?, ?)")
                .params(event.legalBasis().name(), event.name(), utc(at))
                .update();
    }

    @ResetHandler
    void reset() {
        jdbc.sql("DELETE FROM legal_basis_view").update();
        jdbc.sql("DELETE FROM purpose_version_view").update();
        jdbc.sql("DELETE FROM purpose_view").update();
        jdbc.sql("DELETE FROM source_view").update();
    }

    @QueryHandler
    List<PurposeView> handle(FindPurposes query) {
        return jdbc.sql("SELECT purpose_id, version, " + TERMS_COLUMNS + ", active, defined_at, changed_at"
                        + " FROM purpose_view WHERE active OR ? ORDER BY purpose_id")
                .param(query.includeRetired())
                .query(CatalogProjection::purposeView)
                .list();
    }

    @QueryHandler
    List<PurposeVersion> handle(FindPurposeVersions query) {
        return jdbc.sql("SELECT purpose_id, version, " + TERMS_COLUMNS + ", valid_from FROM purpose_version_view"
                        + " WHERE purpose_id = ? ORDER BY version")
                .param(query.purposeId())
                .query((rs, row) -> new PurposeVersion(
                        rs.getString("purpose_id"), rs.getInt("version"), terms(rs), instant(rs, "valid_from")))
                .list();
    }

    @QueryHandler
    List<LegalBasisTerms> handle(FindLegalBases query) {
        return LegalBasisNames.read(jdbc);
    }

    @QueryHandler
    List<SourceView> handle(FindSources query) {
        return jdbc.sql("SELECT source_id, name, description, send_confirmation, confirmation_template, active,"
                        + " defined_at FROM source_view WHERE active OR ? ORDER BY source_id")
                .param(query.includeRetired())
                .query((rs, row) -> new SourceView(
                        rs.getString("source_id"),
                        rs.getString("name"),
                        rs.getString("description"),
                        rs.getBoolean("send_confirmation"),
                        rs.getString("confirmation_template"),
                        rs.getBoolean("active"),
                        instant(rs, "defined_at"),
                        BuiltInSources.isBuiltIn(rs.getString("source_id"))))
                .list();
    }

    private void insertVersion(String purposeId, int version, PurposeTerms terms, Instant at) {
        jdbc.sql("INSERT INTO purpose_version_view (purpose_id, version, " + TERMS_COLUMNS
                        + ", valid_from) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(row(purposeId, version, terms, at))
                .update();
    }

    /** The id, version and terms of a purpose, followed by the given times, as statement parameters. */
    private static Object[] row(String purposeId, int version, PurposeTerms terms, Instant... times) {
        List<Object> params = new ArrayList<>();
        params.add(purposeId);
        params.add(version);
        params.add(terms.name());
        params.add(terms.description());
        params.add(terms.consentText());
        params.add(terms.privacyNoticeUrl());
        params.add(terms.requiresConsent());
        params.add(terms.doubleOptIn());
        params.add(terms.sendConfirmation());
        params.add(basisCode(terms.defaultLegalBasis()));
        params.add(periodCode(terms.retention()));
        for (Instant time : times) {
            params.add(utc(time));
        }
        return params.toArray();
    }

    private static PurposeTerms terms(ResultSet rs) throws SQLException {
        String basis = rs.getString("default_legal_basis");
        String retention = rs.getString("retention");
        return new PurposeTerms(
                rs.getString("name"),
                rs.getString("description"),
                rs.getString("consent_text"),
                rs.getString("privacy_notice_url"),
                rs.getBoolean("requires_consent"),
                rs.getBoolean("double_opt_in"),
                rs.getBoolean("send_confirmation"),
                basis == null ? null : LegalBasis.valueOf(basis),
                retention == null ? null : Period.parse(retention));
    }

    private static PurposeView purposeView(ResultSet rs, int row) throws SQLException {
        PurposeTerms terms = terms(rs);
        return new PurposeView(
                rs.getString("purpose_id"),
                rs.getInt("version"),
                terms.name(),
                terms.description(),
                terms.consentText(),
                terms.privacyNoticeUrl(),
                terms.requiresConsent(),
                terms.doubleOptIn(),
                terms.sendConfirmation(),
                terms.defaultLegalBasis(),
                terms.retention(),
                rs.getBoolean("active"),
                instant(rs, "defined_at"),
                instant(rs, "changed_at"));
    }

    private static String basisCode(LegalBasis basis) {
        return basis == null ? null : basis.name();
    }

    private static String periodCode(Period period) {
        return period == null ? null : period.toString();
    }
}
