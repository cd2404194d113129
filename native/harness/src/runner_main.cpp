// runner_main: stdout discipline, then the protocol loop (see runner_main.h).
#include "mpsbench/runner_main.h"

#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <iostream>
#include <thread>

#include "mpsbench/protocol.h"

namespace mpsbench {

namespace {

/// Ends the process once its parent is gone (mpsbench SIGKILLed: the runner is re-parented, so
/// getppid() changes). The protocol loop notices a closed stdin only between requests; this thread
/// also covers a runner busy in a long case. Polls once a second; detached, it never blocks exit.
void watch_parent() {
  const pid_t parent = getppid();
  if (parent <= 1) return;  // started by init (or already orphaned): nothing to watch
  std::thread([parent] {
    for (;;) {
      std::this_thread::sleep_for(std::chrono::seconds(1));
      if (getppid() != parent) _exit(3);
    }
  }).detach();
}

}  // namespace

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
  watch_parent();
  SteadyClock clock;
  const int status = serve(*backend, std::cin, replies, clock);
  std::fclose(replies);
  return status;
}

}  // namespace mpsbench
