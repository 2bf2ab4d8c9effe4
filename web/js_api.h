#pragma once
// window.backprop's C++ side. index.html calls one exported function,
//   bpl_api_call(method, params_json) -> {"ok": true, "result": ...} | {"ok": false, "error": "..."}
// and builds the JS methods on top of it; the postMessage bridge routes to the same names.
#include <functional>
#include <string>

#include <nlohmann/json.hpp>

namespace bpl::web {

struct App;
using ApiMethod = std::function<nlohmann::json(App& app, const nlohmann::json& params, std::string& error)>;

void bind_js_api(App& app);
// Each demo's methods (web/network_api.cpp, web/expression_api.cpp).
void register_network_api();
void register_expression_api();
// Adds a method; `error` non-empty means the call failed with that message.
void register_api_method(const std::string& name, ApiMethod method);

}  // namespace bpl::web
