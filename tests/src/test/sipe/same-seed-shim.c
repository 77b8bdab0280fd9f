/*
 * LD_PRELOAD shim for the interop test's pidgin-sipe clients.
 *
 * SIPE seeds rand() with the clock when an account signs in, and draws its Call-IDs and tags
 * from rand(). The test starts two clients together to show that the server keeps clients that
 * send identical requests apart; they only do when both sign in within the same second, which
 * a loaded machine does not always manage. With GROUPCHAT_SIPE_SEED set, every seed is that
 * number instead, so the two clients given the same one send the same requests.
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <stdlib.h>

void srand(unsigned int seed)
{
	static void (*real)(unsigned int);
	const char *fixed = getenv("GROUPCHAT_SIPE_SEED");
	if (!real)
		real = (void (*)(unsigned int)) dlsym(RTLD_NEXT, "srand");
	real(fixed ? (unsigned int) strtoul(fixed, NULL, 10) : seed);
}
