package io.montage.topology.embedded;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.turbo.TurboFilter;
import ch.qos.logback.core.spi.FilterReply;
import org.slf4j.Marker;

/**
 * Keeps one retried, harmless broker error out of the embedded default's log. Under transactions v2
 * (KIP-890), a producer's first batch to a partition in a transaction waits while the broker
 * verifies the transaction, and the batches it already sent behind it are refused with an
 * OutOfOrderSequenceException "for transactions v2 idempotent producer with no existing state"
 * (KAFKA-18202): a retriable error the producer retries, after which every record is written once.
 * The broker's ReplicaManager still logs each refusal at ERROR. Montage starts one transactional
 * producer per stage thread, so a first start printed dozens of these; every other broker error is
 * logged as before.
 */
public final class RetriedSequenceLogFilter extends TurboFilter {

    private static final String BROKER_LOGGER = "kafka.server.ReplicaManager";
    private static final String RETRIED = "for transactions v2 idempotent producer with no existing state";

    @Override
    public FilterReply decide(Marker marker, Logger logger, Level level, String format, Object[] params, Throwable t) {
        if (level == Level.ERROR && BROKER_LOGGER.equals(logger.getName()) && isRetriedSequence(t, params)) {
            return FilterReply.DENY;
        }
        return FilterReply.NEUTRAL;
    }

    private static boolean isRetriedSequence(Throwable t, Object[] params) {
        Throwable thrown = t;
        if (thrown == null
                && params != null
                && params.length > 0
                && params[params.length - 1] instanceof Throwable last) {
            thrown = last;
        }
        return thrown != null
                && thrown.getClass().getSimpleName().equals("OutOfOrderSequenceException")
                && thrown.getMessage() != null
                && thrown.getMessage().contains(RETRIED);
    }
}
