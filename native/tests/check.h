// A tiny test framework: CHECK macros that count failures, and suites registered by name so that
// ctest can run each one as its own test (mpsbench-tests <suite> [args]).
#pragma once

#include <cmath>
#include <functional>
#include <sstream>
#include <string>
#include <vector>

namespace mpsbench::test {

/// A suite body; `args` are the command-line arguments after the suite name.
using SuiteFn = std::function<void(const std::vector<std::string>& args)>;

/// Registers a suite at static-initialisation time; use the TEST_SUITE macro.
struct SuiteRegistrar {
  SuiteRegistrar(const char* name, SuiteFn fn);
};

/// Records a failed check (file:line and message on stderr).
void fail(const char* file, int line, const std::string& message);

}  // namespace mpsbench::test

/// Defines and registers the suite `name`; its body sees `args`.
#define TEST_SUITE(name)                                                                         \
  static void suite_##name(const std::vector<std::string>& args);                                \
  static const ::mpsbench::test::SuiteRegistrar registrar_##name(#name, suite_##name);           \
  static void suite_##name([[maybe_unused]] const std::vector<std::string>& args)

/// Fails (and continues) when `cond` is false.
#define CHECK(cond)                                                     \
  do {                                                                  \
    if (!(cond)) ::mpsbench::test::fail(__FILE__, __LINE__, #cond);     \
  } while (0)

/// Fails when a != b, printing both values.
#define CHECK_EQ(a, b)                                                                     \
  do {                                                                                     \
    const auto& va_ = (a);                                                                 \
    const auto& vb_ = (b);                                                                 \
    if (!(va_ == vb_)) {                                                                   \
      std::ostringstream os_;                                                              \
      os_ << #a " == " #b ": " << va_ << " vs " << vb_;                                    \
      ::mpsbench::test::fail(__FILE__, __LINE__, os_.str());                               \
    }                                                                                      \
  } while (0)

/// Fails when |a − b| > tol.
#define CHECK_NEAR(a, b, tol)                                                              \
  do {                                                                                     \
    const double va_ = (a), vb_ = (b);                                                     \
    if (!(std::fabs(va_ - vb_) <= (tol))) {                                                \
      std::ostringstream os_;                                                              \
      os_.precision(17);                                                                   \
      os_ << #a " ~ " #b ": " << va_ << " vs " << vb_;                                     \
      ::mpsbench::test::fail(__FILE__, __LINE__, os_.str());                               \
    }                                                                                      \
  } while (0)

/// Fails unless `expr` throws an exception of type `type`.
#define CHECK_THROWS(type, expr)                                                           \
  do {                                                                                     \
    bool thrown_ = false;                                                                  \
    try {                                                                                  \
      (void)(expr);                                                                        \
    } catch (const type&) {                                                                \
      thrown_ = true;                                                                      \
    }                                                                                      \
    if (!thrown_) ::mpsbench::test::fail(__FILE__, __LINE__, #expr " did not throw " #type); \
  } while (0)
