/**
 * Bringing an organisation's Persistent Chat across from Skype for Business: categories and rooms
 * from the CSV its management shell exports, history from compliance XML files, checked as a
 * whole (every problem with its file and line) and then applied in one transaction.
 */
package org.groupchat.migration;
