// BackpropLens web app entry point. Reads top to bottom, like Dear ImGui's
// example_glfw_opengl3: platform, context, backends, loop; the browser owns the
// loop, so shutdown never runs.
#include <GLFW/glfw3.h>
#include <emscripten/emscripten.h>

#include <algorithm>
#include <cmath>
#include <vector>

#include "app.h"
#include "imgui.h"
#include "imgui_impl_glfw.h"
#include "imgui_impl_opengl3.h"
#include "js_api.h"
#include "keyboard.h"
#include "platform.h"
#include "text_layer.h"
#include "theme.h"

namespace {

GLFWwindow* g_window = nullptr;
bpl::web::App* g_app = nullptr;
bool g_was_on_screen = true;

// Emscripten 3.1.6's GLFW passes the DOM wheel event's deltaX/deltaY: pixels
// (about 100 a notch; Firefox: lines, about 3), and positive when scrolling
// down. GLFW and ImGui expect notches, positive up.
void scroll_callback(GLFWwindow* window, double dx, double dy) {
  bpl::web::wake(*g_app);
  auto notches = [](double delta) { return -delta / (std::fabs(delta) < 10.0 ? 3.0 : 100.0); };
  ImGui_ImplGlfw_ScrollCallback(window, notches(dx), notches(dy));
}

// ImGui 1.86 samples keys as held state at NewFrame, so a press and release that both
// arrive between two frames (a quick tap while a frame is slow) would never be seen.
// Such a release is held back until a frame has seen the key down.
struct KeyEvent {
  int key, scancode, mods;
};
std::vector<int> g_pressed_since_frame;
std::vector<KeyEvent> g_held_releases;

void key_callback(GLFWwindow* window, int key, int scancode, int action, int mods) {
  bpl::web::wake(*g_app);
  if (bpl::web::handle_shortcut_key(*g_app, key, action, mods)) return;  // Space, arrows, R: web/keyboard.h
  const bool unseen = std::find(g_pressed_since_frame.begin(), g_pressed_since_frame.end(), key) !=
                      g_pressed_since_frame.end();
  if (action == GLFW_PRESS) g_pressed_since_frame.push_back(key);
  if (action == GLFW_RELEASE && unseen) {
    g_held_releases.push_back({key, scancode, mods});
    return;
  }
  ImGui_ImplGlfw_KeyCallback(window, key, scancode, action, mods);
}

// After NewFrame has read the keys: release the held ones for the next frame.
void release_held_keys() {
  g_pressed_since_frame.clear();
  for (const KeyEvent& e : g_held_releases) ImGui_ImplGlfw_KeyCallback(g_window, e.key, e.scancode, GLFW_RELEASE, e.mods);
  g_held_releases.clear();
}

// The other inputs the backend reads: each wakes the page (app.h, wants_frame).
void char_callback(GLFWwindow* window, unsigned int c) {
  bpl::web::wake(*g_app);
  bpl::web::handle_shortcut_char(c);  // "?"
  ImGui_ImplGlfw_CharCallback(window, c);
}
// A double-click by the browser's event times, not ImGui's frame times: on slow frames
// (software GL, a busy machine) both clicks land between two frames (ImGui sees one) or
// frames apart (past its time limit). Within 500 ms and 6 px, the next frame has it.
double g_last_press_ms = -1e9;
double g_last_press_x = 0.0, g_last_press_y = 0.0;
bool g_double_clicked = false;

void mouse_button_callback(GLFWwindow* window, int button, int action, int mods) {
  bpl::web::wake(*g_app);
  if (button == GLFW_MOUSE_BUTTON_LEFT && action == GLFW_PRESS) {
    double x = 0.0, y = 0.0;
    glfwGetCursorPos(window, &x, &y);
    const double now = bpl::web::now_ms(), max_distance = 6.0 * g_app->pixel_ratio;
    const bool repeat = now - g_last_press_ms < 500.0 && std::hypot(x - g_last_press_x, y - g_last_press_y) < max_distance;
    g_double_clicked = g_double_clicked || repeat;
    g_last_press_ms = repeat ? -1e9 : now;  // a third click starts a new pair
    g_last_press_x = x;
    g_last_press_y = y;
  }
  ImGui_ImplGlfw_MouseButtonCallback(window, button, action, mods);
}

// After NewFrame, which sets MouseDoubleClicked from its own timing.
void apply_double_click() {
  ImGuiIO& io = ImGui::GetIO();
  if (g_double_clicked && io.MouseClicked[ImGuiMouseButton_Left]) {
    io.MouseDoubleClicked[ImGuiMouseButton_Left] = true;
    io.MouseClickedCount[ImGuiMouseButton_Left] = io.MouseClickedLastCount[ImGuiMouseButton_Left] = 2;
  }
  g_double_clicked = false;
}
void cursor_enter_callback(GLFWwindow* window, int entered) {
  bpl::web::wake(*g_app);
  ImGui_ImplGlfw_CursorEnterCallback(window, entered);
}
void cursor_pos_callback(GLFWwindow*, double, double) { bpl::web::wake(*g_app); }  // the backend polls the position

void frame() {
  const double start = bpl::web::now_ms();
  if (bpl::web::fit_window_to_canvas(g_window)) bpl::web::wake(*g_app);
  // The browser scrolls the page; the frame follows (web/page_frame.h).
  const float scroll_y = bpl::web::page_scroll_y();
  if (scroll_y != g_app->page.scroll_y) {
    g_app->page.scroll_y = scroll_y;
    bpl::web::wake(*g_app);
  }
  // Off screen (once ready, so a host still hears "ready"), nothing is drawn or trained;
  // back on screen, it goes on where it stopped.
  const bool visible = bpl::web::on_screen();
  if (visible && !g_was_on_screen) bpl::web::wake(*g_app);
  g_was_on_screen = visible;
  if ((!visible && g_app->ready_signalled) || !bpl::web::wants_frame(*g_app)) {
    g_app->skipped_frame = true;
    return;
  }
  glfwPollEvents();
  ImGui_ImplOpenGL3_NewFrame();
  ImGui_ImplGlfw_NewFrame();
  ImGui::NewFrame();
  release_held_keys();
  apply_double_click();
  bpl::web::draw_frame(*g_app);
  bpl::web::sync_text_layer(*g_app);  // the DOM's copy, for screen readers: only what changed
  ImGui::Render();
  int width = 0, height = 0;
  glfwGetFramebufferSize(g_window, &width, &height);
  glViewport(0, 0, width, height);
  const ImVec4 clear = ImGui::GetStyle().Colors[ImGuiCol_WindowBg];
  glClearColor(clear.x, clear.y, clear.z, 1.0f);
  glClear(GL_COLOR_BUFFER_BIT);
  ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
  bpl::web::after_frame(*g_app, bpl::web::now_ms() - start);
}

}  // namespace

int main() {
  if (!glfwInit()) return bpl::web::fail("GLFW could not start");
  glfwWindowHint(GLFW_CLIENT_API, GLFW_OPENGL_ES_API);
  glfwWindowHint(GLFW_CONTEXT_VERSION_MAJOR, 3);
  const bpl::web::CanvasSize size = bpl::web::canvas_size();
  g_window = glfwCreateWindow(size.width, size.height, "BackpropLens", nullptr, nullptr);
  if (!g_window) return bpl::web::fail("WebGL2 context could not be created");
  glfwMakeContextCurrent(g_window);

  IMGUI_CHECKVERSION();
  ImGui::CreateContext();
  ImGui::GetIO().IniFilename = nullptr;  // no filesystem on the web; state lives in the URL
  ImGui::GetIO().ConfigFlags |= ImGuiConfigFlags_NavEnableKeyboard;  // arrows move a focus rectangle (keyboard.h)
  static bpl::web::App app;
  g_app = &app;
  bpl::web::install_page_scrolling();
  app.page.coarse_pointer = bpl::web::coarse_pointer();
  bpl::web::set_touch_targets(app.page.coarse_pointer);
  bpl::web::init_app(app, size.pixel_ratio);
  bpl::web::bind_js_api(app);

  ImGui_ImplGlfw_InitForOpenGL(g_window, true);
  glfwSetScrollCallback(g_window, scroll_callback);  // replaces the backend's, which it calls
  glfwSetKeyCallback(g_window, key_callback);        // likewise
  glfwSetCharCallback(g_window, char_callback);
  glfwSetMouseButtonCallback(g_window, mouse_button_callback);
  glfwSetCursorEnterCallback(g_window, cursor_enter_callback);
  glfwSetCursorPosCallback(g_window, cursor_pos_callback);
  ImGui_ImplOpenGL3_Init("#version 300 es");

  emscripten_set_main_loop(frame, 0, false);
  return 0;
}
