package org.groupchat.storage;

import java.sql.Connection;
import java.sql.SQLException;

/** The application's two databases. */
public enum Database {
    CHAT,
    COMPLIANCE;

    /** Whether the connection is to H2 (the embedded default), which needs the help of this package. */
    static boolean isH2(Connection connection) throws SQLException {
        return "H2".equalsIgnoreCase(connection.getMetaData().getDatabaseProductName());
    }
}
