package io.consentledger.command.catalog;

import io.consentledger.api.purpose.PurposeDefined;
import io.consentledger.api.purpose.PurposeRetired;
import io.consentledger.api.purpose.PurposeRevised;
import io.consentledger.api.purpose.PurposeTerms;
import io.consentledger.api.source.BuiltInSources;
import io.consentledger.api.source.SourceDefined;
import io.consentledger.api.source.SourceRetired;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.interceptors.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Keeps the lookup tables of {@link JdbcCatalog} in step with purpose and source events. Its processing group is a
 * subscribing processor, so the tables change in the very transaction that stores the event, and a failure here fails
 * the command (nothing is stored).
 */
@Component
@ProcessingGroup(CatalogUpdater.PROCESSING_GROUP)
public class CatalogUpdater {

    public static final String PROCESSING_GROUP = "command-catalog";

    private final JdbcClient jdbc;

    CatalogUpdater(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Every handler changes the tables, so each bumps the catalog's version in the same transaction: every node's
     * {@link CachedCatalog} sees the change with the first command that begins after the commit.
     */
    @MessageHandlerInterceptor
    void bumpVersion(UnitOfWork<?> unitOfWork, InterceptorChain chain) throws Exception {
        chain.proceed();
        jdbc.sql("UPDATE command_catalog_version SET version = version + 1 WHERE id = 1")
                .update();
        // A version read earlier in this unit of work no longer holds.
        unitOfWork.root().resources().remove(CachedCatalog.VERSION_RESOURCE);
    }

    @EventHandler
    void on(PurposeDefined event) {
        jdbc.sql("INSERT INTO command_purpose (purpose_id, name, version, active, requires_consent, double_opt_in,"
                        + " send_confirmation, default_legal_basis) VALUES (?, ?, ?, TRUE, ?, ?, ?, ?)")
                .params(
                        event.purposeId(),
                        event.terms().name(),
                        event.version(),
                        event.terms().requiresConsent(),
                        event.terms().doubleOptIn(),
                        event.terms().sendConfirmation(),
                        basisCode(event.terms()))
                .update();
    }

    @EventHandler
    void on(PurposeRevised event) {
        jdbc.sql("UPDATE command_purpose SET name = ?, version = ?, requires_consent = ?, double_opt_in = ?,"
                        + " send_confirmation = ?, default_legal_basis = ? WHERE purpose_id = ?")
                .params(
                        event.terms().name(),
                        event.version(),
                        event.terms().requiresConsent(),
                        event.terms().doubleOptIn(),
                        event.terms().sendConfirmation(),
                        basisCode(event.terms()),
                        event.purposeId())
                .update();
    }

    @EventHandler
    void on(PurposeRetired event) {
        jdbc.sql("UPDATE command_purpose SET active = FALSE WHERE purpose_id = ?")
                .param(event.purposeId())
                .update();
    }

    @EventHandler
    void on(SourceDefined event) {
        jdbc.sql("INSERT INTO command_source (source_id, name, active, send_confirmation, confirmation_template)"
                        + " VALUES (?, ?, TRUE, ?, ?)")
                .params(event.sourceId(), event.name(), event.sendsConfirmation(), event.confirmationTemplate())
                .update();
    }

    /** A built-in source stays active: a retirement recorded before they were protected has no effect. */
    @EventHandler
    void on(SourceRetired event) {
        if (BuiltInSources.isBuiltIn(event.sourceId())) {
            return;
        }
        jdbc.sql("UPDATE command_source SET active = FALSE WHERE source_id = ?")
                .param(event.sourceId())
                .update();
    }

    private static String basisCode(PurposeTerms terms) {
        return terms.defaultLegalBasis() == null
                ? null
                : terms.defaultLegalBasis().name();
    }
}
