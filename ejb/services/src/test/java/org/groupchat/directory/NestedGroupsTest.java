package org.groupchat.directory;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import java.util.Set;
import javax.naming.ldap.LdapName;
import org.junit.jupiter.api.Test;

/** Groups in groups: every user however deep, loops closed, strangers left out. */
class NestedGroupsTest {

    @Test
    void aGroupHasTheUsersOfTheGroupsInItAndALoopEnds() throws Exception {
        LdapName desk = DirectoryReader.name("CN=Desk,OU=Groups,DC=x");
        LdapName juniors = DirectoryReader.name("cn=juniors, ou=groups, dc=x");
        LdapName loop = DirectoryReader.name("cn=loop,ou=groups,dc=x");
        LdapName lena = DirectoryReader.name("uid=lena,ou=people,dc=x");
        LdapName leo = DirectoryReader.name("UID=Leo,OU=People,DC=X");
        LdapName stranger = DirectoryReader.name("uid=gone,ou=people,dc=x");
        NestedGroups groups = new NestedGroups(Map.of(
                desk, Set.of(lena, DirectoryReader.name("CN=juniors,OU=groups,DC=x")),
                juniors, Set.of(DirectoryReader.name("uid=leo,ou=people,dc=x"), loop, stranger),
                loop, Set.of(desk)),
                Map.of(lena, "sip:lena@x", leo, "sip:leo@x"));
        assertEquals(Set.of("sip:lena@x", "sip:leo@x"), groups.usersOf(desk), "DNs compare in any case and spacing");
        assertEquals(Set.of("sip:lena@x", "sip:leo@x"), groups.usersOf(loop), "through desk, whose juniors hold the loop again");
        assertEquals(Set.of("sip:leo@x", "sip:lena@x"), groups.usersOf(juniors));
    }

    @Test
    void aSipAddressIsTakenWithOrWithoutItsScheme() {
        assertEquals("sip:lena@groupchat.test", DirectoryReader.sipUri("Lena@GroupChat.test"));
        assertEquals("sip:leo@x.org", DirectoryReader.sipUri("SIP:leo@x.org"));
        assertEquals(null, DirectoryReader.sipUri("not a uri"));
        assertEquals(null, DirectoryReader.sipUri(""));
    }
}
