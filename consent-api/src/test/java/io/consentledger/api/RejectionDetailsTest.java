package io.consentledger.api;

import static org.assertj.core.api.Assertions.assertThat;

import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.queryhandling.QueryExecutionException;
import org.junit.jupiter.api.Test;

class RejectionDetailsTest {

    private static final class PurposeUnknown extends Rejection {
        PurposeUnknown() {
            super(RejectionKind.UNKNOWN_PURPOSE, "No purpose newsletter.", "purposeId");
        }
    }

    private static final RejectionDetails UNKNOWN_PURPOSE =
            new RejectionDetails(RejectionKind.UNKNOWN_PURPOSE, "No purpose newsletter.", "purposeId");

    @Test
    void findsARejectionThrownAsIs() {
        assertThat(RejectionDetails.in(new PurposeUnknown())).contains(UNKNOWN_PURPOSE);
    }

    @Test
    void findsARejectionWrappedInOtherExceptions() {
        RuntimeException wrapped = new IllegalStateException("unit of work", new PurposeUnknown());

        assertThat(RejectionDetails.in(wrapped)).contains(UNKNOWN_PURPOSE);
    }

    @Test
    void findsTheDetailsOfARejectionThatCrossedADistributedBusWithoutItsCause() {
        CommandExecutionException remote =
                new CommandExecutionException("No purpose newsletter.", null, UNKNOWN_PURPOSE);

        assertThat(RejectionDetails.in(new IllegalStateException("gateway", remote)))
                .contains(UNKNOWN_PURPOSE);
        assertThat(RejectionDetails.in(new QueryExecutionException("query", null, UNKNOWN_PURPOSE)))
                .contains(UNKNOWN_PURPOSE);
    }

    @Test
    void findsNothingInAFailureThatIsNoRejection() {
        assertThat(RejectionDetails.in(new CommandExecutionException("database down", new IllegalStateException())))
                .isEmpty();
        assertThat(RejectionDetails.in(new CommandExecutionException("other details", null, "not ours")))
                .isEmpty();
    }
}
