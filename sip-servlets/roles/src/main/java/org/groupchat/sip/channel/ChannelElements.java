package org.groupchat.sip.channel;

import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.groupchat.channel.JoinedRoom;
import org.groupchat.channel.MemberRole;
import org.groupchat.channel.PendingInvitation;
import org.groupchat.channel.PostedMessage;
import org.groupchat.channel.Privacy;
import org.groupchat.channel.RoomSummary;
import org.groupchat.channel.ServerInfo;
import org.groupchat.channel.StoredPreference;
import org.groupchat.files.FileTokens.IssuedToken;
import org.groupchat.xccos.XmlElement;

/**
 * The XCCOS shapes of the channel service's answers and pushes (protocol notes, section 4), made
 * from the business layer's records.
 */
final class ChannelElements {

    /** Role keys of {@code <aib>}: what OCS clients know members and managers by. */
    static final String MEMBER_KEY = "3984";
    static final String MANAGER_KEY = "12276";

    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ISO_INSTANT;

    private ChannelElements() {
    }

    static XmlElement serverInfo(ServerInfo info, String infoType) {
        return XmlElement.of("sib")
                .attribute("infoType", infoType)
                .attribute("serverTime", TIMESTAMP.format(info.serverTime()))
                .attribute("searchLimit", info.searchLimit())
                .attribute("messageSizeLimit", info.messageSizeLimit())
                .attribute("storySizeLimit", info.storySizeLimit())
                .attribute("rootUri", info.rootCategoryUri())
                .attribute("dbVersion", info.databaseVersion())
                .build();
    }

    static XmlElement searchResult(RoomSummary room) {
        return XmlElement.of("chanib")
                .attribute("name", room.name())
                .attribute("description", room.description())
                .attribute("uri", room.uri())
                .child(XmlElement.of("info").attribute("id", "urn:parlano:ma:info:ucnt").text(Long.toString(room.memberCount())))
                .child(XmlElement.of("info").attribute("id", "urn:parlano:ma:info:visibilty")
                        .text(room.privacy() == Privacy.OPEN ? "public" : "private"))
                .child(property("filepost", room.filePost()))
                .child(property("invite", room.invite()))
                .child(property("logged", room.logged()))
                .build();
    }

    private static XmlElement property(String name, boolean value) {
        return XmlElement.of("prop").attribute("id", "urn:parlano:ma:prop:" + name).text(Boolean.toString(value)).build();
    }

    /**
     * The data of a join or bjoin reply: every member once as {@code <uib id="n">}, then one
     * {@code <chanib>} per room naming its members and managers by those ids.
     */
    static List<XmlElement> joined(List<JoinedRoom> rooms) {
        Map<String, Integer> ids = new LinkedHashMap<>();
        rooms.forEach(room -> room.members().keySet().forEach(user -> ids.putIfAbsent(user, ids.size() + 1)));
        List<XmlElement> data = new ArrayList<>();
        ids.forEach((user, id) -> data.add(XmlElement.of("uib").attribute("id", id).attribute("uri", user).build()));
        for (JoinedRoom room : rooms) {
            XmlElement.Builder chanib = XmlElement.of("chanib")
                    .attribute("uri", room.room().uri())
                    .attribute("name", room.room().name())
                    .attribute("topic", room.room().topic());
            addRole(chanib, MEMBER_KEY, room.members(), ids, Set.of(MemberRole.MEMBER, MemberRole.PRESENTER, MemberRole.MANAGER));
            addRole(chanib, MANAGER_KEY, room.members(), ids, Set.of(MemberRole.MANAGER));
            data.add(chanib.build());
        }
        return data;
    }

    private static void addRole(XmlElement.Builder chanib, String key, Map<String, Set<MemberRole>> members,
                                Map<String, Integer> ids, Set<MemberRole> roles) {
        String holders = members.entrySet().stream()
                .filter(member -> member.getValue().stream().anyMatch(roles::contains))
                .map(member -> ids.get(member.getKey()).toString())
                .collect(Collectors.joining(","));
        if (!holders.isEmpty()) {
            chanib.child(XmlElement.of("aib").attribute("key", key).attribute("value", holders));
        }
    }

    static XmlElement joinFailed(String roomId, String domain) {
        return XmlElement.of("fib").attribute("key", "OPERATION_FAILED").attribute("value", roomId).attribute("domain", domain).build();
    }

    static XmlElement room(String roomUri) {
        return XmlElement.of("chanib").attribute("uri", roomUri).build();
    }

    static XmlElement history(String roomUri, List<PostedMessage> messages) {
        XmlElement.Builder chanib = XmlElement.of("chanib").attribute("uri", roomUri);
        for (PostedMessage message : messages) {
            XmlElement.Builder msg = XmlElement.of("msg")
                    .attribute("id", "grpchat")
                    .attribute("chanUri", message.roomUri())
                    .attribute("author", message.author())
                    .attribute("ts", TIMESTAMP.format(message.postedAt()));
            chanib.child(withContent(msg, message));
        }
        return chanib.build();
    }

    static XmlElement grpchat(PostedMessage message) {
        XmlElement.Builder grpchat = XmlElement.of("grpchat")
                .attribute("id", "grpchat")
                .attribute("seqid", message.sequence())
                .attribute("chanUri", message.roomUri())
                .attribute("author", message.author())
                .attribute("ts", TIMESTAMP.format(message.postedAt()));
        return withContent(grpchat, message).build();
    }

    /**
     * The message's flags and text as the poster sent them: {@code alert="true"} for high
     * importance, {@code title} for a story (whose body is the {@code <chat>}, so that a client
     * that knows no stories still shows all of it).
     */
    private static XmlElement.Builder withContent(XmlElement.Builder message, PostedMessage posted) {
        if (posted.alert()) {
            message.attribute("alert", "true");
        }
        if (posted.storyTitle() != null) {
            message.attribute("title", posted.storyTitle());
        }
        return message.child(XmlElement.of("chat").text(posted.text()));
    }

    /** {@code <token token=".." serveruri="https://.../"/>}: the client sends the file to serveruri + token. */
    static XmlElement fileToken(IssuedToken token, String roomUri) {
        return XmlElement.of("token")
                .attribute("token", token.token())
                .attribute("serveruri", token.serverUri())
                .attribute("channelUri", roomUri)
                .attribute("fileUrl", token.fileName())
                .attribute("expires", TIMESTAMP.format(token.expiresAt()))
                .build();
    }

    static XmlElement joinNotice(String user, Set<MemberRole> roles, String roomId, String domain) {
        return XmlElement.of("ntc").attribute("id", "ntc:join").attribute("seqid", 1)
                .child(XmlElement.of("data").child(XmlElement.of("uib").attribute("uri", user)
                        .child(XmlElement.of("aib")
                                .attribute("key", roles.contains(MemberRole.MANAGER) ? MANAGER_KEY : MEMBER_KEY)
                                .attribute("domain", domain)
                                .attribute("value", roomId))))
                .build();
    }

    static XmlElement partNotice(String roomUri, String user) {
        return XmlElement.of("ntc").attribute("id", "ntc:part").attribute("seqid", 1)
                .child(XmlElement.of("data").child(XmlElement.of("chanib").attribute("uri", roomUri)
                        .child(XmlElement.of("uib").attribute("uri", user))))
                .build();
    }

    static XmlElement invitation(PendingInvitation invitation, String domain) {
        return XmlElement.of("inv")
                .attribute("inviteId", invitation.id())
                .attribute("domain", domain)
                .attribute("chanUri", invitation.roomUri())
                .attribute("name", invitation.roomName())
                .attribute("inviter", invitation.invitedBy())
                .attribute("ts", TIMESTAMP.format(invitation.createdAt()))
                .build();
    }

    /** {@code ntc:inv}: an invitation as getinv lists it, pushed when it is made. */
    static XmlElement invitationNotice(PendingInvitation invitation, String domain) {
        return XmlElement.of("ntc").attribute("id", "ntc:inv").attribute("seqid", 1)
                .child(XmlElement.of("data").child(invitation(invitation, domain)))
                .build();
    }

    static XmlElement preference(StoredPreference preference) {
        return XmlElement.of("pref")
                .attribute("label", preference.label())
                .attribute("seqid", preference.version())
                .attribute("content", preference.content())
                .build();
    }
}
