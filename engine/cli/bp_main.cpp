#include <iostream>

#include "engine/cli/commands.h"

int main(int argc, char** argv) { return bpl::cli::run_bp(argc, argv, std::cout, std::cerr); }
