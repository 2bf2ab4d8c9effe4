# The web app: Dear ImGui on GLFW + WebGL2, our shaders and a subset math font
# embedded at build time. Included from CMakeLists.txt when EMSCRIPTEN.
if(NOT EXISTS "${IMGUI_DIR}/imgui.cpp" OR NOT EXISTS "${IMGUI_DIR}/backends/imgui_impl_glfw.cpp")
  message(FATAL_ERROR "Dear ImGui sources not found in IMGUI_DIR=${IMGUI_DIR}: run ./scripts/install-deps or set IMGUI_DIR")
endif()

add_library(imgui STATIC
  "${IMGUI_DIR}/imgui.cpp" "${IMGUI_DIR}/imgui_draw.cpp" "${IMGUI_DIR}/imgui_tables.cpp"
  "${IMGUI_DIR}/imgui_widgets.cpp"
  "${IMGUI_DIR}/backends/imgui_impl_glfw.cpp" "${IMGUI_DIR}/backends/imgui_impl_opengl3.cpp")
target_include_directories(imgui SYSTEM PUBLIC "${IMGUI_DIR}" "${IMGUI_DIR}/backends")
target_compile_definitions(imgui PUBLIC IMGUI_IMPL_OPENGL_ES3 IMGUI_DISABLE_FILE_FUNCTIONS IMGUI_DISABLE_OBSOLETE_FUNCTIONS)
target_compile_options(imgui PRIVATE -fno-exceptions -O2)

# Math font: DejaVu Sans subset to the glyphs we draw (Latin, Greek, math operators, super/subscripts).
set(BPL_FONT_SOURCE /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf)
set(BPL_FONT_SUBSET "${CMAKE_BINARY_DIR}/generated/math_font.ttf")
add_custom_command(OUTPUT "${BPL_FONT_SUBSET}"
  COMMAND /usr/bin/python3 -m fontTools.subset "${BPL_FONT_SOURCE}"
          --unicodes-file=${CMAKE_SOURCE_DIR}/web/font_unicodes.txt
          --output-file=${BPL_FONT_SUBSET} --no-hinting --desubroutinize
  DEPENDS "${BPL_FONT_SOURCE}" "${CMAKE_SOURCE_DIR}/web/font_unicodes.txt"
  COMMENT "Subsetting the math font" VERBATIM)

# Formula fonts (web/math_view.cpp): DejaVu Serif, upright and italic, subset to what
# engine/typeset emits (web/formula_unicodes.txt); glyphs Serif lacks (ℓ ⋯) come from the math font.
set(BPL_FORMULA_FONTS "")
foreach(face DejaVuSerif DejaVuSerif-Italic)
  set(subset "${CMAKE_BINARY_DIR}/generated/${face}.ttf")
  add_custom_command(OUTPUT "${subset}"
    COMMAND /usr/bin/python3 -m fontTools.subset /usr/share/fonts/truetype/dejavu/${face}.ttf
            --unicodes-file=${CMAKE_SOURCE_DIR}/web/formula_unicodes.txt
            --output-file=${subset} --no-hinting --desubroutinize
    DEPENDS /usr/share/fonts/truetype/dejavu/${face}.ttf "${CMAKE_SOURCE_DIR}/web/formula_unicodes.txt"
    COMMENT "Subsetting the formula font ${face}" VERBATIM)
  list(APPEND BPL_FORMULA_FONTS "${subset}")
endforeach()

# Embed the fonts and the GLSL sources as byte arrays (scripts/cmake/embed.cmake).
file(GLOB BPL_SHADERS CONFIGURE_DEPENDS "${CMAKE_SOURCE_DIR}/shaders/*.glsl")
set(BPL_EMBEDDED "${CMAKE_BINARY_DIR}/generated/embedded_assets.cpp")
string(REPLACE ";" "|" BPL_EMBED_LIST "${BPL_FONT_SUBSET};${BPL_FORMULA_FONTS};${BPL_SHADERS}")  # ';' would split the argument
add_custom_command(OUTPUT "${BPL_EMBEDDED}"
  COMMAND ${CMAKE_COMMAND} -DOUT=${BPL_EMBEDDED} "-DFILES=${BPL_EMBED_LIST}"
          -P "${CMAKE_SOURCE_DIR}/scripts/cmake/embed.cmake"
  DEPENDS "${BPL_FONT_SUBSET}" ${BPL_FORMULA_FONTS} ${BPL_SHADERS} "${CMAKE_SOURCE_DIR}/scripts/cmake/embed.cmake"
  COMMENT "Embedding font and shaders" VERBATIM)

file(GLOB_RECURSE BPL_WEB_SOURCES CONFIGURE_DEPENDS "${CMAKE_SOURCE_DIR}/web/*.cpp")
add_executable(backproplens ${BPL_WEB_SOURCES} "${BPL_EMBEDDED}")
target_link_libraries(backproplens PRIVATE bpl_engine imgui)
target_include_directories(backproplens PRIVATE "${CMAKE_SOURCE_DIR}/web")
target_compile_options(backproplens PRIVATE -fno-exceptions -Wall)
target_link_options(backproplens PRIVATE
  -sUSE_GLFW=3 -sUSE_WEBGL2=1 -sMIN_WEBGL_VERSION=2 -sMAX_WEBGL_VERSION=2
  -sMODULARIZE=1 -sEXPORT_NAME=createBackpropLens -sENVIRONMENT=web
  -sALLOW_MEMORY_GROWTH=1 -sMAXIMUM_MEMORY=1GB -sNO_FILESYSTEM=1 -sDISABLE_EXCEPTION_CATCHING=1
  -sEXPORTED_FUNCTIONS=_main,_bpl_api_call,_malloc,_free
  -sEXPORTED_RUNTIME_METHODS=UTF8ToString,stringToUTF8,lengthBytesUTF8
  -O3 -msimd128)
