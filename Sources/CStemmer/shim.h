#ifndef QUARRY_CSTEMMER_SHIM_H
#define QUARRY_CSTEMMER_SHIM_H
#include <libstemmer.h>
#endif
