package org.groupchat.it;

import static org.groupchat.it.Sipp.assertContains;

import java.io.File;
import java.util.List;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.extension.ExtendWith;

/** The built-in front role as a SIP client meets it before group chat: registration and provisioning. */
@ExtendWith(ArquillianExtension.class)
class FrontIT {

    @Deployment(testable = false)
    static EnterpriseArchive groupchat() {
        return ShrinkWrap.createFromZipFile(EnterpriseArchive.class, new File(System.getProperty("it.ear")));
    }

    @ParameterizedTest
    @EnumSource(Sipp.Transport.class)
    void aClientRegistersIsToldWhereGroupChatIsAndUnregisters(Sipp.Transport transport) throws Exception {
        Sipp.Run client = Sipp.run("front-register-subscribe", transport, List.of("pat")).assertPassed();

        // (the scenario checks each header; its log shows what it found)
        assertContains(client.log(), "REGISTERED supported msrtc-event-categories events  vnd-microsoft-provisioning-v2 expires 600");
        assertContains(client.log(), ";transport=" + transport.name() + ">;expires=");
        assertContains(client.log(), "PROVISIONED event vnd-microsoft-provisioning-v2 pool <property name=\"DefaultPersistentChatPoolUri\">sip:ocschat@groupchat.test<");
        assertContains(client.log(), "REFUSED presence, allowed vnd-microsoft-provisioning-v2");
        assertContains(client.log(), "UNREGISTERED expires");
    }
}
