package io.consentledger.app.webhook;

import io.consentledger.api.Rejection;
import io.consentledger.api.RejectionKind;

/** A webhook URL the ledger will not deliver to: not https, or a host that is or resolves to a special address. */
class WebhookUrlRefused extends Rejection {

    WebhookUrlRefused(String detail) {
        super(RejectionKind.WEBHOOK_URL_REFUSED, detail, "url");
    }
}
