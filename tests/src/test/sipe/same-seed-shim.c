/*
 * LD_PRELOAD shim for the interop test's pidgin-sipe clients.
 *
 * SIPE seeds rand() with the clock when an account signs in, and draws its Call-IDs and tags
 * from rand(). The test starts two clients together to show that the server keeps clients that
 * send identical requests apart; they only do when both sign in within the same second, which
 * a loaded machine does not always manage. With GROUPCHAT_SIPE_SEED set, every seed SIPE sets
 * is that number instead, so the two clients given the same one send the same requests.
 *
 * SIPE's draws come from a sequence of its own: other libraries in the process (NSS over TLS)
 * also call rand(), a number of times that depends on timing, and sharing glibc's one sequence
 * with them made the two clients' Call-IDs differ now and then.
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <stdlib.h>
#include <string.h>

static unsigned int sipe_state = 1;

/* Whether the code at this return address is SIPE's plugin. */
static int called_from_sipe(void *return_address)
{
	Dl_info info;
	return dladdr(return_address, &info) && info.dli_fname && strstr(info.dli_fname, "libsipe") != NULL;
}

void srand(unsigned int seed)
{
	static void (*real)(unsigned int);
	const char *fixed = getenv("GROUPCHAT_SIPE_SEED");
	if (!real)
		real = (void (*)(unsigned int)) dlsym(RTLD_NEXT, "srand");
	if (fixed && called_from_sipe(__builtin_return_address(0))) {
		sipe_state = (unsigned int) strtoul(fixed, NULL, 10);
		return;
	}
	real(seed);
}

int rand(void)
{
	static int (*real)(void);
	if (!real)
		real = (int (*)(void)) dlsym(RTLD_NEXT, "rand");
	if (getenv("GROUPCHAT_SIPE_SEED") && called_from_sipe(__builtin_return_address(0)))
		return rand_r(&sipe_state);
	return real();
}
