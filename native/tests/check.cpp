// The test runner: mpsbench-tests <suite> [args] runs one registered suite (all without a name).
#include "check.h"

#include <exception>
#include <iostream>
#include <map>

namespace mpsbench::test {
namespace {

std::map<std::string, SuiteFn>& suites() {
  static std::map<std::string, SuiteFn> registry;
  return registry;
}

int failures = 0;

}  // namespace

SuiteRegistrar::SuiteRegistrar(const char* name, SuiteFn fn) { suites()[name] = std::move(fn); }

void fail(const char* file, int line, const std::string& message) {
  ++failures;
  std::cerr << file << ":" << line << ": FAILED: " << message << "\n";
}

}  // namespace mpsbench::test

int main(int argc, char** argv) {
  using namespace mpsbench::test;
  std::vector<std::string> args(argv + 1, argv + argc);
  const std::string only = args.empty() ? "" : args.front();
  if (!args.empty()) args.erase(args.begin());
  int ran = 0;
  for (const auto& [name, fn] : suites()) {
    if (!only.empty() && name != only) continue;
    if (only.empty() && name == "transcript") continue;  // needs the runner path
    ++ran;
    try {
      fn(args);
    } catch (const std::exception& e) {
      fail(name.c_str(), 0, std::string("uncaught exception: ") + e.what());
    }
    std::cerr << "suite " << name << (failures ? ": failures so far " + std::to_string(failures) : ": ok") << "\n";
  }
  if (ran == 0) {
    std::cerr << "no suite named " << only << "\n";
    return 2;
  }
  return failures == 0 ? 0 : 1;
}
