/** The compliance archive over HTTP, for the {@code auditor} role: query, export, schema. */
package org.groupchat.web.audit;
