// Runs the real `bp` binary and checks what a tutorial author would see.
#include <doctest/doctest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cmath>
#include <cstdio>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>

namespace {

struct Run {
  int exit_code = -1;
  std::string out, err;
};

// Single-quotes an argument for /bin/sh.
std::string shell_quote(const std::string& arg) {
  std::string out = "'";
  for (char c : arg) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

Run run_bp(const std::string& arguments) {
  static int counter = 0;
  const std::string err_path =
      "/tmp/bp_expr_test_" + std::to_string(getpid()) + "_" + std::to_string(counter++) + ".err";
  const std::string command = std::string(BP_EXECUTABLE) + " " + arguments + " 2>" + err_path;
  Run run;
  FILE* pipe = popen(command.c_str(), "r");
  REQUIRE(pipe != nullptr);
  char buffer[4096];
  std::size_t n = 0;
  while ((n = fread(buffer, 1, sizeof buffer, pipe)) > 0) run.out.append(buffer, n);
  const int status = pclose(pipe);
  run.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  std::ifstream err_file(err_path);
  std::stringstream err;
  err << err_file.rdbuf();
  run.err = err.str();
  std::remove(err_path.c_str());
  return run;
}

const std::string kSeed = shell_quote("(x^2 + x*y) * y^3");

}  // namespace

TEST_CASE("bp expr: JSON for the seed example at (1, 2)") {
  const Run run = run_bp("expr " + kSeed + " --at x=1,y=2 --format json");
  CAPTURE(run.err);
  REQUIRE(run.exit_code == 0);
  const nlohmann::json j = nlohmann::json::parse(run.out, nullptr, false);
  REQUIRE_FALSE(j.is_discarded());
  // The seed's hand derivation: f = 24, ∇f = (y³(2x + y), xy³ + 3y²(x² + xy)) = (32, 44).
  CHECK(j["value"] == 24);
  CHECK(j["gradient"]["x"] == 32);
  CHECK(j["gradient"]["y"] == 44);
  CHECK(j["derivation"]["variables"][0]["total"] == 32);
  CHECK(j["derivation"]["variables"][1]["lines"][0] == "∂f/∂y = ∂f/∂w·∂w/∂v·∂v/∂y + ∂f/∂z·∂z/∂y");
  CHECK(j["graph"]["nodes"].size() == 9);
}

TEST_CASE("bp expr: markdown has a mermaid graph LR block and the derivation") {
  const Run run = run_bp("expr " + kSeed + " --at x=1,y=2 --format markdown");
  REQUIRE(run.exit_code == 0);
  CHECK(run.out.find("```mermaid\ngraph LR\n") != std::string::npos);
  CHECK(run.out.find("f = w·z = 24<br/>∂f/∂f = 1") != std::string::npos);
  CHECK(run.out.find("y = 2<br/>∂f/∂y = 44") != std::string::npos);
  CHECK(run.out.find("$$\n\\begin{aligned}") != std::string::npos);
  CHECK(run.out.find("&= 44") != std::string::npos);
}

TEST_CASE("bp expr: text and latex formats") {
  const Run text = run_bp("expr " + kSeed + " --at x=1,y=2");
  REQUIRE(text.exit_code == 0);
  CHECK(text.out.find("∇f = (32, 44)") != std::string::npos);
  CHECK(text.out.find("= 8·1·1 + 3·12") != std::string::npos);
  const Run latex = run_bp("expr " + kSeed + " --at x=1,y=2 --format latex");
  REQUIRE(latex.exit_code == 0);
  CHECK(latex.out.rfind("\\begin{aligned}", 0) == 0);
}

TEST_CASE("bp expr: a bad expression exits 2 with the column") {
  const Run run = run_bp("expr " + shell_quote("(x^2 + xy) * y^3") + " --at x=1,y=2");
  CHECK(run.exit_code == 2);
  CHECK(run.out.empty());
  CHECK(run.err == "error: unknown name 'xy' at column 8; did you mean x*y?\n");
  const Run unclosed = run_bp("expr " + shell_quote("sin(x") + " --format json");
  CHECK(unclosed.exit_code == 2);
  CHECK(unclosed.err == "error: missing ')' to close sin( at column 6; it opens at column 1\n");
}

TEST_CASE("bp expr: a bad --at exits 2 with a clear message") {
  const char* bad[] = {"x=abc", "z=1", "x=1,x=2", "x1", "x=1e999"};
  for (const char* at : bad) {
    CAPTURE(at);
    const Run run = run_bp("expr x --at " + shell_quote(at));
    CHECK(run.exit_code == 2);
    CHECK(run.err.rfind("error: --at: ", 0) == 0);
  }
}

TEST_CASE("bp expr: an undefined point is an answer with a reason") {
  const Run run = run_bp("expr " + shell_quote("ln(x) + y") + " --at x=-1,y=0 --format json");
  REQUIRE(run.exit_code == 0);
  const nlohmann::json j = nlohmann::json::parse(run.out, nullptr, false);
  CHECK(j["value"].is_null());
  CHECK(j["evaluation"]["reason"] == "ln is only defined for positive numbers, and its input is -1");
}

TEST_CASE("bp expr: an expression may start with a minus sign") {
  // f = −x² + 2^(−y) at (1, 2): f = −1 + ¼; ∂f/∂x = −2x = −2; ∂f/∂y = −ln2·2^(−y) = −ln2/4.
  for (const std::string& order : {"expr " + shell_quote("-x^2 + 2^(-y)") + " --at x=1,y=2 --format json",
                                   "expr --at x=1,y=2 --format json " + shell_quote("-x^2 + 2^(-y)")}) {
    CAPTURE(order);
    const Run run = run_bp(order);
    REQUIRE(run.exit_code == 0);
    const nlohmann::json j = nlohmann::json::parse(run.out, nullptr, false);
    CHECK(j["value"].get<double>() == doctest::Approx(-0.75).epsilon(1e-15));
    CHECK(j["gradient"]["x"].get<double>() == doctest::Approx(-2.0).epsilon(1e-15));
    CHECK(j["gradient"]["y"].get<double>() == doctest::Approx(-std::log(2.0) / 4).epsilon(1e-15));
  }
}

TEST_CASE("bp expr: every variable the expression uses needs a value in --at") {
  const Run missing_y = run_bp("expr x+y --at x=1");
  CHECK(missing_y.exit_code == 2);
  CHECK(missing_y.err == "error: --at: the expression uses y; give its value, e.g. --at x=1,y=2\n");
  const Run no_at = run_bp("expr " + shell_quote("x^2"));
  CHECK(no_at.exit_code == 2);
  CHECK(no_at.err == "error: --at: the expression uses x; give its value, e.g. --at x=1\n");
  const Run constant = run_bp("expr " + shell_quote("2^3") + " --format json");
  CHECK(constant.exit_code == 0);
}

TEST_CASE("bp expr: a point on a kink says which convention it uses") {
  // abs'(0) = 0; max(y, 0) at y = 0 is a tie: ½ each, so ∂f/∂y = ½ (PyTorch 1.13 agrees).
  const Run run = run_bp("expr " + shell_quote("abs(x) + max(y, 0)") + " --at x=0,y=0 --format json");
  REQUIRE(run.exit_code == 0);
  const nlohmann::json j = nlohmann::json::parse(run.out, nullptr, false);
  CHECK(j["gradient"]["x"].get<double>() == 0.0);
  CHECK(j["gradient"]["y"].get<double>() == 0.5);
  const nlohmann::json& notes = j["derivation"]["conventions"];
  REQUIRE(notes.size() == 2);
  CHECK(notes[0].get<std::string>().find("abs'(0) = 0") != std::string::npos);
  CHECK(notes[1].get<std::string>().find("½ and ½") != std::string::npos);
  const Run text = run_bp("expr " + shell_quote("relu(x)") + " --at x=0");
  CHECK(text.out.find("note: relu(x) has no slope at x = 0; this uses relu'(0) = 0, as PyTorch does") !=
        std::string::npos);
  const Run smooth = run_bp("expr " + shell_quote("abs(x)") + " --at x=1 --format json");
  CHECK(nlohmann::json::parse(smooth.out, nullptr, false)["derivation"]["conventions"].empty());
}
