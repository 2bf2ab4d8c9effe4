#pragma once
// Counts as people read them in messages: 3149825 → "3,149,825".
#include <string>

namespace bpl {

std::string count_text(long long n);

}  // namespace bpl
