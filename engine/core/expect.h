#pragma once
// Programmer errors (a wrong shape passed between engine functions, an index
// out of range): abort with a message. User errors never get here; they come
// back as FieldErrors (engine/core/result.h).
#include <cstdio>
#include <cstdlib>

#define BPL_EXPECT(cond, msg)                                                                   \
  do {                                                                                          \
    if (!(cond)) {                                                                              \
      std::fprintf(stderr, "%s:%d: precondition failed: %s (%s)\n", __FILE__, __LINE__, msg, \
                   #cond);                                                                      \
      std::abort();                                                                             \
    }                                                                                           \
  } while (0)
