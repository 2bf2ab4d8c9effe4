// The native engine contestant of ./scripts/bench (c and d: the same source
// built with different -m flags, see bench/bench.cmake).
//   bench_engine '{"workload": "mnist", "reps": 5, ...}'   one JSON result on stdout
//   bench_engine --export DIR                             the workloads for the JS contestants
#include <cstdio>
#include <string>

#include "bench/engine_bench.h"

int main(int argc, char** argv) {
  if (argc == 3 && std::string(argv[1]) == "--export") {
    const std::string error = bpl::bench::export_workloads(argv[2]);
    if (!error.empty()) std::fprintf(stderr, "bench_engine: %s\n", error.c_str());
    return error.empty() ? 0 : 1;
  }
  if (argc != 2) {
    std::fprintf(stderr, "usage: bench_engine OPTIONS_JSON | bench_engine --export DIR\n");
    return 2;
  }
  const std::string result = bpl::bench::run(argv[1]);
  std::printf("%s\n", result.c_str());
  return result.rfind("{\"error\"", 0) == 0 ? 1 : 0;
}
