package org.groupchat.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class GroupchatSettingsTest {

    private static GroupchatSettings settings(Map<String, String> properties) {
        return GroupchatSettings.from(properties::get);
    }

    @Test
    void defaultsRunOnLoopbackWithTheOcsLookupUri() {
        GroupchatSettings settings = settings(Map.of("jboss.node.name", "Node One"));

        assertEquals("localhost", settings.domain());
        assertEquals("127.0.0.1", settings.sipBindAddress());
        assertEquals(5060, settings.sipPort());
        assertEquals(Set.of("udp", "tcp"), settings.sipTransports());
        assertEquals("sip:ocschat@localhost", settings.lookupUri());
        assertEquals("sip:channel-node-one@localhost", settings.channelServerUri());
        assertEquals(Duration.ofSeconds(10), settings.heartbeatInterval());
        assertEquals(Duration.ofSeconds(30), settings.staleAfter());
        assertTrue(settings.complianceEnabled());
    }

    @Test
    void tlsListensBesideTheSipPortWithKeysFromWildFlysConfigurationDirectory() {
        GroupchatSettings settings = settings(Map.of(GroupchatSettings.PORT_OFFSET, "100", "jboss.server.config.dir", "/srv/wf/configuration"));

        assertEquals(5161, settings.tls().port());
        assertEquals(java.nio.file.Path.of("/srv/wf/configuration/groupchat-sip.p12"), settings.tls().keyStore());
        assertEquals(java.nio.file.Path.of("/srv/wf/configuration/groupchat-sip-peers.p12"), settings.tls().trustStore());
        assertEquals(false, settings.tls().needClientCertificate());
        assertEquals("open", settings.identityPolicy());
        assertEquals(60, settings.frontMaxRegistrationsPerMinute());
        assertEquals(java.nio.file.Path.of("/srv/wf/configuration/groupchat-sip-users.properties"), settings.sipUsers());
    }

    @Test
    void registrationIsOpenDigestOrOff() {
        assertEquals("digest", settings(Map.of(GroupchatSettings.FRONT_REGISTRATION, "Digest")).frontRegistration());
        IllegalArgumentException ntlm = assertThrows(IllegalArgumentException.class,
                () -> settings(Map.of(GroupchatSettings.FRONT_REGISTRATION, "ntlm")));
        assertTrue(ntlm.getMessage().contains("open, digest, off"), ntlm.getMessage());
    }

    @Test
    void onlyTrustedProxiesNeedsTls() {
        IllegalArgumentException withoutTls = assertThrows(IllegalArgumentException.class, () -> settings(Map.of(
                GroupchatSettings.SIP_IDENTITY, "trusted-proxies", GroupchatSettings.SIP_TLS_PORT, "0")));
        assertTrue(withoutTls.getMessage().contains(GroupchatSettings.SIP_TLS_PORT), withoutTls.getMessage());
        assertThrows(IllegalArgumentException.class, () -> settings(Map.of(GroupchatSettings.SIP_TLS_CLIENT_AUTH, "maybe")));
        assertEquals(true, settings(Map.of(GroupchatSettings.SIP_TLS_CLIENT_AUTH, "need")).tls().needClientCertificate());
    }

    @Test
    void complianceCanBeSwitchedOffButNotMisspelt() {
        assertEquals(false, settings(Map.of(GroupchatSettings.COMPLIANCE_ENABLED, "off")).complianceEnabled());
        IllegalArgumentException maybe = assertThrows(IllegalArgumentException.class,
                () -> settings(Map.of(GroupchatSettings.COMPLIANCE_ENABLED, "maybe")));
        assertTrue(maybe.getMessage().contains(GroupchatSettings.COMPLIANCE_ENABLED), maybe.getMessage());
    }

    @Test
    void domainFlowsIntoTheDefaultUrisAndThePortOffsetIsApplied() {
        GroupchatSettings settings = settings(Map.of(
                GroupchatSettings.DOMAIN, "chat.example.org",
                GroupchatSettings.NODE_NAME, "a",
                GroupchatSettings.PORT_OFFSET, "100"));

        assertEquals("sip:ocschat@chat.example.org", settings.lookupUri());
        assertEquals("sip:channel-a@chat.example.org", settings.channelServerUri());
        assertEquals(5160, settings.sipPort());
    }

    @Test
    void badValuesNameTheirKey() {
        IllegalArgumentException port = assertThrows(IllegalArgumentException.class,
                () -> settings(Map.of(GroupchatSettings.SIP_PORT, "fifty")));
        assertTrue(port.getMessage().contains(GroupchatSettings.SIP_PORT), port.getMessage());

        IllegalArgumentException transport = assertThrows(IllegalArgumentException.class,
                () -> settings(Map.of(GroupchatSettings.SIP_TRANSPORTS, "udp,sctp")));
        assertTrue(transport.getMessage().contains("sctp"), transport.getMessage());

        assertThrows(IllegalArgumentException.class,
                () -> settings(Map.of(GroupchatSettings.LOOKUP_URI, "ocschat")));
        assertThrows(IllegalArgumentException.class,
                () -> settings(Map.of(GroupchatSettings.HEARTBEAT_SECONDS, "30", GroupchatSettings.STALE_SECONDS, "20")));
    }
}
