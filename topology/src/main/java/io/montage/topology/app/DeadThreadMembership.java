package io.montage.topology.app;

import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.MemberToRemove;
import org.apache.kafka.clients.admin.RemoveMembersFromConsumerGroupOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes a dead stream thread's static member out of its stage's consumer group at once.
 *
 * <p>Why: each stream thread joins its stage's group as a static member ({@code group.instance.id}
 * is the instance id plus the thread's index), so that a restarted instance gets its partitions back
 * without waiting out the old members' sessions. A thread that dies is replaced by one with a new
 * index, and a static member does not leave when its consumer closes: without this, the dead
 * thread's partitions would wait the whole session timeout (45 s) before the group moved them.
 */
final class DeadThreadMembership {

    private static final Logger log = LoggerFactory.getLogger(DeadThreadMembership.class);
    private static final Pattern THREAD_INDEX = Pattern.compile("-StreamThread-(\\d+)$");
    private static final long REMOVE_AFTER_MILLIS = 500; // once the dead thread's consumer has closed

    private final Map<String, Object> adminConfig;
    private final String groupId;
    private final String instanceId;

    DeadThreadMembership(Map<String, Object> adminConfig, String groupId, String instanceId) {
        this.adminConfig = Map.copyOf(adminConfig);
        this.groupId = groupId;
        this.instanceId = instanceId;
    }

    /** Called on the dying stream thread: removes its member in the background. */
    void threadDied(Thread dying) {
        Matcher index = THREAD_INDEX.matcher(dying.getName());
        if (!index.find()) {
            return;
        }
        String member = instanceId + "-" + index.group(1);
        Thread removal = new Thread(() -> remove(member, dying), "montage-remove-" + member);
        removal.setDaemon(true);
        removal.start();
    }

    private void remove(String member, Thread dead) {
        try {
            Thread.sleep(REMOVE_AFTER_MILLIS);
            if (reusedByAnotherThread(dead)) {
                // Kafka Streams gave a later replacement the dead thread's index: the replacement joined
                // under the same member name, which already took the dead member's place.
                return;
            }
            try (Admin admin = Admin.create(adminConfig)) {
                admin.removeMembersFromConsumerGroup(
                                groupId, new RemoveMembersFromConsumerGroupOptions(List.of(new MemberToRemove(member))))
                        .all()
                        .get(30, TimeUnit.SECONDS);
                log.debug("Removed the dead stream thread's member {} from consumer group {}", member, groupId);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            // It left by itself, or the broker is away: its session timeout still frees its partitions.
            log.debug("Could not remove member {} from consumer group {}: {}", member, groupId, e.toString());
        }
    }

    private static boolean reusedByAnotherThread(Thread dead) {
        return Thread.getAllStackTraces().keySet().stream()
                .anyMatch(t -> t != dead && t.isAlive() && t.getName().equals(dead.getName()));
    }
}
