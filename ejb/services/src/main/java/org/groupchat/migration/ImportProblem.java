package org.groupchat.migration;

/** Something wrong in an import's input: which file, which line (0: the file as a whole), what. */
public record ImportProblem(String file, long line, String message) {

    @Override
    public String toString() {
        return file + (line > 0 ? " line " + line : "") + ": " + message;
    }
}
