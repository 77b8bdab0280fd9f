package org.groupchat.channel;

import jakarta.annotation.PostConstruct;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Logger;
import org.groupchat.compliance.ComplianceEventType;
import org.groupchat.compliance.ComplianceRecorder;
import org.groupchat.config.GroupchatSettings;
import org.groupchat.storage.Database;
import org.groupchat.storage.DurableCommits;

/**
 * What the channel service does for a user, one business step a method: find rooms, join them,
 * read their history, post. Every rule of privacy, membership and room type is checked here, and
 * a refusal is a {@link ChannelRefusal} with the reason the user reads; nothing refused is stored.
 * Users are named by their SIP URI, {@code sip:user@host}, as the SIP front end asserted it.
 * Each join, part, history view and post is also a compliance event, written in the same
 * transaction.
 */
@Stateless
public class ChannelService {

    private static final Logger LOG = Logger.getLogger(ChannelService.class.getName());

    @EJB
    private RoomRepository rooms;

    @EJB
    private CategoryTree categories;

    @EJB
    private ComplianceRecorder compliance;

    @EJB
    private DurableCommits durable;

    private final Clock clock = Clock.systemUTC();
    private GroupchatSettings settings;

    @PostConstruct
    void readSettings() {
        settings = GroupchatSettings.current();
    }

    public ServerInfo serverInfo() {
        Category root = categories.root();
        return new ServerInfo(clock.instant(), settings.searchLimit(), settings.messageSizeLimit(), settings.storySizeLimit(),
                settings.historyLimit(), "ma-cat://" + settings.domain() + "/" + root.getId(), "1");
    }

    /** Rooms whose name or description holds the text, as far as the user may see them. */
    public List<RoomSummary> search(String user, String text) {
        // fetched beyond the limit, since secret rooms the user is not in are dropped after the query
        return rooms.searchEnabled(text == null ? "" : text.trim(), settings.searchLimit() * 4).stream()
                .filter(room -> room.getPrivacy() != Privacy.SECRET || !rooms.roles(room, user).isEmpty())
                .filter(room -> CategoryPolicy.memberExclusion(room.getCategory(), user, rooms::groupsOf).isEmpty())
                .limit(settings.searchLimit())
                .map(this::summary)
                .toList();
    }

    /** Lets the user into the room, if it is enabled and the user may read it; pending invitations to it are accepted. */
    public JoinedRoom join(String user, String roomUri) {
        Room room = namedRoom(roomUri);
        // one read of the members gives the reply's list, the user's roles and the count (a logon storm is all joins)
        Map<String, Set<MemberRole>> members = rooms.members(room);
        requireReadable(room, roomUri, user, rooms.rolesAmong(members, user));
        rooms.pendingInvitations(user, room).forEach(Invitation::accept);
        RoomSummary summary = RoomSummary.of(room, settings.domain(), members.size());
        compliance.record(ComplianceEventType.JOIN, summary.uri(), room.getName(), user, clock.instant(), "");
        return new JoinedRoom(summary, members, room.getLastSequence());
    }

    /**
     * Whether the user may still be in the room, by the rules a join is checked against (the room
     * enabled, the user a member where the room's privacy asks for it, no category wall): asked of
     * every online participant when an administrator has changed who may.
     */
    public boolean mayStayIn(String user, String roomUri) {
        try {
            readableRoom(user, roomUri);
            return true;
        } catch (ChannelRefusal refused) {
            return false;
        }
    }

    /**
     * The user has left the room: by {@code part}, or because the session ended for the given
     * reason. Only the compliance record changes; who is online is the SIP side's business.
     */
    public void left(String user, String roomUri, String reason) {
        RoomUri uri = ownRoomUri(roomUri);
        String name = rooms.room(uri.roomId()).map(Room::getName).orElse("");
        compliance.record(ComplianceEventType.PART, new RoomUri(settings.domain(), uri.roomId()).toString(), name, user, clock.instant(), reason);
    }

    /**
     * The room's messages numbered {@code from} to {@code to}, in order: those another node
     * stored while this node's delivery of the room was behind. No check of who asks: they go to
     * participants already in the room.
     */
    public List<PostedMessage> messagesBetween(String roomUri, long from, long to) {
        RoomUri uri = ownRoomUri(roomUri);
        return rooms.messagesBetween(uri.roomId(), from, to).stream().map(m -> PostedMessage.of(m, settings.domain())).toList();
    }

    /** The room's latest messages, oldest first, at most the server's history limit. */
    public List<PostedMessage> history(String user, String roomUri, int count) {
        Room room = readableRoom(user, roomUri);
        int capped = Math.max(0, Math.min(count, settings.historyLimit()));
        List<PostedMessage> shown = rooms.lastMessages(room, capped).stream().map(m -> PostedMessage.of(m, settings.domain())).toList();
        compliance.record(ComplianceEventType.BACKCHAT, new RoomUri(settings.domain(), room.getId()).toString(), room.getName(),
                user, clock.instant(), "last " + capped + " asked, " + shown.size() + " shown");
        return shown;
    }

    /**
     * Stores posts to one room in one transaction, in the order given: those that came in while
     * the room's previous posts were being stored. Each is checked on its own; a refused one gets
     * its refusal and stores nothing, the others are stored with the poster as author, the
     * server's time and the room's next numbers, in order, and one commit: under load a room's
     * posts cost a commit a batch, not one each. Taking the numbers locks the room's row until the
     * transaction commits, so that numbers are handed out across the pool without gaps, in commit
     * order.
     */
    public List<PostOutcome> postAll(String roomUri, List<RoomPost> posts) {
        Room room;
        try {
            room = roomToPostIn(roomUri);
        } catch (ChannelRefusal refused) {
            return posts.stream().map(post -> PostOutcome.refused(refused)).toList();
        }
        Map<String, Optional<ChannelRefusal>> posters = new HashMap<>(); // each poster checked once
        List<Optional<ChannelRefusal>> refusals = posts.stream()
                .map(post -> refusalOfText(post.post())
                        .or(() -> posters.computeIfAbsent(post.user(), user -> refusalOfPoster(room, user))))
                .toList();
        int accepted = (int) refusals.stream().filter(Optional::isEmpty).count();
        long sequence = accepted == 0 ? 0 : rooms.takeSequences(room.getId(), accepted);
        String uri = new RoomUri(settings.domain(), room.getId()).toString();
        List<PostOutcome> outcomes = new ArrayList<>(posts.size());
        for (int i = 0; i < posts.size(); i++) {
            if (refusals.get(i).isPresent()) {
                outcomes.add(PostOutcome.refused(refusals.get(i).get()));
                continue;
            }
            RoomPost post = posts.get(i);
            ChatMessage message = new ChatMessage(room, sequence++, post.user(), clock.instant(), post.post());
            rooms.add(message);
            compliance.recordChat(uri, room.getName(), post.user(), message.getPostedAt(), post.post().text(),
                    post.post().storyTitle(), post.post().alert(), message.getSequence());
            LOG.fine(() -> "message " + message.getSequence() + " by " + post.user() + " stored in " + room.getId());
            outcomes.add(PostOutcome.stored(PostedMessage.of(message, settings.domain())));
        }
        if (accepted > 0) {
            durable.onCommit(Database.CHAT); // the 200 promises the messages are kept
        }
        return outcomes;
    }

    /** Why the post's text is refused (empty, too long, a story without a proper title), if it is. */
    private Optional<ChannelRefusal> refusalOfText(ChatPost post) {
        String text = post.text();
        if (text == null || text.isBlank()) {
            return Optional.of(ChannelRefusal.badRequest(post.isStory() ? "The story has no body" : "The message is empty"));
        }
        if (post.isStory()) {
            if (post.storyTitle().isBlank() || post.storyTitle().length() > ChatPost.MAX_TITLE) {
                return Optional.of(ChannelRefusal.badRequest("A story's title is 1 to " + ChatPost.MAX_TITLE + " characters"));
            }
            if (text.length() > settings.storySizeLimit()) {
                return Optional.of(ChannelRefusal.tooLarge("The story has " + text.length() + " characters; the limit is "
                        + settings.storySizeLimit()));
            }
        } else if (text.length() > settings.messageSizeLimit()) {
            return Optional.of(ChannelRefusal.tooLarge("The message has " + text.length() + " characters; the limit is "
                    + settings.messageSizeLimit() + " (" + settings.storySizeLimit() + " for a story)"));
        }
        return Optional.empty();
    }

    /**
     * A file shared in the room: a message that names it, which history shows and participants
     * receive like any other, recorded for compliance as a FILEUPLOAD (with {@code details}).
     * Same rules as a post, and the room must allow files.
     */
    public PostedMessage postFile(String user, String roomUri, String text, String details) {
        Room room = roomToPostIn(roomUri);
        Optional<ChannelRefusal> refusal = refusalOfPoster(room, user);
        if (refusal.isPresent()) {
            throw refusal.get();
        }
        if (!room.isFilePost()) {
            throw ChannelRefusal.notAllowed("Files are not shared in " + room.getName());
        }
        ChatMessage message = append(room, user, ChatPost.plain(text));
        compliance.recordAboutMessage(ComplianceEventType.FILEUPLOAD, new RoomUri(settings.domain(), room.getId()).toString(), room.getName(),
                user, message.getPostedAt(), details, message.getSequence());
        return PostedMessage.of(message, settings.domain());
    }

    /** The room, if it takes posts at all. */
    private Room roomToPostIn(String roomUri) {
        RoomUri uri = ownRoomUri(roomUri);
        Room room = rooms.room(uri.roomId()).orElseThrow(() -> noSuchRoom(roomUri));
        if (room.isDisabled()) {
            throw ChannelRefusal.notAllowed("The room " + room.getName() + " is disabled");
        }
        return room;
    }

    /** Why the user may not post in the room (an ethical wall, not a presenter, not a member), if so. */
    private Optional<ChannelRefusal> refusalOfPoster(Room room, String user) {
        try {
            CategoryPolicy.requireOutsideWalls(room, user, rooms::groupsOf);
        } catch (ChannelRefusal walled) {
            return Optional.of(walled);
        }
        Set<MemberRole> roles = rooms.roles(room, user);
        if (room.getType() == RoomType.AUDITORIUM && !roles.contains(MemberRole.PRESENTER)) {
            return Optional.of(ChannelRefusal.notAllowed(room.getName() + " is an auditorium: only presenters post"));
        }
        if (roles.isEmpty() && !room.takesPostsFromNonMembers()) {
            return Optional.of(ChannelRefusal.notAllowed("Only members post in " + room.getName() + " (a "
                    + room.getPrivacy().name().toLowerCase(Locale.ROOT) + " room)"));
        }
        return Optional.empty();
    }

    private ChatMessage append(Room room, String user, ChatPost post) {
        ChatMessage message = new ChatMessage(room, rooms.takeNextSequence(room.getId()), user, clock.instant(), post);
        rooms.add(message);
        durable.onCommit(Database.CHAT); // the 200 promises the message is kept
        LOG.fine(() -> "message " + message.getSequence() + " by " + user + " stored in " + room.getId());
        return message;
    }

    public List<PendingInvitation> invitations(String user) {
        return rooms.pendingInvitations(user).stream()
                .map(i -> new PendingInvitation(i.getId(), new RoomUri(settings.domain(), i.getRoom().getId()).toString(),
                        i.getRoom().getName(), i.getInvitedBy(), i.getCreatedAt()))
                .toList();
    }

    public Optional<StoredPreference> preference(String user, String label) {
        return rooms.preference(user, label).map(ChannelService::stored);
    }

    public StoredPreference savePreference(String user, String label, String content) {
        if (label == null || label.isBlank() || label.length() > 256) {
            throw ChannelRefusal.badRequest("A preference needs a label of at most 256 characters");
        }
        if (content.length() > settings.messageSizeLimit() * 8) {
            throw ChannelRefusal.tooLarge("The preference is larger than " + settings.messageSizeLimit() * 8 + " characters");
        }
        Preference preference = rooms.preference(user, label).orElseGet(() -> {
            Preference created = new Preference(user, label, content);
            rooms.add(created);
            return created;
        });
        preference.replace(content);
        return stored(preference);
    }

    /** Rooms are created by administrators (through the administration API) for now. */
    public boolean mayCreateRooms(String user) {
        return false;
    }

    /** Whether the room exists, is enabled, and the user may read it. */
    private Room readableRoom(String user, String roomUri) {
        Room room = namedRoom(roomUri);
        requireReadable(room, roomUri, user, rooms.roles(room, user));
        return room;
    }

    private Room namedRoom(String roomUri) {
        return rooms.room(ownRoomUri(roomUri).roomId()).orElseThrow(() -> noSuchRoom(roomUri));
    }

    /** Refuses the user a room it may not read, given the user's roles in it. */
    private void requireReadable(Room room, String roomUri, String user, Set<MemberRole> roles) {
        if (room.getPrivacy() == Privacy.SECRET && roles.isEmpty()) {
            throw noSuchRoom(roomUri); // a secret room does not exist for those outside it
        }
        if (room.isDisabled()) {
            throw ChannelRefusal.notAllowed("The room " + room.getName() + " is disabled");
        }
        CategoryPolicy.requireOutsideWalls(room, user, rooms::groupsOf);
        if (room.getPrivacy() == Privacy.CLOSED && roles.isEmpty()) {
            throw ChannelRefusal.notAllowed(room.getName() + " is a closed room: only its members may enter");
        }
    }

    private RoomUri ownRoomUri(String roomUri) {
        RoomUri uri = RoomUri.parse(roomUri);
        if (!uri.domain().equalsIgnoreCase(settings.domain())) {
            throw noSuchRoom(roomUri);
        }
        return uri;
    }

    private static ChannelRefusal noSuchRoom(String roomUri) {
        return ChannelRefusal.notFound("There is no room " + roomUri);
    }

    private RoomSummary summary(Room room) {
        return RoomSummary.of(room, settings.domain(), rooms.memberCount(room));
    }

    private static StoredPreference stored(Preference preference) {
        return new StoredPreference(preference.getLabel(), preference.getVersion(), preference.getContent());
    }
}
