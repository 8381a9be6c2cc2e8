#ifndef QUARRY_PREFETCH_H
#define QUARRY_PREFETCH_H

/// Starts loading the cache line holding `address` for reading, without waiting for it and
/// without faulting (any address is allowed). Scorers call it for the field length of a
/// document they will score a few documents later: at a million documents those lengths are
/// a cache miss each, the largest cost of a conjunction or a phrase.
static inline void quarry_prefetch(const void *address) {
    __builtin_prefetch(address, 0, 3);
}

#endif
