package org.groupchat.xccos;

/**
 * The one table of XCCOS response codes this server sends in {@code <resp code="...">}.
 *
 * <p>Codes follow HTTP's meaning, as the OCS servers did. The client shows the text of a non-200
 * {@code <resp>} to the user, so every error carries a readable reason next to its code.
 *
 * <table>
 *   <caption>XCCOS response codes</caption>
 *   <tr><th>code</th><th>constant</th><th>sent when</th></tr>
 *   <tr><td>200</td><td>SUCCESS_OK</td><td>the command succeeded</td></tr>
 *   <tr><td>400</td><td>BAD_REQUEST</td><td>the command is unknown, or its data is missing or malformed</td></tr>
 *   <tr><td>403</td><td>NOT_ALLOWED</td><td>the user may not do this (not a member, not a presenter, room disabled)</td></tr>
 *   <tr><td>404</td><td>NOT_FOUND</td><td>no such room, category or invitation</td></tr>
 *   <tr><td>409</td><td>CONFLICT</td><td>it clashes with what exists (for example a room name taken)</td></tr>
 *   <tr><td>413</td><td>TOO_LARGE</td><td>the message or request is larger than the limit the server advertises</td></tr>
 *   <tr><td>500</td><td>SERVER_ERROR</td><td>the server failed; nothing was changed</td></tr>
 *   <tr><td>503</td><td>UNAVAILABLE</td><td>the service cannot answer now (for example no live channel server)</td></tr>
 * </table>
 */
public enum XccosCode {
    SUCCESS_OK(200),
    BAD_REQUEST(400),
    NOT_ALLOWED(403),
    NOT_FOUND(404),
    CONFLICT(409),
    TOO_LARGE(413),
    SERVER_ERROR(500),
    UNAVAILABLE(503);

    private final int code;

    XccosCode(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }
}
