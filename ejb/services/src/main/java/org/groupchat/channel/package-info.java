/**
 * The Channel service's business side: rooms in a category tree, their members and roles, the
 * messages posted in them (numbered per room), invitations and client preferences, with every
 * rule of privacy, membership and room type. {@link org.groupchat.channel.ChannelService} serves
 * chat users, {@link org.groupchat.channel.RoomAdministration} administrators.
 */
package org.groupchat.channel;
