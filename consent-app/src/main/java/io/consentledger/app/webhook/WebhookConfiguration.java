package io.consentledger.app.webhook;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.consentledger.app.privacy.SealedSecrets;
import io.consentledger.query.feed.ChangeFeedSource;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventhandling.tokenstore.TokenStore;
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
            SealedSecrets secrets,
            ReceiverClient client,
            ObjectMapper json,
            WebhookSettings settings,
            WebhookMetrics metrics,
            Clock clock,
            PlatformTransactionManager transactions) {
        return new Deliveries(subscribers, secrets, client, json, settings, metrics, clock, transactions);
    }

    @Bean
    WebhookProcessors webhookProcessors(
            Subscribers subscribers,
            Deliveries deliveries,
            Cursors cursors,
            WebhookMetrics metrics,
            ChangeFeedSource feed,
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
                feed,
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
