#pragma once
// The browser around the app: canvas size and pixel ratio, the readiness
// signal and errors shown in index.html's overlay. Only web/ knows emscripten.
#include <string>

struct GLFWwindow;

namespace bpl::web {

struct CanvasSize {
  int width;           // device pixels
  int height;          // device pixels
  float pixel_ratio;   // window.devicePixelRatio
};
CanvasSize canvas_size();

// Keeps the GLFW window (the canvas backing store) at CSS size × devicePixelRatio.
bool fit_window_to_canvas(GLFWwindow* window);  // true when it resized the window
// The canvas intersects the viewport (false: an embed scrolled out of view; web/bridge.js).
bool on_screen();

// The page scrolls natively (web/page_frame.h): the canvas stays fixed, a spacer
// below it is as tall as the content, and the frame follows window.scrollY.
// Touches on the canvas are left to the browser (it scrolls, and a tap arrives as a click).
void install_page_scrolling();
float page_scroll_y();                 // CSS px
void set_page_height(float css_height);
void scroll_page_by(float css_pixels);
bool coarse_pointer();                 // matchMedia('(pointer: coarse)'): a finger, not a mouse

// Tells the page the app is up: sets window.backprop.ready and fires backprop:ready.
void signal_ready();

// Shows `message` in the page's error overlay; returns 1 for main().
int fail(const char* message);

// Puts text on the system clipboard (navigator.clipboard); a refusal is logged, not fatal.
void copy_to_clipboard(const std::string& text);

// The browser's file services (web/bridge.js): save text as a download, save
// the canvas as a PNG, and open a file picker whose file goes to importText.
void download_text(const std::string& filename, const std::string& mime, const std::string& text);
void download_canvas_png();
void pick_file(const std::string& accept);

// Settles the Promise window.backprop.step returned for step `id` with `result_json`.
void resolve_step(int id, const std::string& result_json);

// This page's address without the hash, for share links.
std::string page_url();

// The DOM text layer (web/text_layer.js): its sections as JSON ({theme, sections: [{key, heading,
// lines}]}), a status change for screen readers (aria-live, assertive for the urgent ones),
// the "Text view" panel and the "?" shortcuts overlay.
void set_text_layer(const std::string& layer_json);
void announce(const std::string& text, bool assertive);
void toggle_text_view();
void show_shortcuts();
// The browser's localStorage (first-visit hints dismissed for good); "" when unset or
// unavailable (a sandboxed frame, storage off): a missing store is never an error.
std::string load_local_setting(const std::string& key);
void save_local_setting(const std::string& key, const std::string& value);

// Milliseconds from a monotonic clock.
double now_ms();

}  // namespace bpl::web
