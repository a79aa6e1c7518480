#ifndef GNSD_CLDNS_SHIM_H
#define GNSD_CLDNS_SHIM_H
#include <ldns/ldns.h>
#endif
