package org.groupchat.channel;

import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.logging.Logger;
import org.groupchat.compliance.ComplianceEventType;
import org.groupchat.compliance.ComplianceRecorder;

/**
 * What administrators do with the category tree: create categories under others, set who may be
 * in their rooms and who may create rooms there, and the options their rooms inherit. A change
 * applies at once to every room below: inherited options are taken again, and members a wall now
 * excludes leave. Categories are not deleted (their rooms and history stay).
 */
@Stateless
public class CategoryAdministration {

    private static final Logger LOG = Logger.getLogger(CategoryAdministration.class.getName());

    @EJB
    private RoomRepository rooms;

    @EJB
    private CategoryTree tree;

    @EJB
    private RoomAdministration roomAdministration;

    @EJB
    private ComplianceRecorder compliance;

    private final Clock clock = Clock.systemUTC();

    public List<CategoryDetails> list() {
        return rooms.categories().stream().map(this::details).toList();
    }

    public CategoryDetails read(long id) {
        return details(category(id));
    }

    public CategoryDetails create(String admin, CategorySpec spec) {
        String name = freeName(spec.name());
        Category parent = spec.parent() == null ? tree.root() : named(spec.parent());
        Category category = new Category(name, parent);
        apply(spec, category);
        rooms.add(category);
        LOG.info(() -> "category " + name + " created under " + parent.getName() + " by " + admin);
        return recorded(ComplianceEventType.CATEGORY_CREATED, admin, details(category));
    }

    public CategoryDetails update(String admin, long id, CategorySpec spec) {
        Category category = category(id);
        if (spec.name() != null && !spec.name().trim().equals(category.getName())) {
            if (category.getParent() == null) {
                throw ChannelRefusal.badRequest("The root category keeps its name");
            }
            category.setName(freeName(spec.name()));
        }
        if (spec.parent() != null) {
            Category parent = named(spec.parent());
            if (category.getParent() == null || parent.chain().contains(category)) {
                throw ChannelRefusal.badRequest("Category " + category.getName() + " cannot move under " + parent.getName()
                        + ": the tree would have a loop or lose its root");
            }
            category.setParent(parent);
        }
        apply(spec, category);
        for (Room room : rooms.roomsIn(subtree(category))) {
            roomAdministration.applyCategoryRules(admin, room);
        }
        LOG.info(() -> "category " + category.getName() + " changed by " + admin);
        return recorded(ComplianceEventType.CATEGORY_CHANGED, admin, details(category));
    }

    /** The change goes to compliance as the category's state after it, its subject {@code category:ID}. */
    private CategoryDetails recorded(ComplianceEventType type, String admin, CategoryDetails category) {
        String state = "name=" + category.name() + "; parent=" + category.parent() + "; allowedMembers=" + category.allowedMembers()
                + "; deniedMembers=" + category.deniedMembers() + "; allowedCreators=" + category.allowedCreators()
                + "; deniedCreators=" + category.deniedCreators() + "; filepost=" + category.filePost() + "; invite=" + category.invite() + "; retentionDays=" + category.retentionDays();
        compliance.record(type, "category:" + category.id(), category.name(), admin, clock.instant(), state);
        return category;
    }

    private void apply(CategorySpec spec, Category category) {
        replace(category.getAllowedMembers(), spec.allowedMembers(), "allowedMembers");
        replace(category.getDeniedMembers(), spec.deniedMembers(), "deniedMembers");
        replace(category.getAllowedCreators(), spec.allowedCreators(), "allowedCreators");
        replace(category.getDeniedCreators(), spec.deniedCreators(), "deniedCreators");
        if (spec.filePost() != null) {
            category.setFilePost(spec.filePost());
        }
        if (spec.invite() != null) {
            category.setInvite(spec.invite());
        }
        if (spec.retentionDays() != null) {
            if (spec.retentionDays() < 0 || spec.retentionDays() > 100 * 366) {
                throw ChannelRefusal.badRequest("retentionDays: " + spec.retentionDays()
                        + " is not a number of days from 0 (messages kept for ever) to 36600");
            }
            category.setRetentionDays(spec.retentionDays());
        }
    }

    private void replace(Set<String> entries, List<String> given, String field) {
        if (given == null) {
            return;
        }
        Set<String> checked = new LinkedHashSet<>();
        for (String entry : given) {
            checked.add(listEntry(field, entry));
        }
        entries.clear();
        entries.addAll(checked);
    }

    /**
     * An entry of a category's list as the list keeps it (see {@link CategoryPolicy#normalizedEntry}):
     * a SIP URI, a domain, or a group that exists; refused with the list's name otherwise.
     */
    public String listEntry(String field, String entry) {
        String normalized = CategoryPolicy.normalizedEntry(entry);
        if (!CategoryPolicy.isEntry(normalized)) {
            throw ChannelRefusal.badRequest(field + ": '" + entry + "' is neither a SIP URI (sip:user@host), a domain (@host) nor a group (group:NAME)");
        }
        if (normalized.startsWith(UserGroup.PREFIX) && rooms.group(normalized.substring(UserGroup.PREFIX.length())).isEmpty()) {
            throw ChannelRefusal.notFound(field + ": there is no group " + normalized.substring(UserGroup.PREFIX.length()));
        }
        return normalized;
    }

    /** The category and every category below it. */
    private List<Category> subtree(Category top) {
        List<Category> below = new ArrayList<>();
        for (Category category : rooms.categories()) {
            if (category.chain().contains(top)) {
                below.add(category);
            }
        }
        return below;
    }

    private String freeName(String requested) {
        String name = requested == null ? "" : requested.trim();
        if (name.isEmpty() || name.length() > 256) {
            throw ChannelRefusal.badRequest("A category needs a name of at most 256 characters");
        }
        if (rooms.categoryNamed(name).isPresent()) {
            throw ChannelRefusal.conflict("There is a category named " + name + " already");
        }
        return name;
    }

    private Category named(String name) {
        return rooms.categoryNamed(name.trim()).orElseThrow(() -> ChannelRefusal.notFound("There is no category " + name));
    }

    private Category category(long id) {
        return rooms.category(id).orElseThrow(() -> ChannelRefusal.notFound("There is no category " + id));
    }

    private CategoryDetails details(Category category) {
        return CategoryDetails.of(category, rooms.roomsIn(List.of(category)).size());
    }
}
