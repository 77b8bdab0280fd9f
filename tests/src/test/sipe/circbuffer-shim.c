/*
 * LD_PRELOAD shim for pidgin-sipe on Debian bookworm: a circular buffer that can grow.
 *
 * SIPE queues what it sends in a libpurple 2.x PurpleCircBuffer. When that buffer has to grow
 * while its fill pointer stands exactly at its end (the previous message ended at the last byte
 * of the buffer), grow_circ_buffer() leaves the pointers so that the next reads go past the data
 * and bufused wraps below zero: from then on SIPE sends the buffer's contents again and again, as
 * fast as the socket takes them. Whether it happens depends only on message lengths; it showed as
 * a client that wrote the same SUBSCRIBE in a loop until the server had to close it.
 *
 * This append grows the buffer by laying its contents out from the start first, which keeps
 * libpurple's own get_max_read() and mark_read() right; everything else is libpurple's.
 */
#include <string.h>
#include <glib.h>
#include <circbuffer.h>

void purple_circ_buffer_append(PurpleCircBuffer *buf, gconstpointer src, gsize len)
{
	if (buf == NULL)
		return;

	if (buf->buflen - buf->bufused < len) {
		gsize buflen = buf->buflen;
		while (buflen - buf->bufused < len)
			buflen += buf->growsize;
		gchar *grown = g_malloc(buflen);
		if (buf->bufused > 0) {
			/* the data runs from outptr to the end, then on from the start when it wrapped */
			gsize first = MIN(buf->bufused, (gsize) (buf->buffer + buf->buflen - buf->outptr));
			memcpy(grown, buf->outptr, first);
			memcpy(grown + first, buf->buffer, buf->bufused - first);
		}
		g_free(buf->buffer);
		buf->buffer = grown;
		buf->buflen = buflen;
		buf->outptr = grown;
		buf->inptr = grown + buf->bufused;
	}

	/* as libpurple does: up to the end of the buffer, the rest from its start */
	gsize until_end = buf->inptr >= buf->outptr ? (gsize) (buf->buffer + buf->buflen - buf->inptr) : len;
	gsize stored = MIN(len, until_end);
	memcpy(buf->inptr, src, stored);
	if (stored < len) {
		memcpy(buf->buffer, (const char *) src + stored, len - stored);
		buf->inptr = buf->buffer + (len - stored);
	} else {
		buf->inptr += stored;
	}
	buf->bufused += len;
}
