/**
 * The Web service: shared files up and down over HTTPS, by the one-use tokens the channel gives
 * ({@code cmd:getfutok}, {@code cmd:getfdtok}); no password, the token is the permission.
 */
package org.groupchat.web.files;
