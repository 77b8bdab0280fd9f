package org.groupchat.channel;

/**
 * What a client posts: the text, and, as Skype for Business clients send them, a story's title
 * (the text is then the story's body, allowed up to the larger story size limit) and the alert
 * flag of a high-importance message.
 *
 * @param storyTitle null for an ordinary message
 */
public record ChatPost(String text, String storyTitle, boolean alert) {

    /** The longest story title, in characters. */
    public static final int MAX_TITLE = 256;

    public static ChatPost plain(String text) {
        return new ChatPost(text, null, false);
    }

    public boolean isStory() {
        return storyTitle != null;
    }
}
