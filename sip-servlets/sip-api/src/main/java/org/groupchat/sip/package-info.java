/**
 * The SIP servlet API of groupchat: what the SIP resource adapter delivers to message-driven beans
 * ({@link org.groupchat.sip.SipRequestListener}), the servlet-style base class of each role
 * ({@link org.groupchat.sip.SipServlet}), and the request, response and dialog views the roles use.
 * Nothing here depends on JAIN-SIP: roles never see the stack.
 */
package org.groupchat.sip;
