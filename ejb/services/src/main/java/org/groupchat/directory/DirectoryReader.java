package org.groupchat.directory;

import java.io.IOException;
import java.util.HashMap;
import java.util.Hashtable;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.logging.Logger;
import javax.naming.Context;
import javax.naming.NamingEnumeration;
import javax.naming.NamingException;
import javax.naming.directory.Attribute;
import javax.naming.directory.Attributes;
import javax.naming.directory.SearchControls;
import javax.naming.directory.SearchResult;
import javax.naming.ldap.Control;
import javax.naming.ldap.InitialLdapContext;
import javax.naming.ldap.LdapContext;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.PagedResultsControl;
import javax.naming.ldap.PagedResultsResponseControl;
import org.groupchat.channel.ChannelRefusal;
import org.groupchat.channel.RoomAdministration;
import org.groupchat.config.GroupchatSettings.DirectorySettings;

/**
 * Reads the directory's users and groups over LDAP (the JDK's provider), a page at a time as
 * Active Directory requires past 1,000 entries. A user without a SIP address is not a chat user
 * and is left out; so is a group member the reading did not find.
 */
final class DirectoryReader {

    private static final Logger LOG = Logger.getLogger(DirectoryReader.class.getName());
    private static final int PAGE = 500;

    private final DirectorySettings settings;

    DirectoryReader(DirectorySettings settings) {
        this.settings = settings;
    }

    DirectorySnapshot read() throws NamingException, IOException {
        LdapContext ldap = new InitialLdapContext(environment(), null);
        try {
            Map<LdapName, String> userUris = new HashMap<>();
            Map<String, DirectoryUser> users = new LinkedHashMap<>();
            search(ldap, settings.userBase(), settings.userFilter(),
                    new String[] {settings.userSipAttribute(), settings.displayNameAttribute(), settings.mailAttribute()}, result -> {
                        String sip = text(result.getAttributes(), settings.userSipAttribute());
                        String uri = sipUri(sip);
                        if (uri != null) {
                            userUris.put(name(result.getNameInNamespace()), uri);
                            users.put(uri, new DirectoryUser(uri, text(result.getAttributes(), settings.displayNameAttribute()),
                                    text(result.getAttributes(), settings.mailAttribute())));
                        }
                    });
            Map<LdapName, Set<LdapName>> members = new HashMap<>();
            Map<LdapName, String> groupNames = new LinkedHashMap<>();
            search(ldap, settings.groupBase(), settings.groupFilter(),
                    new String[] {settings.groupNameAttribute(), settings.memberAttribute()}, result -> {
                        String groupName = text(result.getAttributes(), settings.groupNameAttribute());
                        if (groupName == null || groupName.isBlank()) {
                            return;
                        }
                        LdapName dn = name(result.getNameInNamespace());
                        groupNames.put(dn, groupName.trim());
                        Set<LdapName> listed = new LinkedHashSet<>();
                        Attribute member = result.getAttributes().get(settings.memberAttribute());
                        if (member != null) {
                            for (NamingEnumeration<?> values = member.getAll(); values.hasMore(); ) {
                                listed.add(name(values.next().toString()));
                            }
                        }
                        members.put(dn, listed);
                    });
            NestedGroups nested = new NestedGroups(members, userUris);
            Map<String, Set<String>> groups = new LinkedHashMap<>();
            Map<String, String> groupDns = new LinkedHashMap<>();
            groupNames.forEach((dn, groupName) -> {
                if (groups.putIfAbsent(groupName, nested.usersOf(dn)) == null) {
                    groupDns.put(groupName, dn.toString());
                } else {
                    LOG.warning(() -> "directory: two groups are named " + groupName + "; " + dn + " is left out");
                }
            });
            return new DirectorySnapshot(users, groups, groupDns);
        } finally {
            ldap.close();
        }
    }

    private Hashtable<String, Object> environment() {
        Hashtable<String, Object> environment = new Hashtable<>();
        environment.put(Context.INITIAL_CONTEXT_FACTORY, "com.sun.jndi.ldap.LdapCtxFactory");
        environment.put(Context.PROVIDER_URL, settings.url());
        environment.put("com.sun.jndi.ldap.connect.timeout", "5000");
        environment.put("com.sun.jndi.ldap.read.timeout", "30000");
        environment.put(Context.REFERRAL, "ignore");
        if (!settings.bindDn().isEmpty()) {
            environment.put(Context.SECURITY_AUTHENTICATION, "simple");
            environment.put(Context.SECURITY_PRINCIPAL, settings.bindDn());
            environment.put(Context.SECURITY_CREDENTIALS, settings.bindPassword());
        }
        return environment;
    }

    /** Every entry under the base that matches, a page at a time. */
    private static void search(LdapContext ldap, String base, String filter, String[] attributes, EntryConsumer each)
            throws NamingException, IOException {
        SearchControls controls = new SearchControls();
        controls.setSearchScope(SearchControls.SUBTREE_SCOPE);
        controls.setReturningAttributes(attributes);
        byte[] cookie = null;
        do {
            ldap.setRequestControls(new Control[] {new PagedResultsControl(PAGE, cookie, Control.NONCRITICAL)});
            NamingEnumeration<SearchResult> results = ldap.search(base, filter, controls);
            while (results.hasMore()) {
                each.accept(results.next());
            }
            cookie = null;
            Control[] response = ldap.getResponseControls();
            if (response != null) {
                for (Control control : response) {
                    if (control instanceof PagedResultsResponseControl paged) {
                        cookie = paged.getCookie();
                    }
                }
            }
        } while (cookie != null && cookie.length > 0);
    }

    /** A SIP URI from the attribute's value: {@code sip:} added when missing, as URIs compare; null if it is none. */
    static String sipUri(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String uri = value.trim();
        if (!uri.regionMatches(true, 0, "sip:", 0, 4) && !uri.regionMatches(true, 0, "sips:", 0, 5)) {
            uri = "sip:" + uri;
        }
        try {
            return RoomAdministration.userUri(uri);
        } catch (ChannelRefusal notAUri) {
            return null;
        }
    }

    private static String text(Attributes attributes, String id) throws NamingException {
        Attribute attribute = attributes.get(id);
        return attribute == null || attribute.get() == null ? null : attribute.get().toString();
    }

    /** DNs compare as the directory does: by their parts, in any case. */
    static LdapName name(String dn) throws NamingException {
        return new LdapName(dn.toLowerCase(Locale.ROOT));
    }

    @FunctionalInterface
    private interface EntryConsumer {
        void accept(SearchResult result) throws NamingException;
    }
}
