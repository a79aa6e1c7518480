// Preloaded into servers under callgrind. Valgrind 3.19 writes into the signal mask that
// rt_sigsuspend is given, and libdispatch's dispatch_main(), which runs Swift's async main,
// passes one in read-only memory: valgrind then dies of SIGSEGV. This passes a writable copy.
#define _GNU_SOURCE
#include <dlfcn.h>
#include <signal.h>
#include <stddef.h>

int sigsuspend(const sigset_t *mask) {
    static int (*next)(const sigset_t *);
    sigset_t copy = *mask;
    if (next == NULL) {
        next = (int (*)(const sigset_t *))dlsym(RTLD_NEXT, "sigsuspend");
    }
    return next(&copy);
}
