#ifndef SUBGEN_CCMARK_SHIM_H
#define SUBGEN_CCMARK_SHIM_H
#include <cmark.h>
#endif
