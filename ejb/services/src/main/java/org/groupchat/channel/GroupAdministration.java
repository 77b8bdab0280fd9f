package org.groupchat.channel;

import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Logger;
import org.groupchat.compliance.ComplianceEventType;
import org.groupchat.compliance.ComplianceRecorder;

/** The named groups of users that rooms' member lists may name ({@code group:NAME}). */
@Stateless
public class GroupAdministration {

    private static final Logger LOG = Logger.getLogger(GroupAdministration.class.getName());

    @EJB
    private RoomRepository rooms;

    @EJB
    private ComplianceRecorder compliance;

    @EJB
    private RoomAdministration roomAdministration;

    private final Clock clock = Clock.systemUTC();

    /** Who the directory's changes are archived as. */
    public static final String DIRECTORY = "directory";

    /**
     * A group as the API shows it.
     *
     * @param directoryDn the directory group it mirrors, null for one kept here
     */
    public record GroupDetails(long id, String name, List<String> members, String directoryDn) {
        static GroupDetails of(UserGroup group) {
            return new GroupDetails(group.getId(), group.getName(), List.copyOf(group.getMembers()), group.getDirectoryDn());
        }
    }

    /**
     * What applying the directory's groups changed.
     *
     * @param conflicts groups of the directory left out: a group kept here has the name, or the name is too long
     */
    public record DirectoryChanges(int groups, int created, int changed, int emptied, List<String> conflicts) {
    }

    public List<GroupDetails> list() {
        return rooms.groups().stream().map(GroupDetails::of).toList();
    }

    public GroupDetails read(String name) {
        return GroupDetails.of(group(name));
    }

    public GroupDetails create(String admin, String name, List<String> members) {
        String checkedName = name == null ? "" : name.trim();
        if (!checkedName.matches("[\\p{L}\\p{N}._-]{1,128}")) {
            throw ChannelRefusal.badRequest("A group name is 1 to 128 letters, digits, '.', '_' or '-'");
        }
        if (rooms.group(checkedName).isPresent()) {
            throw ChannelRefusal.conflict("There is a group named " + checkedName + " already");
        }
        UserGroup group = new UserGroup(checkedName);
        group.getMembers().addAll(uris(members));
        rooms.add(group);
        LOG.info(() -> "group " + checkedName + " created by " + admin + " with " + group.getMembers());
        return recorded(ComplianceEventType.GROUP_CREATED, admin, GroupDetails.of(group));
    }

    /**
     * Replaces the group's members. Rooms that name the group give their roles to the new
     * members from now on; a member a room's category walls off is still refused at its door.
     */
    public GroupDetails setMembers(String admin, String name, List<String> members) {
        UserGroup group = group(name);
        if (group.getDirectoryDn() != null) {
            throw ChannelRefusal.conflict("Group " + name + " is the directory's (" + group.getDirectoryDn()
                    + "): its members change there, and here at the next refresh");
        }
        return replaceMembers(admin, group, uris(members));
    }

    private GroupDetails replaceMembers(String admin, UserGroup group, Set<String> checked) {
        Set<String> added = new LinkedHashSet<>(checked);
        added.removeAll(group.getMembers());
        group.getMembers().clear();
        group.getMembers().addAll(checked);
        LOG.info(() -> "group " + group.getName() + " set to " + checked + " by " + admin);
        roomAdministration.inviteNewGroupMembers(admin, group.getName(), added);
        return recorded(ComplianceEventType.GROUP_CHANGED, admin, GroupDetails.of(group));
    }

    /**
     * Makes the groups mirror the directory's: each directory group as a group of that name with
     * its users (nested groups resolved), created or changed, archived as the {@code directory}'s
     * change; new members are invited to the rooms that invite and name the group. A group gone
     * from the directory keeps its name with no members (rooms may still name it). A group kept
     * here with a directory group's name stays as it is, and is reported.
     */
    public DirectoryChanges applyDirectory(Map<String, Set<String>> directoryGroups, Map<String, String> dns) {
        int created = 0;
        int changed = 0;
        int emptied = 0;
        List<String> conflicts = new ArrayList<>();
        for (Map.Entry<String, Set<String>> entry : directoryGroups.entrySet()) {
            String name = entry.getKey();
            if (name.length() > 128) { // the column's width; one such name must not stop the others
                conflicts.add(name.substring(0, 64) + "... (a name longer than 128 characters)");
                continue;
            }
            Optional<UserGroup> existing = rooms.group(name);
            if (existing.isEmpty()) {
                UserGroup group = new UserGroup(name);
                group.setDirectoryDn(dns.get(name));
                group.getMembers().addAll(entry.getValue());
                rooms.add(group);
                LOG.info(() -> "group " + name + " created from the directory (" + dns.get(name) + ") with " + group.getMembers());
                recorded(ComplianceEventType.GROUP_CREATED, DIRECTORY, GroupDetails.of(group));
                created++;
            } else if (existing.get().getDirectoryDn() == null) {
                conflicts.add(name);
            } else {
                UserGroup group = existing.get();
                group.setDirectoryDn(dns.get(name));
                if (!group.getMembers().equals(entry.getValue())) {
                    replaceMembers(DIRECTORY, group, entry.getValue());
                    changed++;
                }
            }
        }
        for (UserGroup group : rooms.groups()) {
            if (group.getDirectoryDn() != null && !directoryGroups.containsKey(group.getName()) && !group.getMembers().isEmpty()) {
                LOG.warning(() -> "group " + group.getName() + " (" + group.getDirectoryDn() + ") is no longer in the directory: it keeps no members");
                replaceMembers(DIRECTORY, group, Set.of());
                emptied++;
            }
        }
        return new DirectoryChanges(directoryGroups.size(), created, changed, emptied, conflicts);
    }

    /** The change goes to compliance with the members after it, its subject {@code group:NAME}. */
    private GroupDetails recorded(ComplianceEventType type, String admin, GroupDetails group) {
        compliance.record(type, "group:" + group.name(), group.name(), admin, clock.instant(), "members=" + group.members());
        return group;
    }

    private Set<String> uris(List<String> members) {
        if (members == null) {
            throw ChannelRefusal.badRequest("Send the group's members as a JSON array of SIP URIs");
        }
        Set<String> checked = new LinkedHashSet<>();
        members.forEach(member -> checked.add(RoomAdministration.userUri(member)));
        return checked;
    }

    private UserGroup group(String name) {
        return rooms.group(name).orElseThrow(() -> ChannelRefusal.notFound("There is no group " + name));
    }
}
