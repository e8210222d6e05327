package io.consentledger.app;

import static io.consentledger.app.support.Api.AUDITOR;
import static io.consentledger.app.support.Api.INTEGRATOR;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import db.migration.common.V1_43__Confirmation_process_keeps_ids;
import io.consentledger.api.consent.LegalBasis;
import io.consentledger.api.contact.ConfirmationEmailRequested;
import io.consentledger.api.contact.ConfirmationTrigger;
import io.consentledger.api.contact.PurposeNotice;
import io.consentledger.app.support.Api;
import io.consentledger.app.support.Mailbox;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.axonframework.serialization.Serializer;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.configuration.Configuration;
import org.flywaydb.core.api.migration.Context;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/** A confirmation email waiting for its next attempt survives a restart of the service, and goes out once. */
abstract class ConfirmationEmailRestartContract {

    /** A free port of this class's own, so that test runs side by side never share a mail server. */
    static final int SMTP_PORT = Mailbox.freePort();

    @RegisterExtension
    static final GreenMailExtension SMTP = new GreenMailExtension(Mailbox.smtpOn(SMTP_PORT))
            .withConfiguration(GreenMailConfiguration.aConfig().withDisabledAuthentication())
            .withPerMethodLifecycle(true);

    /** Arguments that put the service on this test's database; the same on every start. */
    abstract List<String> databaseArguments();

    @Test
    void aPendingRetrySurvivesARestartAndDeliversOnce() {
        String contactId = "restart-" + UUID.randomUUID().toString().substring(0, 8);
        String email = contactId + "@example.com";
        SMTP.stop();
        try (ConfigurableApplicationContext first = start()) {
            Api api = api(first);
            assertThat(api.post(
                                    INTEGRATOR,
                                    "/api/v1/contacts",
                                    "{\"contactId\":\"" + contactId
                                            + "\",\"name\":\"Ann Smith\",\"email\":\"" + email
                                            + "\",\"sourceId\":\"business-card\"}")
                            .status())
                    .isEqualTo(201);
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> changes(api, contactId).contains("CONFIRMATION_EMAIL_FAILED"));
        }
        SMTP.start();
        try (ConfigurableApplicationContext second = start()) {
            Api api = api(second);
            await().atMost(Duration.ofSeconds(30)).until(() -> SMTP.getReceivedMessages().length == 1);
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> changes(api, contactId).contains("CONFIRMATION_EMAIL_SENT"));
            // The process ends once the delivery is recorded: no further attempt can follow.
            JdbcClient jdbc = second.getBean(JdbcClient.class);
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> jdbc.sql("SELECT COUNT(*) FROM SagaEntry")
                                    .query(Long.class)
                                    .single()
                            == 0);
            assertThat(SMTP.getReceivedMessages()).hasSize(1);
        }
    }

    /**
     * The earlier version stored the whole request in the process's state, name and email in plain text. After the
     * upgrade, migration {@code V1_43} leaves only ids behind; a state an old node writes during a rolling upgrade is
     * read as well. Both emails then go out once, read from the event store.
     */
    @Test
    void aProcessStoredByTheEarlierVersionKeepsOnlyIdsAndStillDeliversOnce() throws Exception {
        String migrated = "upgrade-" + UUID.randomUUID().toString().substring(0, 8);
        String readAsStored = "upgrade-" + UUID.randomUUID().toString().substring(0, 8);
        SMTP.stop();
        String url;
        String user;
        String password;
        Serializer serializer;
        try (ConfigurableApplicationContext first = start()) {
            Api api = api(first);
            for (String contactId : List.of(migrated, readAsStored)) {
                register(api, contactId, contactId + "@example.com");
            }
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> changes(api, migrated).contains("CONFIRMATION_EMAIL_FAILED")
                            && changes(api, readAsStored).contains("CONFIRMATION_EMAIL_FAILED"));
            url = first.getEnvironment().getProperty("spring.datasource.url");
            user = first.getEnvironment().getProperty("spring.datasource.username");
            password = first.getEnvironment().getProperty("spring.datasource.password");
            serializer = first.getBean("serializer", Serializer.class);
        }
        try (Connection database = DriverManager.getConnection(url, user, password)) {
            storeAsTheEarlierVersionDid(database, serializer, migrated);
            new V1_43__Confirmation_process_keeps_ids().migrate(new MigrationContext(database));
            assertThat(sagaState(database, migrated))
                    .contains("\"requestId\":\"" + migrated + "/confirmation-1\"")
                    .contains("\"attempts\":1")
                    .doesNotContain("Ann Smith")
                    .doesNotContain(migrated + "@example.com");
            storeAsTheEarlierVersionDid(database, serializer, readAsStored);
        }

        SMTP.start();
        try (ConfigurableApplicationContext second = start()) {
            Api api = api(second);
            for (String contactId : List.of(migrated, readAsStored)) {
                await().atMost(Duration.ofSeconds(30))
                        .until(() -> changes(api, contactId).contains("CONFIRMATION_EMAIL_SENT"));
                assertThat(changes(api, contactId))
                        .filteredOn("CONFIRMATION_EMAIL_SENT"::equals)
                        .hasSize(1);
                assertThat(new Mailbox(SMTP).to(contactId + "@example.com"))
                        .singleElement()
                        .satisfies(mail ->
                                assertThat(Mailbox.part(mail, "text/plain")).contains("Dear Ann Smith"));
            }
            assertThat(second.getBean(JdbcClient.class)
                            .sql("SELECT \"type\" FROM \"flyway_schema_history\" WHERE \"version\" = '1.43'")
                            .query(String.class)
                            .single())
                    .as("Flyway found the Java migration")
                    .isEqualTo("JDBC");
        }
    }

    /** Rewrites the process's state of the contact as the earlier version stored it: the whole request. */
    private static void storeAsTheEarlierVersionDid(Connection database, Serializer serializer, String contactId)
            throws Exception {
        Map<String, Object> state = new LinkedHashMap<>();
        state.put(
                "request",
                new ConfirmationEmailRequested(
                        contactId,
                        contactId + "/confirmation-1",
                        ConfirmationTrigger.REGISTERED,
                        "Ann Smith",
                        contactId + "@example.com",
                        null,
                        "business-card",
                        List.of(new PurposeNotice(
                                "sales-and-service", "Sales and service", 1, LegalBasis.LEGITIMATE_INTERESTS)),
                        null,
                        "confirmation"));
        state.put("attempts", 1);
        try (PreparedStatement update = database.prepareStatement("UPDATE SagaEntry SET serializedSaga = ? WHERE"
                + " sagaId = (SELECT sagaId FROM AssociationValueEntry WHERE associationKey = 'contactId'"
                + " AND associationValue = ?)")) {
            update.setBytes(1, serializer.serialize(state, byte[].class).getData());
            update.setString(2, contactId);
            assertThat(update.executeUpdate()).isEqualTo(1);
        }
        assertThat(sagaState(database, contactId)).contains("Ann Smith");
    }

    private static String sagaState(Connection database, String contactId) throws Exception {
        try (PreparedStatement select = database.prepareStatement("SELECT s.serializedSaga FROM SagaEntry s JOIN"
                + " AssociationValueEntry a ON a.sagaId = s.sagaId WHERE a.associationKey = 'contactId'"
                + " AND a.associationValue = ?")) {
            select.setString(1, contactId);
            try (ResultSet row = select.executeQuery()) {
                assertThat(row.next()).isTrue();
                return new String(row.getBytes(1), StandardCharsets.UTF_8);
            }
        }
    }

    /** What Flyway hands a Java migration: the connection it runs on. */
    private record MigrationContext(Connection connection) implements Context {

        @Override
        public Configuration getConfiguration() {
            return Flyway.configure();
        }

        @Override
        public Connection getConnection() {
            return connection;
        }
    }

    private static void register(Api api, String contactId, String email) {
        assertThat(api.post(
                                INTEGRATOR,
                                "/api/v1/contacts",
                                "{\"contactId\":\"" + contactId + "\",\"name\":\"Ann Smith\",\"email\":\"" + email
                                        + "\",\"sourceId\":\"business-card\"}")
                        .status())
                .isEqualTo(201);
    }

    private ConfigurableApplicationContext start() {
        List<String> args = new ArrayList<>(List.of(
                "--spring.profiles.active=test",
                "--server.port=0",
                "--spring.jmx.enabled=false",
                "--spring.mail.host=127.0.0.1",
                "--spring.mail.port=" + SMTP_PORT,
                "--consent.mail.first-retry=2s",
                "--db-scheduler.polling-interval=200ms"));
        args.addAll(databaseArguments());
        return SpringApplication.run(ConsentLedgerApplication.class, args.toArray(String[]::new));
    }

    private static Api api(ConfigurableApplicationContext context) {
        return new Api(Integer.parseInt(context.getEnvironment().getProperty("local.server.port")));
    }

    private static List<String> changes(Api api, String contactId) {
        List<String> changes = new ArrayList<>();
        Api.Response history = api.get(AUDITOR, "/api/v1/contacts/" + contactId + "/history?size=500&wait=true");
        if (history.status() == 200) {
            history.json()
                    .get("items")
                    .forEach(item -> changes.add(item.get("change").asText()));
        }
        return changes;
    }
}
