package io.montage.topology.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.apache.kafka.common.errors.OutOfOrderSequenceException;
import org.junit.jupiter.api.Test;

class RetriedSequenceLogFilterTest {

    @Test
    void onlyTheRetriedTransactionsV2RefusalIsKeptOutOfTheLog() {
        LoggerContext context = new LoggerContext();
        RetriedSequenceLogFilter filter = new RetriedSequenceLogFilter();
        filter.start();
        context.addTurboFilter(filter);
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.setContext(context);
        appender.start();
        Logger broker = context.getLogger("kafka.server.ReplicaManager");
        broker.addAppender(appender);

        broker.error(
                "Error processing append operation on partition probes-3",
                new OutOfOrderSequenceException(
                        "Invalid sequence number for producer 3 at offset 15 in partition probes-3: 2 (incoming seq. number). "
                                + "Expected sequence 0 for transactions v2 idempotent producer with no existing state."));
        broker.error(
                "Error processing append operation on partition probes-3",
                new OutOfOrderSequenceException(
                        "Out of order sequence number for producer 1674 at offset 548171 in partition probes-3: 51 "
                                + "(incoming seq. number), 49 (current end sequence number)"));
        broker.error("Error processing append operation on partition probes-3", new IllegalStateException("disk full"));

        assertThat(appender.list).hasSize(2);
        assertThat(appender.list)
                .extracting(e -> e.getThrowableProxy().getMessage())
                .noneMatch(m -> m.contains("no existing state"));
    }
}
