package org.groupchat.channel;

import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import java.time.Clock;
import java.util.LinkedHashSet;
import java.util.List;
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

    /** A group as the API shows it. */
    public record GroupDetails(long id, String name, List<String> members) {
        static GroupDetails of(UserGroup group) {
            return new GroupDetails(group.getId(), group.getName(), List.copyOf(group.getMembers()));
        }
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
        Set<String> checked = uris(members);
        Set<String> added = new LinkedHashSet<>(checked);
        added.removeAll(group.getMembers());
        group.getMembers().clear();
        group.getMembers().addAll(checked);
        LOG.info(() -> "group " + name + " set to " + checked + " by " + admin);
        roomAdministration.inviteNewGroupMembers(admin, group.getName(), added);
        return recorded(ComplianceEventType.GROUP_CHANGED, admin, GroupDetails.of(group));
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
