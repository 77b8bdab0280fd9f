/**
 * The Web service's business side: files shared in rooms. A client asks the channel for a token
 * (one transfer, one direction, one user, room and file, a short life), then moves the bytes over
 * HTTPS ({@code web}, {@code /api/files/TOKEN}). Files are kept under the server's data directory
 * by content hash, their details in the chat database; an upload becomes a message in its room
 * and a FILEUPLOAD compliance event, each download a FILEDOWNLOAD event. Nothing is deleted.
 */
package org.groupchat.files;
