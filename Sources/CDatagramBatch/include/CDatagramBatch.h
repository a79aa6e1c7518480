// recvmmsg(2) and sendmmsg(2) for the UDP transport: Swift's Glibc module does not show them,
// so this declares a structure laid out as glibc's `struct mmsghdr` and two thin wrappers.
// eventfd(2), which wakes the UDP worker threads to stop, comes with them.
#ifndef C_DATAGRAM_BATCH_H
#define C_DATAGRAM_BATCH_H

#include <sys/eventfd.h>
#include <sys/socket.h>
#include <time.h>

typedef struct {
    struct msghdr msg_hdr;
    unsigned int msg_len;
} gnsd_mmsghdr;

int gnsd_recvmmsg(int fd, gnsd_mmsghdr *messages, unsigned int count, int flags);
int gnsd_sendmmsg(int fd, gnsd_mmsghdr *messages, unsigned int count, int flags);

#endif
