package io.consentledger.app.webhook;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.consentledger.app.privacy.SealedSecrets;
import io.consentledger.query.feed.EventPositions;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.transaction.PlatformTransactionManager;

/** The webhooks' parts; the subscribers' processors are refreshed with Spring's scheduling. */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class WebhookConfiguration {

    @Bean
    WebhookAddresses webhookAddresses(WebhookSettings settings) {
        return new WebhookAddresses(settings.allowPrivateAddresses());
    }

    @Bean(destroyMethod = "close")
    ReceiverClient receiverClient(WebhookAddresses addresses, WebhookSettings settings) {
        return new ReceiverClient(addresses, settings);
    }

    @Bean
    WebhookMetrics webhookMetrics(MeterRegistry registry) {
        return new WebhookMetrics(registry);
    }

    @Bean
    Deliveries webhookDeliveries(
            Subscribers subscribers,
            EventPositions positions,
            SealedSecrets secrets,
            ReceiverClient client,
            ObjectMapper json,
            WebhookSettings settings,
            WebhookMetrics metrics,
            Clock clock,
            PlatformTransactionManager transactions) {
        return new Deliveries(subscribers, positions, secrets, client, json, settings, metrics, clock, transactions);
    }

    @Bean
    WebhookProcessors webhookProcessors(
            Subscribers subscribers,
            Deliveries deliveries,
            Cursors cursors,
            WebhookMetrics metrics,
            EventStore eventStore,
            TokenStore tokenStore,
            TransactionManager axonTransactions,
            PlatformTransactionManager transactions,
            WebhookSettings settings,
            Clock clock) {
        return new WebhookProcessors(
                subscribers,
                deliveries,
                cursors,
                metrics,
                eventStore,
                tokenStore,
                axonTransactions,
                transactions,
                settings,
                clock);
    }

    @Bean
    Webhooks webhooks(
            Subscribers subscribers,
            Cursors cursors,
            WebhookAddresses addresses,
            SealedSecrets secrets,
            TokenStore tokenStore,
            PlatformTransactionManager transactions,
            WebhookProcessors processors,
            Clock clock) {
        return new Webhooks(subscribers, cursors, addresses, secrets, tokenStore, transactions, processors, clock);
    }
}
