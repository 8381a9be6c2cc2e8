#ifndef QUARRY_CLIBXML2_SHIM_H
#define QUARRY_CLIBXML2_SHIM_H
#include <libxml/xmlversion.h>
/* Debian's libxml2 is built with ICU, so <libxml/encoding.h> would include ICU's <unicode/ucnv.h>,
   whose `UErrorCode` clashes with Foundation's bundled _FoundationICU in any Swift module that
   imports both (hard "not present in definition of enum UErrorCode" errors). Quarry never uses
   libxml2's ICU converters nor xmlCharEncodingHandler's fields (the only layout this changes;
   we only hold pointers to it), so the ICU part of the headers is switched off. */
#undef LIBXML_ICU_ENABLED
#include <libxml/HTMLparser.h>
#include <libxml/parser.h>
#include <libxml/xmlerror.h>
#include <libxml/globals.h>

/// `xmlFree` is a global function-pointer variable in libxml2; Swift 6 strict concurrency rejects
/// touching mutable C globals, so it is reached through this inline function instead.
static inline void quarry_xmlFree(void *p) { xmlFree(p); }

/// Makes a fresh HTML parser context treat its input as UTF-8 whatever the document declares:
/// `charset` is the parser's idea of the current input encoding, and a non-NULL `input->encoding`
/// stops both `<meta charset>` handling and libxml2's "not UTF-8, guess again" fallback from
/// switching decoders mid-parse. Call after creating the context and before parsing.
static inline void quarry_htmlForceUTF8(htmlParserCtxtPtr ctxt) {
    if (ctxt == NULL) return;
    ctxt->charset = XML_CHAR_ENCODING_UTF8;
    if (ctxt->input != NULL && ctxt->input->encoding == NULL)
        ctxt->input->encoding = xmlStrdup(BAD_CAST "UTF-8");
}
#endif
