/** The SIP side of the Lookup service: the servlet that answers the shared lookup URI. */
package org.groupchat.sip.lookup;
