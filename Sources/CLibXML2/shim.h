#ifndef QUARRY_CLIBXML2_SHIM_H
#define QUARRY_CLIBXML2_SHIM_H
#include <libxml/HTMLparser.h>
#include <libxml/parser.h>
#include <libxml/xmlerror.h>
#include <libxml/globals.h>

/// `xmlFree` is a global function-pointer variable in libxml2; Swift 6 strict concurrency rejects
/// touching mutable C globals, so it is reached through this inline function instead.
static inline void quarry_xmlFree(void *p) { xmlFree(p); }
#endif
