#ifndef QUARRY_CRC32C_HW_H
#define QUARRY_CRC32C_HW_H

#include <stddef.h>
#include <stdint.h>

/// Whether this CPU computes CRC-32C in hardware (x86-64 SSE4.2 `crc32`).
int quarry_crc32c_hw_available(void);

/// Continues `crc` (0 to start; same convention as QuarryIndex.CRC32C.update) over `count`
/// bytes with the CPU's CRC-32C instruction. Call only when quarry_crc32c_hw_available().
uint32_t quarry_crc32c_hw(uint32_t crc, const void *data, size_t count);

#endif
