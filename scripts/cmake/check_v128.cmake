# ctest helper: fails unless the given .wasm disassembles to code with v128 ops.
# Usage: cmake -DWASM=path/to/file.wasm -P check_v128.cmake
find_program(WASM_DIS wasm-dis REQUIRED)
execute_process(COMMAND "${WASM_DIS}" "${WASM}" OUTPUT_VARIABLE wat RESULT_VARIABLE rc ERROR_VARIABLE err)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "wasm-dis failed on ${WASM}: ${err}")
endif()
string(REGEX MATCHALL "(f32x4|i32x4|v128)\\.[a-z_]+" ops "${wat}")
list(LENGTH ops count)
if(count LESS 50)
  message(FATAL_ERROR "${WASM} has only ${count} v128 instructions: the SIMD kernels were not vectorised")
endif()
message(STATUS "${WASM}: ${count} v128 instructions")
