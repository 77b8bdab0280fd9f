package org.groupchat.directory;

import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import org.groupchat.channel.GroupAdministration;
import org.groupchat.channel.GroupAdministration.DirectoryChanges;
import org.groupchat.config.GroupchatSettings;

/** Applies one reading of the directory to the groups, in one transaction, one node of a pool at a time. */
@Stateless
public class DirectoryGroups {

    @EJB
    private GroupAdministration groups;

    @PersistenceContext(unitName = "chat")
    private EntityManager chat;

    public DirectoryChanges apply(DirectorySnapshot snapshot) {
        // taken first and held to the commit: another node's refresh waits, then finds this one's work done
        chat.createNativeQuery("update directory_sync set refreshed_at = ?, refreshed_by = ? where id = 1")
                .setParameter(1, Instant.now()).setParameter(2, GroupchatSettings.current().nodeName()).executeUpdate();
        return groups.applyDirectory(snapshot.groups(), snapshot.groupDns());
    }
}
