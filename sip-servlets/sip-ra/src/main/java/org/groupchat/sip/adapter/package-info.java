/**
 * The JCA inbound resource adapter that hosts SIP inside WildFly: it runs the JAIN-SIP stack,
 * answers at the transport level (100 Trying, CANCEL, unknown dialogs and services), and delivers
 * requests to the roles' message-driven beans through the adapter's WorkManager, in order per
 * dialog and in parallel across dialogs.
 */
package org.groupchat.sip.adapter;
