#include "js_api.h"

#include <emscripten/emscripten.h>

#include <map>

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

nlohmann::json call(const char* method, const char* params_text) {
  auto found = methods().find(method ? method : "");
  if (found == methods().end()) return {{"ok", false}, {"error", std::string("unknown method '") + method + "'"}};
  nlohmann::json params = nlohmann::json::parse(params_text ? params_text : "null", nullptr, false);
  if (params.is_discarded()) return {{"ok", false}, {"error", "params are not valid JSON"}};
  std::string error;
  nlohmann::json result = found->second(*g_app, params, error);
  if (!error.empty()) return {{"ok", false}, {"error", error}};
  return {{"ok", true}, {"result", result}};
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
                           }()}};
  });
}

}  // namespace bpl::web

// The one entry point index.html calls. The returned string lives until the next call.
extern "C" EMSCRIPTEN_KEEPALIVE const char* bpl_api_call(const char* method, const char* params_json) {
  static std::string reply;
  reply = bpl::web::call(method, params_json).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  return reply.c_str();
}
