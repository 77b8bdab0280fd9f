package org.groupchat.channel;

import jakarta.ejb.EJB;
import jakarta.ejb.Singleton;

/** The category tree's root (made with the chat database, db/chat/V2); categories by name below it. */
@Singleton
public class CategoryTree {

    static final String ROOT_NAME = "root";

    @EJB
    private RoomRepository rooms;

    public Category root() {
        return rooms.rootCategory().orElseThrow(() -> new IllegalStateException("the root category is missing"));
    }

    /** The category with this name, made under the root the first time it is named. */
    public Category named(String name) {
        if (name == null || name.isBlank() || name.equals(ROOT_NAME)) {
            return root();
        }
        return rooms.categoryNamed(name).orElseGet(() -> {
            Category created = new Category(name, root());
            rooms.add(created);
            return created;
        });
    }
}
