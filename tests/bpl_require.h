#pragma once
// REQUIRE needs exceptions, which the wasm build has not: check once, and
// leave the test case (or the enclosing void helper) when it fails.
#include <doctest/doctest.h>

#define BPL_REQUIRE(cond)                 \
  do {                                    \
    const bool bpl_require_ok = (cond);   \
    CHECK_MESSAGE(bpl_require_ok, #cond); \
    if (!bpl_require_ok) return;          \
  } while (0)
