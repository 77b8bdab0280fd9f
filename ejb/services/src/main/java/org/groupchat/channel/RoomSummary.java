package org.groupchat.channel;

/** What search results, joins and the administration API tell about a room. */
public record RoomSummary(String uri, long id, String name, String description, String topic, String category,
                          Privacy privacy, RoomType type, boolean disabled, boolean filePost, boolean invite,
                          boolean logged, long memberCount) {

    static RoomSummary of(Room room, String domain, long memberCount) {
        return new RoomSummary(new RoomUri(domain, room.getId()).toString(), room.getId(), room.getName(),
                room.getDescription(), room.getTopic(), room.getCategory().getName(), room.getPrivacy(), room.getType(),
                room.isDisabled(), room.isFilePost(), room.isInvite(), room.isLogged(), memberCount);
    }
}
