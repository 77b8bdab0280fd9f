/*
 * LD_PRELOAD shim for pidgin-sipe on Debian bookworm.
 *
 * SIPE hands libxml2 a handler that carries the SAX2 magic but fills in only the SAX1
 * element callbacks. libxml2 2.9.14 then calls neither, so SIPE silently sees every XML
 * body as empty. Such a handler is passed on as a plain SAX1 handler instead.
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <libxml/parser.h>
#include <libxml/SAX2.h>

typedef int (*parse_memory_fn)(xmlSAXHandlerPtr, void *, const char *, int);

int xmlSAXUserParseMemory(xmlSAXHandlerPtr sax, void *user_data, const char *buffer, int size)
{
	static parse_memory_fn real;
	if (!real)
		real = (parse_memory_fn) dlsym(RTLD_NEXT, "xmlSAXUserParseMemory");

	if (sax && sax->initialized == XML_SAX2_MAGIC
	    && !sax->startElementNs && !sax->endElementNs
	    && (sax->startElement || sax->endElement)) {
		xmlSAXHandler sax1 = *sax;
		sax1.initialized = 1;
		return real(&sax1, user_data, buffer, size);
	}
	return real(sax, user_data, buffer, size);
}
