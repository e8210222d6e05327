package io.consentledger.app.webhook;

import io.consentledger.api.Rejection;
import io.consentledger.api.RejectionKind;

/** No webhook subscriber has that id (or it was deleted). */
class UnknownWebhook extends Rejection {

    UnknownWebhook(String webhookId) {
        super(RejectionKind.UNKNOWN_WEBHOOK, "There is no webhook '%s'.".formatted(webhookId), "webhookId");
    }
}
