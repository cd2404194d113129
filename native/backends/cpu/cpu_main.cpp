// mpsbench-runner-cpu: the harness serving the CPU backend (protocol.md).
#include <iostream>

#include "cpu_backend.h"
#include "mpsbench/error.h"
#include "mpsbench/runner_main.h"

int main() {
  try {
    return mpsbench::runner_main(mpsbench::make_cpu_backend());
  } catch (const mpsbench::BackendError& e) {
    std::cerr << "mpsbench-runner-cpu: " << e.what() << "\n";
    return 2;
  }
}
