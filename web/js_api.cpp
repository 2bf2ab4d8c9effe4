#include "js_api.h"

#include <emscripten/emscripten.h>

#include <cstring>
#include <map>

#include "engine/core/input_limits.h"
#include "engine/core/json_text.h"
#include "engine/core/text.h"

#include "app.h"
#include "exchange.h"
#include "share.h"

namespace bpl::web {

namespace {

App* g_app = nullptr;

std::map<std::string, ApiMethod>& methods() {
  static std::map<std::string, ApiMethod> registry;
  return registry;
}

// The JSON a method's params may take (README "Input limits"): imports carry a
// whole file, loadUrlHash a whole link, everything else a few fields.
std::size_t max_params_bytes(const std::string& method) {
  if (method == "loadUrlHash") return kMaxLoadUrlHashJsonBytes;
  if (method == "importText" || method == "importModel" || method == "importMermaid") return kMaxImportCallJsonBytes;
  return kMaxCallJsonBytes;
}

// Methods that only read: the rest wake the page to draw what they changed
// (app.h, wake). The bridge polls eventState 4 times a second, so it must not.
bool only_reads(const std::string& method) {
  for (const char* name : {"info", "getState", "metrics", "eventState", "parameters", "networkView", "controlTargets",
                           "expressionView",
                           "expression", "expressionPresets", "layout", "urlHash", "shareLink", "derivation",
                           "exportModel", "exportCsv", "exportMermaid", "exportLatex", "typeset", "shortcuts"})
    if (method == name) return true;
  return false;
}

nlohmann::json failure(const std::string& error) { return {{"ok", false}, {"error", error}}; }

nlohmann::json call(const char* method, const char* params_text) {
  const std::string name = method ? method : "";
  auto found = methods().find(name);
  if (found == methods().end()) return failure("unknown method '" + printable(name) + "'");
  // The bridge checked these before copying; a caller that skips it is refused the same way.
  const std::size_t size = params_text ? std::strlen(params_text) : 0;
  if (auto too_big = over_cap("params", "the params' JSON", size, max_params_bytes(name), name)) {
    return failure(to_string(*too_big) + "; nothing was changed");
  }
  Result<nlohmann::json> params = parse_json_text(params_text ? params_text : "null", "params");
  if (!params.ok()) return failure(to_string(params.errors.front()));
  std::string error;
  if (!only_reads(name)) wake(*g_app);
  nlohmann::json result = found->second(*g_app, *params.value, error);
  if (!error.empty()) return {{"ok", false}, {"error", error}};
  return {{"ok", true}, {"result", result}};
}

// The caps web/bridge.js checks before it copies anything into wasm memory.
nlohmann::json limits_json() {
  nlohmann::json per_method = {{"default", kMaxCallJsonBytes}};
  for (const auto& entry : methods()) {
    if (max_params_bytes(entry.first) != kMaxCallJsonBytes) per_method[entry.first] = max_params_bytes(entry.first);
  }
  return {{"urlHashBytes", kMaxUrlHashLength}, {"importTextBytes", kMaxImportBytes}, {"jsonDepth", kMaxJsonDepth},
          {"paramsBytes", per_method}};
}

}  // namespace

void register_api_method(const std::string& name, ApiMethod method) { methods()[name] = std::move(method); }

void bind_js_api(App& app) {
  g_app = &app;
  register_network_api();
  register_share_api();
  register_exchange_api();
  register_expression_api();
  register_api_method("info", [](App& a, const nlohmann::json&, std::string&) {
    return nlohmann::json{{"version", a.build.version},
                          {"build", {{"simd", a.build.simd}, {"target", a.build.target}}},
                          {"methods", [] {
                             nlohmann::json names = nlohmann::json::array();
                             for (const auto& entry : methods()) names.push_back(entry.first);
                             return names;
                           }()},
                          {"limits", limits_json()}};
  });
}

}  // namespace bpl::web

// The one entry point index.html calls. The returned string lives until the next call.
extern "C" EMSCRIPTEN_KEEPALIVE const char* bpl_api_call(const char* method, const char* params_json) {
  static std::string reply;
  reply = bpl::web::call(method, params_json).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  return reply.c_str();
}
