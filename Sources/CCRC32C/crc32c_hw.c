// Hardware CRC-32C for index checksums. Kept in C because Swift has no portable way to reach
// the x86 `crc32` instruction; the function is compiled for SSE4.2 on its own (target
// attribute) and only called after a CPUID check, so the rest of the build needs no flags.
#include "crc32c_hw.h"
#include <string.h>

#if defined(__x86_64__)
#include <cpuid.h>

int quarry_crc32c_hw_available(void) {
    unsigned a, b, c, d;
    if (!__get_cpuid(1, &a, &b, &c, &d)) return 0;
    return (c & bit_SSE4_2) != 0;
}

__attribute__((target("sse4.2")))
uint32_t quarry_crc32c_hw(uint32_t crc, const void *data, size_t count) {
    const unsigned char *p = (const unsigned char *)data;
    uint64_t c = (uint32_t)~crc;
    while (count >= 8) {
        uint64_t word;
        memcpy(&word, p, 8);
        c = __builtin_ia32_crc32di(c, word);
        p += 8;
        count -= 8;
    }
    uint32_t c32 = (uint32_t)c;
    while (count > 0) {
        c32 = __builtin_ia32_crc32qi(c32, *p);
        p += 1;
        count -= 1;
    }
    return ~c32;
}
#else
int quarry_crc32c_hw_available(void) { return 0; }

uint32_t quarry_crc32c_hw(uint32_t crc, const void *data, size_t count) {
    (void)data;
    (void)count;
    return crc;
}
#endif
