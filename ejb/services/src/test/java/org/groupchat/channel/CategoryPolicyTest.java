package org.groupchat.channel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class CategoryPolicyTest {

    private final Category root = new Category("root", null);
    private final Category bank = new Category("bank", root);
    private final Category research = new Category("research", bank);

    @Test
    void withoutRulesEveryoneIsAllowed() {
        assertTrue(CategoryPolicy.memberExclusion(research, "sip:anyone@example.org").isEmpty());
        assertTrue(CategoryPolicy.creatorExclusion(research, "sip:anyone@example.org", CategoryPolicy.GroupsOfUser.NONE).isEmpty());
    }

    @Test
    void aDenialAnywhereAboveIsAWall() {
        bank.getDeniedMembers().add("sip:trader@example.org");
        assertEquals("sip:trader@example.org is denied as one of the members of category bank",
                CategoryPolicy.memberExclusion(research, "sip:trader@example.org").orElseThrow());
        assertTrue(CategoryPolicy.memberExclusion(research, "sip:analyst@example.org").isEmpty());
        assertTrue(CategoryPolicy.memberExclusion(root, "sip:trader@example.org").isEmpty(), "the wall is below the root");
    }

    @Test
    void theNearestAllowedListDecidesAndDomainsCount() {
        bank.getAllowedMembers().add("@example.org");
        research.getAllowedMembers().add("sip:analyst@example.org");
        assertTrue(CategoryPolicy.memberExclusion(research, "sip:analyst@example.org").isEmpty());
        assertFalse(CategoryPolicy.memberExclusion(research, "sip:clerk@example.org").isEmpty(), "research names its own");
        assertTrue(CategoryPolicy.memberExclusion(bank, "sip:clerk@example.org").isEmpty(), "the bank allows its domain");
        assertFalse(CategoryPolicy.memberExclusion(bank, "sip:visitor@elsewhere.net").isEmpty());
    }

    @Test
    void aUserWithoutAUserPartIsReadByItsWholeUri() {
        bank.getAllowedMembers().add("@example.org");
        assertFalse(CategoryPolicy.memberExclusion(research, "sip:example.org").isEmpty());
    }

    @Test
    void aDenialBeatsAnAllowance() {
        research.getAllowedMembers().add("@example.org");
        bank.getDeniedMembers().add("sip:trader@example.org");
        assertFalse(CategoryPolicy.memberExclusion(research, "sip:trader@example.org").isEmpty());
    }

    @Test
    void creatorsHaveTheirOwnLists() {
        bank.getDeniedCreators().add("sip:intern@example.org");
        assertFalse(CategoryPolicy.creatorExclusion(research, "sip:intern@example.org", CategoryPolicy.GroupsOfUser.NONE).isEmpty());
        assertTrue(CategoryPolicy.memberExclusion(research, "sip:intern@example.org").isEmpty());
    }

    @Test
    void creatingRoomsNeedsACategoryThatGrantsIt() {
        assertFalse(CategoryPolicy.creationRefusal(research, "sip:lead@example.org").isEmpty(), "no grant: administrators only");
        bank.getAllowedCreators().add("sip:lead@example.org");
        assertTrue(CategoryPolicy.creationRefusal(research, "sip:lead@example.org").isEmpty());
        assertFalse(CategoryPolicy.creationRefusal(research, "sip:other@example.org").isEmpty());
        research.getDeniedCreators().add("sip:lead@example.org");
        assertFalse(CategoryPolicy.creationRefusal(research, "sip:lead@example.org").isEmpty());
    }

    @Test
    void optionsComeFromTheNearestCategoryThatSetsThem() {
        assertTrue(CategoryPolicy.filePost(research));
        bank.setFilePost(false);
        assertFalse(CategoryPolicy.filePost(research));
        research.setFilePost(true);
        assertTrue(CategoryPolicy.filePost(research));
        root.setInvite(false);
        assertFalse(CategoryPolicy.invite(research));
    }

    @Test
    void retentionComesFromTheNearestCategoryThatSetsItAndNoneKeepsForEver() {
        assertEquals(0, CategoryPolicy.retentionDays(research));
        root.setRetentionDays(365);
        assertEquals(365, CategoryPolicy.retentionDays(research));
        bank.setRetentionDays(0);
        assertEquals(0, CategoryPolicy.retentionDays(research), "a nearer 0 keeps for ever against the root's year");
        research.setRetentionDays(30);
        assertEquals(30, CategoryPolicy.retentionDays(research));
        assertEquals(0, CategoryPolicy.retentionDays(bank));
    }

    @Test
    void aGroupOnAListAdmitsItsUsersAndIsAskedForOnlyWhenAListNamesOne() {
        AtomicInteger asked = new AtomicInteger();
        CategoryPolicy.GroupsOfUser groups = user -> {
            asked.incrementAndGet();
            return user.equals("sip:leo@example.org") ? List.of("Desk", "juniors") : List.of();
        };
        bank.getAllowedMembers().add("@example.org");
        assertTrue(CategoryPolicy.memberExclusion(research, "sip:leo@example.org", groups).isEmpty());
        assertEquals(0, asked.get(), "no list names a group: no query");

        research.getAllowedMembers().add("group:Desk");
        research.getDeniedMembers().add("group:interns");
        assertTrue(CategoryPolicy.memberExclusion(research, "sip:leo@example.org", groups).isEmpty());
        assertEquals("category research allows only [group:Desk] as members",
                CategoryPolicy.memberExclusion(research, "sip:lars@example.org", groups).orElseThrow());
        assertEquals(2, asked.get(), "once per check, though two lists name groups");
    }

    @Test
    void entriesAreSipUrisDomainsOrGroups() {
        assertTrue(CategoryPolicy.isEntry("sip:a@example.org"));
        assertTrue(CategoryPolicy.isEntry("@example.org"));
        assertTrue(CategoryPolicy.isEntry("group:Trading Desk"));
        assertFalse(CategoryPolicy.isEntry("group: "));
        assertEquals("group:Trading Desk", CategoryPolicy.normalizedEntry(" GROUP:Trading Desk "));
        assertEquals("sip:a@example.org", CategoryPolicy.normalizedEntry("SIP:A@Example.org"));
        assertFalse(CategoryPolicy.isEntry("example.org"));
        assertFalse(CategoryPolicy.isEntry("sip:nobody"));
        assertFalse(CategoryPolicy.isEntry(null));
    }
}
