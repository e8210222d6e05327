package io.consentledger.app;

class PoisonOnH2Test extends PoisonContract {
    /** H2 stores any character, but nothing longer than a column allows (names 200, source details 500). */
    @Override
    protected String unstorableText() {
        return "Ann Smith " + "A".repeat(600);
    }
}
