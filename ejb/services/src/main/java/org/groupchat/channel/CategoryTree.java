package org.groupchat.channel;

import jakarta.annotation.PostConstruct;
import jakarta.ejb.EJB;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;

/** The category tree's root, created with the database; categories by name below it. */
@Singleton
@Startup
@DependsOn("SchemaMigrations")
public class CategoryTree {

    static final String ROOT_NAME = "root";

    @EJB
    private RoomRepository rooms;

    @PostConstruct
    void createRootOnFirstStart() {
        if (rooms.rootCategory().isEmpty()) {
            rooms.add(new Category(ROOT_NAME, null));
        }
    }

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
