#ifndef SUBGEN_CRENAME_H
#define SUBGEN_CRENAME_H

/// Swaps two existing paths in one step (Linux `renameat2` with `RENAME_EXCHANGE`): at no moment does either
/// path name nothing. Returns 0, or -1 with `errno` set (`EINVAL` or `ENOSYS` where the file system or the
/// system cannot do it).
int subgen_exchange_paths(const char *first, const char *second);

#endif
