// MPSBENCH_THREADS, validated once by the shared runner entry point for every backend (protocol.md §5):
// unset or empty means the backend's default, a positive decimal integer is taken, anything else is
// `invalid` (which main() turns into exit status 2; the transcript suite checks that on the binary).
#include "check.h"
#include "mpsbench/error.h"
#include "mpsbench/runner_env.h"

using namespace mpsbench;

TEST_SUITE(runner_env) {
  CHECK_EQ(parse_threads(nullptr), int64_t(0));
  CHECK_EQ(parse_threads(""), int64_t(0));
  CHECK_EQ(parse_threads("1"), int64_t(1));
  CHECK_EQ(parse_threads("64"), int64_t(64));
  CHECK_EQ(parse_threads("007"), int64_t(7));
  CHECK_EQ(parse_threads("2147483647"), int64_t(2147483647));
  for (const char* bad : {"0", "-1", "+2", " 2", "2 ", "2.0", "1e3", "abc", "0x10", "2147483648",
                          "99999999999999999999999"}) {
    CHECK_THROWS(BackendError, parse_threads(bad));
    try {
      parse_threads(bad);
    } catch (const BackendError& e) {
      CHECK(e.kind() == ErrorKind::Invalid);
      CHECK(std::string(e.what()).find(std::string("\"") + bad + "\"") != std::string::npos);
    }
  }
}
