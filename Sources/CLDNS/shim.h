#ifndef GNSD_CLDNS_SHIM_H
#define GNSD_CLDNS_SHIM_H
/* ldns declares bool as signed char unless stdbool.h came first; the library is built with C99 bool. */
#include <stdbool.h>
#include <ldns/ldns.h>
#endif
