# Benchmark drivers for ./scripts/bench, which configures this project in its own
# build directories under build/bench/ (never part of `all` or of ./scripts/test):
#   native (g++, -O3 plus CMAKE_CXX_FLAGS: -march=native, or -msse4.2 -mno-avx -mno-fma)
#     bench_engine       a JSON result per run; --export writes the workloads for the JS peers
#   wasm (Emscripten)
#     bench_engine.js    one self-contained file (wasm inlined) for node and for a browser
#                        Worker; exports bench_run(options_json) → result JSON
if(BPL_FUZZ)
  return()
endif()

if(EMSCRIPTEN)
  # ./scripts/bench --profile links at -O1 with --profiling-funcs: named functions,
  # and binaryen does not inline the kernels into their callers (compilation stays -O3).
  set(BPL_BENCH_LINK_FLAGS "-O3" CACHE STRING "bench_engine.js: binaryen level (and --profiling-funcs)")
  separate_arguments(BPL_BENCH_LINK_FLAGS_LIST UNIX_COMMAND "${BPL_BENCH_LINK_FLAGS}")
  add_executable(bench_engine EXCLUDE_FROM_ALL bench/engine_bench.cpp)
  target_link_options(bench_engine PRIVATE
    ${BPL_BENCH_LINK_FLAGS_LIST} -msimd128 -sSINGLE_FILE=1 -sALLOW_MEMORY_GROWTH=1 -sMODULARIZE=1
    -sEXPORT_NAME=createBenchEngine -sENVIRONMENT=node,worker -sNO_FILESYSTEM=1
    -sEXPORTED_FUNCTIONS=_bench_run -sEXPORTED_RUNTIME_METHODS=ccall)
else()
  add_executable(bench_engine EXCLUDE_FROM_ALL bench/bench_engine_main.cpp bench/engine_bench.cpp)
endif()
target_link_libraries(bench_engine PRIVATE bpl_engine)
