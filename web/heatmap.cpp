#include "heatmap.h"

#include <GLES3/gl3.h>

#include <cstdio>
#include <deque>
#include <string>

#include "embedded_assets.h"
#include "platform.h"

namespace bpl::web {

namespace {

struct Program {
  GLuint id = 0;
  GLint rect, grid, range, map, levels, discretize, opacity;
};

GLuint compile(GLenum kind, const char* asset_name) {
  const EmbeddedAsset* asset = find_asset(asset_name);
  IM_ASSERT(asset && "shader sources are embedded by web/web.cmake");
  const char* source = reinterpret_cast<const char*>(asset->bytes);
  GLuint shader = glCreateShader(kind);
  glShaderSource(shader, 1, &source, nullptr);
  glCompileShader(shader);
  GLint ok = 0;
  glGetShaderiv(shader, GL_COMPILE_STATUS, &ok);
  if (!ok) {
    char log[1024] = {};
    glGetShaderInfoLog(shader, sizeof log, nullptr, log);
    std::string message = std::string("shader ") + asset_name + " failed to compile: " + log;
    fail(message.c_str());
  }
  return shader;
}

const Program& program() {
  static Program p;
  if (p.id) return p;
  p.id = glCreateProgram();
  glAttachShader(p.id, compile(GL_VERTEX_SHADER, "heatmap.vert.glsl"));
  glAttachShader(p.id, compile(GL_FRAGMENT_SHADER, "heatmap.frag.glsl"));
  glLinkProgram(p.id);
  p.rect = glGetUniformLocation(p.id, "u_rect");
  p.grid = glGetUniformLocation(p.id, "u_grid");
  p.range = glGetUniformLocation(p.id, "u_range");
  p.map = glGetUniformLocation(p.id, "u_map");
  p.levels = glGetUniformLocation(p.id, "u_levels");
  p.discretize = glGetUniformLocation(p.id, "u_discretize");
  p.opacity = glGetUniformLocation(p.id, "u_opacity");
  return p;
}

// What the draw callback needs; kept alive until the frame is rendered.
struct PendingDraw {
  ImVec2 p0, p1;
  unsigned texture;
  HeatmapStyle style;
};
std::deque<PendingDraw> g_pending;
int g_pending_frame = -1;

void render_callback(const ImDrawList*, const ImDrawCmd* cmd) {
  const PendingDraw& draw = *static_cast<const PendingDraw*>(cmd->UserCallbackData);
  const ImDrawData* data = ImGui::GetDrawData();
  const Program& p = program();
  // ImGui display coordinates → clip space (y down → y up).
  auto clip_x = [&](float x) { return (x - data->DisplayPos.x) / data->DisplaySize.x * 2.0f - 1.0f; };
  auto clip_y = [&](float y) { return 1.0f - (y - data->DisplayPos.y) / data->DisplaySize.y * 2.0f; };
  const ImVec4 clip = cmd->ClipRect;
  glEnable(GL_SCISSOR_TEST);
  glScissor(int(clip.x - data->DisplayPos.x), int(data->DisplaySize.y - (clip.w - data->DisplayPos.y)),
            int(clip.z - clip.x), int(clip.w - clip.y));
  glEnable(GL_BLEND);
  glBlendFunc(GL_SRC_ALPHA, GL_ONE_MINUS_SRC_ALPHA);
  glUseProgram(p.id);
  // Texture row 0 is the grid's top row: v = 0 at the top edge of the quad.
  glUniform4f(p.rect, clip_x(draw.p0.x), clip_y(draw.p0.y), clip_x(draw.p1.x), clip_y(draw.p1.y));
  glUniform1i(p.grid, 0);
  glUniform2f(p.range, draw.style.lo, draw.style.hi);
  glUniform1i(p.map, draw.style.map == ColorMap::diverging ? 0 : 1);
  glUniform1i(p.levels, draw.style.contour_levels);
  glUniform1i(p.discretize, draw.style.discretize ? 1 : 0);
  glUniform1f(p.opacity, draw.style.opacity);
  glActiveTexture(GL_TEXTURE0);
  glBindTexture(GL_TEXTURE_2D, draw.texture);
  glBindVertexArray(0);
  glDrawArrays(GL_TRIANGLE_STRIP, 0, 4);
}

}  // namespace

HeatmapTexture::~HeatmapTexture() {
  if (texture_) glDeleteTextures(1, &texture_);
}

void HeatmapTexture::upload(const std::vector<float>& values, int n) {
  IM_ASSERT(n > 0 && values.size() == static_cast<size_t>(n) * n);
  if (!texture_) glGenTextures(1, &texture_);
  glBindTexture(GL_TEXTURE_2D, texture_);
  glPixelStorei(GL_UNPACK_ALIGNMENT, 4);
  if (n != n_) {
    glTexImage2D(GL_TEXTURE_2D, 0, GL_R32F, n, n, 0, GL_RED, GL_FLOAT, values.data());
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_NEAREST);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_NEAREST);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_S, GL_CLAMP_TO_EDGE);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_T, GL_CLAMP_TO_EDGE);
    n_ = n;
  } else {
    glTexSubImage2D(GL_TEXTURE_2D, 0, 0, 0, n, n, GL_RED, GL_FLOAT, values.data());
  }
}

void draw_heatmap(ImDrawList* list, ImVec2 p0, ImVec2 p1, const HeatmapTexture& texture, const HeatmapStyle& style) {
  if (texture.empty()) return;
  if (g_pending_frame != ImGui::GetFrameCount()) {  // last frame's draws are rendered by now
    g_pending.clear();
    g_pending_frame = ImGui::GetFrameCount();
  }
  g_pending.push_back({p0, p1, texture.texture(), style});  // deque: stable addresses
  list->AddCallback(render_callback, &g_pending.back());
  list->AddCallback(ImDrawCallback_ResetRenderState, nullptr);
}

void draw_colour_bar(ImDrawList* list, ImVec2 p0, ImVec2 p1, const HeatmapStyle& style) {
  // One ramp 0…1 left to right, uploaded once (a GPU resource, like the program); any
  // style's range is drawn by mapping lo → 0 and hi → 1.
  constexpr int kRampSize = 64;
  static HeatmapTexture ramp;
  if (ramp.empty()) {
    std::vector<float> values(kRampSize * kRampSize);
    for (int r = 0; r < kRampSize; ++r)
      for (int c = 0; c < kRampSize; ++c) values[r * kRampSize + c] = float(c) / float(kRampSize - 1);
    ramp.upload(values, kRampSize);
  }
  HeatmapStyle ramp_style = style;
  ramp_style.lo = 0.0f;
  ramp_style.hi = 1.0f;
  ramp_style.contour_levels = 0;
  draw_heatmap(list, p0, p1, ramp, ramp_style);
}

}  // namespace bpl::web
