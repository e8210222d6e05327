package io.consentledger.app.support;

import io.consentledger.app.ConsentLedgerApplication;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;

/** The whole service on a random port, with the test users; subclasses choose the database. */
@SpringBootTest(classes = ConsentLedgerApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
public abstract class LedgerTest {

    @LocalServerPort
    private int port;

    @Autowired
    protected JdbcClient jdbc;

    protected Api api;

    @BeforeEach
    void connect() {
        api = new Api(port);
    }

    protected int port() {
        return port;
    }

    protected static String uniqueId(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** Events stored for one aggregate, read from the event table itself. */
    protected long eventsOf(String aggregateId) {
        return jdbc.sql("SELECT COUNT(*) FROM DomainEventEntry WHERE aggregateIdentifier = ?")
                .param(aggregateId)
                .query(Long.class)
                .single();
    }

    protected long allEvents() {
        return jdbc.sql("SELECT COUNT(*) FROM DomainEventEntry")
                .query(Long.class)
                .single();
    }

    /**
     * Registers a contact from the "import" source, which sends no confirmation email, so that the contact's events
     * are exactly the ones a test records.
     */
    protected String registerContact(String contactId) {
        Api.Response response = api.post(Api.INTEGRATOR, "/api/v1/contacts", """
                {"contactId":"%s","name":"Ann Smith","email":"ann@example.com","sourceId":"import",
                 "sourceDetail":"Met at the trade fair"}""".formatted(contactId));
        if (response.status() != 201) {
            throw new AssertionError("Registration failed: " + response.status() + " " + response.body());
        }
        return contactId;
    }
}
