package org.groupchat.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.File;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Many clients opening their session at once, each sending its ACK and its join the moment the
 * 200 to its INVITE arrives (what pidgin-sipe and sipp do). JAIN-SIP starts resending its 200
 * only after writing it: an ACK read in between went unnoticed, and once the join had arrived the
 * stack resent the 200 for 32 s. A client then sees a second 200 in the middle of its session
 * (sipp aborts on it), and the server reports the session unacknowledged.
 */
@ExtendWith(ArquillianExtension.class)
class SessionSetupIT {

    private static final int CLIENTS = 80;

    private final AdminApi admin = new AdminApi();

    @Deployment(testable = false)
    static EnterpriseArchive groupchat() {
        return ShrinkWrap.createFromZipFile(EnterpriseArchive.class, new File(System.getProperty("it.ear")));
    }

    @Test
    void clientsThatAcknowledgeAtOnceGetTheirInviteAnsweredOnce() throws Exception {
        long room = admin.createRoom("{\"name\":\"" + ChannelIT.unique("setup") + "\",\"privacy\":\"OPEN\"}");
        ExecutorService joining = Executors.newFixedThreadPool(CLIENTS);
        List<Future<RawParticipant>> joins = new ArrayList<>();
        for (int i = 0; i < CLIENTS; i++) {
            String user = "setup-" + i;
            joins.add(joining.submit(() -> RawParticipant.join(user, room)));
        }
        List<RawParticipant> clients = new ArrayList<>();
        try {
            for (Future<RawParticipant> join : joins) {
                clients.add(join.get());
            }
            // JAIN-SIP resends an unacknowledged 200 after 0.5 s, 1.5 s, 3.5 s...
            Thread.sleep(4000);
            Map<Integer, Integer> clientsByAnswers = new TreeMap<>();
            for (RawParticipant client : clients) {
                clientsByAnswers.merge(client.inviteAnswers.get(), 1, Integer::sum);
            }
            assertEquals(Map.of(1, CLIENTS), clientsByAnswers, "clients by how often their INVITE was answered 200");
        } finally {
            clients.forEach(RawParticipant::closeQuietly);
            joining.shutdownNow();
        }
    }
}
