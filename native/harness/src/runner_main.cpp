// runner_main: stdout discipline, then the protocol loop (see runner_main.h).
#include "mpsbench/runner_main.h"

#include <unistd.h>

#include <cstdio>
#include <iostream>

#include "mpsbench/protocol.h"

namespace mpsbench {

int runner_main(std::unique_ptr<Backend> backend) {
  std::fflush(stdout);
  const int reply_fd = dup(STDOUT_FILENO);
  std::FILE* replies = reply_fd >= 0 ? fdopen(reply_fd, "w") : nullptr;
  if (!replies || dup2(STDERR_FILENO, STDOUT_FILENO) < 0) {
    std::perror("mpsbench runner: cannot set up the reply channel");
    return 1;
  }
#ifndef NDEBUG
  std::cerr << "mpsbench runner: built without NDEBUG (debug build); timings are not representative\n";
#endif
  SteadyClock clock;
  const int status = serve(*backend, std::cin, replies, clock);
  std::fclose(replies);
  return status;
}

}  // namespace mpsbench
