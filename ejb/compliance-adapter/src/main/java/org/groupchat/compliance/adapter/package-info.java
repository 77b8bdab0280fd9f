/**
 * The compliance adapter interface: how the scheduled export hands the archive's events to a
 * sink. The built-in XML file adapter implements it; a site adds its own as a CDI bean in a jar
 * of the EAR's {@code lib/} (README, Compliance adapters).
 */
package org.groupchat.compliance.adapter;
