package org.groupchat.web;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/** The HTTP API, under {@code /groupchat/api}. */
@ApplicationPath("/api")
public class GroupchatApi extends Application {
}
