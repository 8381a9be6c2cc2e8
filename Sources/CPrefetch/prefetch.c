// The prefetch hint is a static inline function in include/prefetch.h; SwiftPM needs a source
// file for a C target.
#include "prefetch.h"
