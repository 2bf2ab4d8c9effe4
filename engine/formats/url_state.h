#pragma once
// The page's whole state (web/app_state.h getState(), plus embed options and
// optionally trained weights) in the URL hash: versioned, short, readable.
//   #v=1&dataset=circle&hidden=4,2&activation=tanh&lr=0.03&features=x1,x2,x1%5E2&selected=W1[0][1]
//
// URL key ↔ state field (either form is accepted when decoding):
//   v           (format version, always 1)         embed       embed          0/1
//   demo        demo                               panels      panels         list of names
//   dataset     dataset                            hide        hide           list of names
//   samples     samples                            theme       theme          light | dark | auto
//   noise       noise                              autoplay    autoplay       0/1
//   train       trainFraction                      origin      origin         "", none or http(s)://host[:port]
//   features    features        list               selected    selected       parameter id, "" = none
//   hidden      hidden          list ("" = none)   sample      derivationSample
//   activation  activation                         lens        gradientLens   0/1
//   slope       leakySlope                         log         logScale       0/1
//   output      outputActivation                   discretize  discretize     0/1
//   loss        loss                               test        showTestPoints 0/1
//   optimizer   optimizer                          expr        expression
//   lr          learningRate                       point       point          x,y
//   momentum    momentum                           d.opt       descent.optimizer
//   beta1       beta1                              d.lr        descent.learningRate
//   beta2       beta2                              d.steps     descent.steps
//   eps         epsilon                            d.momentum  descent.momentum
//   batch       batchSize                          d.start     descent.start  x,y
//   reg         regularization                     w           weights        MODEL.json, see below
//   regRate     regularizationRate
//   init, seed, epochs: the same names
//   points      points          x1,x2,label;x1,x2,label  (the points added by clicking; at most kMaxAddedPoints)
// Values: numbers in the shortest form that reads back to the same double;
// booleans 1/0 (decoding also takes true/false, and a bare `embed` = true);
// lists comma-separated. Percent-encoded: everything outside RFC 3986's
// fragment characters (so & = # % + space ^ [ ] and non-ASCII), and ',' inside
// a list item. '+' is a plus, never a space.
//
// Weights, w=<inputs>,<units>:<activation>,…,<loss>[,slope:<leakySlope>],<f32|f64>:<base64url>
//   e.g. w=2,2:relu,1:linear,half_mse,f32:zcxMPpqZmT4…  The payload is every
//   parameter in network order (per layer: weights[j][i] row by row, then the
//   biases) as little-endian IEEE floats, base64url without padding; f32 when
//   every value is exactly a float (trained weights always are), f64 otherwise,
//   so weights always read back bit for bit.
#include <cstddef>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "engine/core/input_limits.h"  // kMaxUrlHashLength ('#' included), kMaxUrlOriginLength
#include "engine/core/result.h"

namespace bpl {

inline constexpr int kUrlStateVersion = 1;
inline constexpr int kMaxUrlKeys = 128;                  // key=value pairs
inline constexpr int kMaxUrlListItems = 64;              // any list (features and hidden have smaller caps of their own)
inline constexpr std::size_t kMaxUrlNameLength = 32;     // a panel or control name
inline constexpr std::size_t kMaxUrlSelectedLength = 64;

// "v=1&…": every key of the table whose value in `state` differs from its value
// in `defaults` (all of them when defaults is empty), in the table's order.
// Keys not in the table are left out, and so are weights that are not a valid
// MODEL.json or that would make the hash longer than kMaxUrlHashLength.
std::string encode_url_state(const nlohmann::json& state,
                             const nlohmann::json& defaults = nlohmann::json::object());

struct UrlStateResult {
  nlohmann::json state = nlohmann::json::object();  // the valid fields only; apply over the defaults
  FieldErrors warnings;  // one per field left out: names the state field, the expected form, the default used
};

// Lenient: a malformed or out-of-range field is left out of `state` with a
// warning, every valid field is kept; except origin, which fails closed: a
// malformed origin becomes "none" (answer no parent, engine/formats/origin.h),
// and a valid one is normalised. Config fields are checked by the
// engine's own reader (apply_config_json) over the config in `defaults`, so
// that state applied over defaults is a valid TrainConfig (a regression dataset
// with a classification loss keeps the dataset and takes the page's pairing,
// preselect_for_dataset); "selected" must name
// a parameter and "weights" must fit the network that config describes. A
// leading '#' is allowed. Never aborts; linear in the length of `hash`.
UrlStateResult decode_url_state(std::string_view hash,
                                const nlohmann::json& defaults = nlohmann::json::object());

// The one warning of a hash longer than kMaxUrlHashLength (the page's bridge
// measures it and sends only its length; decode_url_state gives the same).
FieldError url_hash_too_long(std::size_t length);

}  // namespace bpl
