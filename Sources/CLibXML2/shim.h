#ifndef SUBGEN_CLIBXML2_SHIM_H
#define SUBGEN_CLIBXML2_SHIM_H
#include <libxml/xmlversion.h>
// Debian's libxml2 is built with ICU, and its encoding.h would then include the system's ICU headers, which
// clash with the copy of ICU that Foundation brings (_FoundationICU). subgen uses no libxml2 declaration that
// depends on ICU (only pointers to the encoding handler struct, never its fields), so the headers are read
// without it.
#undef LIBXML_ICU_ENABLED
#include <libxml/parser.h>
#include <libxml/xmlreader.h>
#endif
