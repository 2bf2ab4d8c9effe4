#include "platform.h"

#include <GLFW/glfw3.h>
#include <emscripten/emscripten.h>
#include <emscripten/html5.h>

#include <cmath>
#include <cstdlib>

namespace bpl::web {

namespace {

EM_JS(void, js_signal_ready, (), {
  if (typeof window.__backpropReady === 'function') window.__backpropReady();
});

EM_JS(void, js_fail, (const char* message), {
  const text = UTF8ToString(message);
  if (typeof window.__backpropFail === 'function') window.__backpropFail(text);
  else console.error(text);
});

EM_JS(void, js_copy_to_clipboard, (const char* text), {
  const value = UTF8ToString(text);
  if (navigator.clipboard && navigator.clipboard.writeText) {
    navigator.clipboard.writeText(value).catch((error) => console.warn('clipboard: ' + error.message));
  }
  window.__backpropLastCopied = value;  // readable by tests and by the embedding page
});

EM_JS(void, js_download_text, (const char* filename, const char* mime, const char* text), {
  BackpropBridge.download(UTF8ToString(filename), UTF8ToString(mime), UTF8ToString(text));
});

EM_JS(void, js_download_canvas_png, (), { BackpropBridge.downloadCanvasPng(); });

EM_JS(int, js_on_screen, (), { return BackpropBridge.isOnScreen() ? 1 : 0; });

// Emscripten's GLFW presses the mouse at its last position on touchstart (it reads no touch
// coordinates), so a drag to scroll would click whatever was tapped before. Stopped here,
// before GLFW's capture listeners on the canvas, touches only scroll; a tap still sends mouse events.
EM_JS(void, js_install_page_scrolling, (), {
  const spacer = document.createElement('div');
  spacer.id = 'page-spacer';
  spacer.setAttribute('aria-hidden', 'true');
  document.body.appendChild(spacer);
  const canvas = Module['canvas'];
  for (const type of ['touchstart', 'touchmove', 'touchend', 'touchcancel']) {
    window.addEventListener(type, (event) => { if (event.target === canvas) event.stopPropagation(); },
                            {capture: true, passive: true});
  }
});

EM_JS(double, js_page_scroll_y, (), { return window.scrollY || 0; });

EM_JS(void, js_set_page_height, (double height), {
  const spacer = document.getElementById('page-spacer');
  if (spacer) spacer.style.height = Math.ceil(height) + 'px';
});

EM_JS(void, js_scroll_page_by, (double pixels), { window.scrollBy(0, pixels); });

EM_JS(int, js_coarse_pointer, (), {
  return window.matchMedia && window.matchMedia('(pointer: coarse)').matches ? 1 : 0;
});

EM_JS(void, js_resolve_step, (int id, const char* result), {
  BackpropBridge.stepEnded(id, JSON.parse(UTF8ToString(result)));
});

EM_JS(void, js_pick_file, (const char* accept), { BackpropBridge.pickFile(UTF8ToString(accept)); });

EM_JS(void, js_set_text_layer, (const char* layer), { BackpropText.update(JSON.parse(UTF8ToString(layer))); });
EM_JS(void, js_announce, (const char* text, int assertive), { BackpropText.announce(UTF8ToString(text), assertive !== 0); });
EM_JS(void, js_toggle_text_view, (), { BackpropText.toggleTextView(); });
EM_JS(void, js_show_shortcuts, (), { BackpropText.showShortcuts(); });

EM_JS(char*, js_page_url, (), {
  const url = location.href.replace(/#.*$/, '');
  const size = lengthBytesUTF8(url) + 1;
  const out = _malloc(size);
  stringToUTF8(url, out, size);
  return out;
});

EM_JS(char*, js_load_local_setting, (const char* key), {
  let value = "";
  try { value = localStorage.getItem(UTF8ToString(key)) || ""; } catch (e) {}
  const size = lengthBytesUTF8(value) + 1;
  const out = _malloc(size);
  stringToUTF8(value, out, size);
  return out;
});

EM_JS(void, js_save_local_setting, (const char* key, const char* value), {
  try { localStorage.setItem(UTF8ToString(key), UTF8ToString(value)); } catch (e) {}
});

}  // namespace

std::string load_local_setting(const std::string& key) {
  char* raw = js_load_local_setting(key.c_str());
  std::string value(raw);
  free(raw);
  return value;
}

void save_local_setting(const std::string& key, const std::string& value) {
  js_save_local_setting(key.c_str(), value.c_str());
}

void download_text(const std::string& filename, const std::string& mime, const std::string& text) {
  js_download_text(filename.c_str(), mime.c_str(), text.c_str());
}
void download_canvas_png() { js_download_canvas_png(); }
void pick_file(const std::string& accept) { js_pick_file(accept.c_str()); }
void resolve_step(int id, const std::string& result_json) { js_resolve_step(id, result_json.c_str()); }

std::string page_url() {
  char* raw = js_page_url();
  std::string url(raw);
  free(raw);
  return url;
}

void copy_to_clipboard(const std::string& text) { js_copy_to_clipboard(text.c_str()); }

CanvasSize canvas_size() {
  double css_width = 0, css_height = 0;
  emscripten_get_element_css_size("#canvas", &css_width, &css_height);
  const double ratio = emscripten_get_device_pixel_ratio();
  const int width = static_cast<int>(std::lround(std::fmax(css_width, 1.0) * ratio));
  const int height = static_cast<int>(std::lround(std::fmax(css_height, 1.0) * ratio));
  return {width, height, static_cast<float>(ratio)};
}

bool fit_window_to_canvas(GLFWwindow* window) {
  const CanvasSize want = canvas_size();
  int width = 0, height = 0;
  glfwGetWindowSize(window, &width, &height);
  if (width == want.width && height == want.height) return false;
  glfwSetWindowSize(window, want.width, want.height);
  return true;
}

void signal_ready() { js_signal_ready(); }

int fail(const char* message) {
  js_fail(message);
  return 1;
}

void set_text_layer(const std::string& layer_json) { js_set_text_layer(layer_json.c_str()); }
void announce(const std::string& text, bool assertive) { js_announce(text.c_str(), assertive ? 1 : 0); }
void toggle_text_view() { js_toggle_text_view(); }
void show_shortcuts() { js_show_shortcuts(); }

double now_ms() { return emscripten_get_now(); }

bool on_screen() { return js_on_screen() != 0; }

void install_page_scrolling() { js_install_page_scrolling(); }
float page_scroll_y() { return static_cast<float>(js_page_scroll_y()); }
void scroll_page_by(float css_pixels) { js_scroll_page_by(css_pixels); }
bool coarse_pointer() { return js_coarse_pointer() != 0; }

void set_page_height(float css_height) {
  static float shown = -1.0f;  // a DOM write only when it changes
  if (std::fabs(css_height - shown) < 0.5f) return;
  shown = css_height;
  js_set_page_height(css_height);
}

}  // namespace bpl::web
