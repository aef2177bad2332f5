package io.montage.topology.web;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.montage.schemas.avro.DeadLetter;
import java.util.ArrayDeque;
import java.util.List;

/** The last dead-letters, newest last, at most {@code capacity} of them, as the page shows them. */
final class RecentDeadLetters {

    private final int capacity;
    private final ArrayDeque<ObjectNode> deadLetters = new ArrayDeque<>();

    RecentDeadLetters(int capacity) {
        this.capacity = capacity;
    }

    /** Keeps {@code deadLetter} (without its copy of the input's bytes); returns what the page gets. */
    synchronized ObjectNode add(DeadLetter deadLetter) {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put("eventId", deadLetter.getEventId());
        node.put("stage", deadLetter.getStage());
        node.put("errorClass", deadLetter.getErrorClass());
        node.put("reason", deadLetter.getReason());
        node.put(
                "failedAt",
                deadLetter.getFailedAt() == null
                        ? null
                        : deadLetter.getFailedAt().toEpochMilli());
        node.put(
                "input",
                deadLetter.getInput().getTopic() + "/" + deadLetter.getInput().getPartition() + "@"
                        + deadLetter.getInput().getOffset());
        node.put(
                "model",
                deadLetter.getModel() == null ? null : deadLetter.getModel().getId());
        deadLetters.addLast(node);
        while (deadLetters.size() > capacity) {
            deadLetters.removeFirst();
        }
        return node;
    }

    synchronized List<ObjectNode> all() {
        return List.copyOf(deadLetters);
    }
}
