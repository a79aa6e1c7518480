#define _GNU_SOURCE
#include <sys/socket.h>
#include "CDatagramBatch.h"

_Static_assert(sizeof(gnsd_mmsghdr) == sizeof(struct mmsghdr), "gnsd_mmsghdr must match struct mmsghdr");

int gnsd_recvmmsg(int fd, gnsd_mmsghdr *messages, unsigned int count, int flags) {
    return recvmmsg(fd, (struct mmsghdr *)messages, count, flags, NULL);
}

int gnsd_sendmmsg(int fd, gnsd_mmsghdr *messages, unsigned int count, int flags) {
    return sendmmsg(fd, (struct mmsghdr *)messages, count, flags);
}
