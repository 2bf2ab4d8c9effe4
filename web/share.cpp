#include "share.h"

#include <algorithm>

#include "api_params.h"
#include "imgui_internal.h"  // the open popups, for layout()
#include "app.h"
#include "app_state.h"
#include "engine/core/count_text.h"
#include "engine/formats/url_state.h"
#include "js_api.h"
#include "platform.h"

namespace bpl::web {

namespace {

using nlohmann::json;

const char* const kThemes[] = {"light", "dark", "auto"};

json shared_state(App& app, const ShareOptions& options) {
  json state = get_state(app);
  state["embed"] = options.embed;
  state["panels"] = options.embed ? options.panels : std::vector<std::string>{};
  state["hide"] = options.embed ? options.hide : std::vector<std::string>{};
  state["theme"] = kThemes[std::clamp(options.theme, 0, 2)];
  state["autoplay"] = options.autoplay;
  if (options.include_weights && !weights_too_large_for_link(app)) {
    json model = json::parse(app.network.trainer.model_json(), nullptr, false);
    if (!model.is_discarded()) state["weights"] = model;
  }
  return state;
}

std::string iframe_html(const std::string& link, int height) {
  return "<iframe src=\"" + link + "\" width=\"100%\" height=\"" + std::to_string(height) +
         "\" style=\"border:0\" title=\"BackpropLens\" loading=\"lazy\"></iframe>";
}

std::string joined(const std::vector<std::string>& names) {
  std::string out;
  for (const std::string& name : names) out += name + ",";
  return out;
}

// The link in a bordered box, broken after its separators (& , # ?) and never mid-key
// unless one key=value is wider than the box; taller links scroll inside it.
void draw_link_box(const std::string& link) {
  const float font = ImGui::GetFontSize();
  const float box_w = ImGui::GetContentRegionAvail().x;
  const float text_w = box_w - ImGui::GetStyle().WindowPadding.x * 2 - ImGui::GetStyle().ScrollbarSize;
  std::string lines, line;
  std::size_t start = 0;
  while (start < link.size()) {
    std::size_t end = link.find_first_of("&,#?", start);
    end = end == std::string::npos ? link.size() : end + 1;
    std::string piece = link.substr(start, end - start);
    start = end;
    if (!line.empty() && ImGui::CalcTextSize((line + piece).c_str()).x > text_w) {
      lines += line + "\n";
      line.clear();
    }
    line += piece;
    // One piece wider than the box: break it where it overflows.
    while (ImGui::CalcTextSize(line.c_str()).x > text_w && line.size() > 1) {
      std::size_t fit = line.size() - 1;
      while (fit > 1 && ImGui::CalcTextSize(line.c_str(), line.c_str() + fit).x > text_w) --fit;
      while (fit > 1 && (static_cast<unsigned char>(line[fit]) & 0xC0) == 0x80) --fit;  // not inside a UTF-8 character
      lines += line.substr(0, fit) + "\n";
      line.erase(0, fit);
    }
  }
  lines += line;
  const int line_count = int(std::count(lines.begin(), lines.end(), '\n')) + 1;
  const float height = std::min(float(line_count), 8.0f) * ImGui::GetTextLineHeight() +
                       ImGui::GetStyle().WindowPadding.y * 2;
  ImGui::BeginChild("link", ImVec2(box_w, std::max(height, font * 3)), true);
  ImGui::TextUnformatted(lines.c_str());
  ImGui::EndChild();
}

}  // namespace

std::optional<std::string> weights_too_large_for_link(App& app) {
  // w= is base64 of 4 bytes a parameter (engine/formats/url_state_weights.h): 16/3 characters each.
  const long long parameters = app.network.trainer.network().parameter_count();
  const long long largest = (static_cast<long long>(kMaxUrlHashLength) - 2048) * 3 / 16;  // room for the other keys
  if (parameters <= largest) return std::nullopt;
  return "the trained weights of " + count_text(parameters) + " parameters do not fit in a link (at most about " +
         count_text(largest) + " do); use Export → Model JSON to share them";
}

std::string current_hash(App& app) {
  json state = get_state(app);
  return encode_url_state(state, app.default_state);
}

std::string share_link(App& app, const ShareOptions& options) {
  return page_url() + "#" + encode_url_state(shared_state(app, options), app.default_state);
}

std::string iframe_snippet(App& app, const ShareOptions& options) {
  return iframe_html(share_link(app, options), options.height);
}

std::vector<std::string> load_hash(App& app, const std::string& hash) {
  UrlStateResult decoded = decode_url_state(hash, app.default_state);
  std::vector<std::string> warnings;
  for (const FieldError& e : decoded.warnings) warnings.push_back(e.field.empty() ? e.message : e.field + ": " + e.message);
  // A link is the defaults plus its fields; the decoder already settled every
  // field against them (engine/formats/state_schema.h), so this applies whole.
  json weights = decoded.state.contains("weights") ? decoded.state["weights"] : json(nullptr);
  decoded.state.erase("weights");
  // No link: the page stays on its start (page_start_config); a link is read over the defaults.
  json state = hash.empty() ? get_state(app) : app.default_state;
  state.merge_patch(decoded.state);
  for (const FieldError& e : set_state(app, state)) warnings.push_back(e.field + ": " + e.message + " (not applied)");
  if (!weights.is_null()) {
    stop_step(app.network);
    FieldErrors errors = app.network.trainer.load_model_json(weights.dump());
    for (const FieldError& e : errors) warnings.push_back("weights: " + to_string(e) + " (initial weights used)");
    ++app.network.weights_version;
    // Finite weights can still overflow the loss (1e30 everywhere): say so now, not as a surprise pause later.
    if (errors.empty() && app.network.trainer.check_divergence() != TrainStatus::ok) {
      warnings.push_back("weights: with the link's weights " + app.network.trainer.metrics().message +
                         "; training is paused, and Reset draws fresh weights");
    }
  }
  set_link_warnings(app, warnings);
  if (app.embed.autoplay && app.network.trainer.status() == TrainStatus::ok) app.network.playing = true;
  return warnings;
}

void open_share_dialog(App& app) {
  app.share.embed = app.embed.embed;
  app.share.open_requested = true;
}

void draw_share_dialog(App& app) {
  if (app.share.open_requested) {
    app.share.open_requested = false;
    ImGui::OpenPopup("Share / Embed");
  }
  // Most of a phone's width, 40 em on a wide screen; centred as it grows (embed mode adds
  // toggles), and at most 94% of the height: taller contents scroll inside it.
  const ImGuiViewport* viewport = ImGui::GetMainViewport();
  const float width = std::min(ImGui::GetFontSize() * 40, viewport->WorkSize.x * 0.94f);
  ImGui::SetNextWindowSize(ImVec2(width, 0), ImGuiCond_Always);
  ImGui::SetNextWindowSizeConstraints(ImVec2(width, 0), ImVec2(width, viewport->WorkSize.y * 0.94f));
  ImGui::SetNextWindowPos(viewport->GetCenter(), ImGuiCond_Always, ImVec2(0.5f, 0.5f));
  if (!ImGui::BeginPopupModal("Share / Embed", nullptr, ImGuiWindowFlags_AlwaysAutoResize)) return;
  ShareOptions& options = app.share;
  ImGui::Checkbox("include the trained weights", &options.include_weights);
  ImGui::Checkbox("embed mode (no page chrome)", &options.embed);
  if (options.embed) {
    auto toggles = [](const char* title, const std::vector<std::string>& names, std::vector<std::string>& chosen) {
      ImGui::TextDisabled("%s", title);
      const ImGuiStyle& style = ImGui::GetStyle();
      const float right = ImGui::GetWindowPos().x + ImGui::GetWindowContentRegionMax().x;
      for (std::size_t i = 0; i < names.size(); ++i) {
        bool on = std::find(chosen.begin(), chosen.end(), names[i]) != chosen.end();
        // As many to a row as the dialog's width takes (a phone: two or three).
        const float width = ImGui::GetFrameHeight() + style.ItemInnerSpacing.x + ImGui::CalcTextSize(names[i].c_str()).x;
        if (i > 0 && ImGui::GetItemRectMax().x + style.ItemSpacing.x + width <= right) ImGui::SameLine();
        if (ImGui::Checkbox(names[i].c_str(), &on)) {
          if (on) chosen.push_back(names[i]);
          else chosen.erase(std::find(chosen.begin(), chosen.end(), names[i]));
        }
      }
    };
    toggles("panels to show (none ticked: all)", embed_panel_names(), options.panels);
    toggles("controls to hide", embed_control_names(), options.hide);
    ImGui::RadioButton("light", &options.theme, 0);
    ImGui::SameLine();
    ImGui::RadioButton("dark", &options.theme, 1);
    ImGui::SameLine();
    ImGui::RadioButton("auto", &options.theme, 2);
    ImGui::SameLine();
    ImGui::Checkbox("autoplay", &options.autoplay);
    ImGui::SetNextItemWidth(ImGui::GetFontSize() * 8);
    ImGui::InputInt("iframe height (px)", &options.height, 20, 100);
    options.height = std::clamp(options.height, 120, 4000);
  }
  const std::string key = current_hash(app) + "|" + std::to_string(app.network.weights_version) + "|" +
                          (options.include_weights ? "w" : "") + (options.embed ? "e" : "") + std::to_string(options.theme) +
                          (options.autoplay ? "a" : "") + "|" + joined(options.panels) + "|" + joined(options.hide);
  if (key != options.shown_key) {
    options.shown_key = key;
    options.shown_link = share_link(app, options);
  }
  const std::string& link = options.shown_link;
  if (options.include_weights) {
    if (const std::optional<std::string> why = weights_too_large_for_link(app)) ImGui::TextWrapped("⚠ %s.", why->c_str());
  }
  constexpr std::size_t kShownCharacters = 2000;  // wrapping a longer text every frame would stall the page
  ImGui::TextDisabled("link (%zu characters%s)", link.size(), link.size() > kShownCharacters ? "; the start shown" : "");
  draw_link_box(link.substr(0, kShownCharacters));
  if (ImGui::Button("Copy link")) copy_to_clipboard(link);
  if (options.embed) {
    ImGui::SameLine();
    if (ImGui::Button("Copy iframe snippet")) copy_to_clipboard(iframe_html(link, options.height));
  }
  ImGui::SameLine();
  if (ImGui::Button("Close")) ImGui::CloseCurrentPopup();
  ImGui::EndPopup();
}

void register_share_api() {
  register_api_method("urlHash", [](App& app, const json&, std::string&) { return json(current_hash(app)); });
  // {hash, prefersDark}, or {hashLength, prefersDark} when the bridge found the hash over kMaxUrlHashLength.
  register_api_method("loadUrlHash", [](App& app, const json& params, std::string& error) {
    FieldErrors errors;
    app.prefers_dark = read_bool(params, "prefersDark", errors).value_or(false);
    const std::string hash = read_string(params, "hash", errors).value_or("");
    const std::optional<double> length = read_number(params, "hashLength", errors);
    if (!errors.empty()) { error = to_string(errors.front()); return json(nullptr); }
    if (length && *length > double(kMaxUrlHashLength)) {
      set_link_warnings(app, {to_string(url_hash_too_long(std::size_t(*length)))});
    } else {
      load_hash(app, hash);
    }
    return json{{"warnings", link_warnings_list(app)}, {"warningCount", app.link_warnings.total},
                {"origin", app.embed.origin}};
  });
  register_api_method("shareLink", [](App& app, const json& params, std::string& error) {
    FieldErrors errors;
    ShareOptions options;
    options.include_weights = read_bool(params, "weights", errors).value_or(false);
    options.embed = read_bool(params, "embed", errors).value_or(false);
    if (!errors.empty()) { error = to_string(errors.front()); return json(nullptr); }
    json out{{"link", share_link(app, options)}, {"iframe", iframe_snippet(app, options)}};
    if (options.include_weights) {
      if (const std::optional<std::string> why = weights_too_large_for_link(app)) out["warning"] = *why;
    }
    return out;
  });
  register_api_method("layout", [](App& app, const json&, std::string&) {
    // The colours widget frames are told apart by (sRGB 0–255), for the contrast test.
    const ImGuiStyle& style = ImGui::GetStyle();
    auto rgb = [](const ImVec4& c) { return json{int(c.x * 255 + 0.5f), int(c.y * 255 + 0.5f), int(c.z * 255 + 0.5f)}; };
    // The rects the last frame drew its panels in (web/page_layout.h): CSS px, page coordinates.
    json panels = json::array();
    for (const PanelRect& p : app.page.layout.panels)
      panels.push_back({{"name", p.name}, {"x", p.x}, {"y", p.y}, {"width", p.width}, {"height", p.height},
                        {"minWidth", p.min_width}, {"minHeight", p.min_height}});
    // Open popups and dialogs (the ☰ menu, Share, Import), for the tests of their size.
    json dialogs = json::array();
    for (const ImGuiPopupData& popup : GImGui->OpenPopupStack) {
      if (!popup.Window) continue;
      const float scale = app.pixel_ratio;
      dialogs.push_back({{"name", popup.Window->Name}, {"x", popup.Window->Pos.x / scale}, {"y", popup.Window->Pos.y / scale},
                         {"width", popup.Window->Size.x / scale}, {"height", popup.Window->Size.y / scale}});
    }
    return json{{"columns", app.page.layout.columns}, {"dialogs", dialogs}, {"width", app.page.layout.width},
                {"height", app.page.layout.height}, {"panels", panels},
                {"scrollY", app.page.scroll_y}, {"coarsePointer", app.page.coarse_pointer},
                {"contentHeight", app.content_height}, {"embed", app.embed.embed},
                {"warnings", link_warnings_layout(app)},
                {"style", {{"windowBg", rgb(style.Colors[ImGuiCol_WindowBg])},
                           {"frameBorder", rgb(style.Colors[ImGuiCol_Border])},
                           {"frameBorderAlpha", style.Colors[ImGuiCol_Border].w},
                           {"frameBorderSize", style.FrameBorderSize},
                           {"navHighlight", rgb(style.Colors[ImGuiCol_NavHighlight])},
                           // a button's or checkbox's height in CSS px (≥ 32 on a coarse pointer)
                           {"frameHeight", (ImGui::GetFontSize() + style.FramePadding.y * 2) / app.pixel_ratio}}}};
  });
}

}  // namespace bpl::web
