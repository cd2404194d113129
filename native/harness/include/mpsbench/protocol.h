// The request/reply loop of protocol.md §1-§2: one JSON object per line in, one per line out.
#pragma once

#include <cstdio>
#include <istream>
#include <string>

#include "mpsbench/backend.h"
#include "mpsbench/json.h"
#include "mpsbench/timing.h"

namespace mpsbench {

/// Protocol version implemented by this harness.
constexpr int kProtocolVersion = 1;

/// The hello reply body for `info` (everything except id).
Json hello_reply(const BackendInfo& info);

/// Runs one `run` request: prepare, verify, time, release. Returns the reply fields after `ok`
/// (timer, timing, samples, warmup, verify, mem_bytes, info); throws BackendError and others on failure.
Json run_case(Backend& backend, const BackendInfo& info, const Json& request, Clock& clock);

/// Answers one request line, `info` being the backend's facts. Sets `quit` after `bye`. Never throws:
/// every failure becomes a reply.
Json handle_line(Backend& backend, const BackendInfo& info, const std::string& line, Clock& clock,
                 bool& quit);

/// Asks the backend for its facts once, then reads requests from `in` until `bye` or end of input, writing each reply to `out` as one line,
/// flushed. Blank lines are skipped. Returns the process exit status (0).
int serve(Backend& backend, std::istream& in, std::FILE* out, Clock& clock);

}  // namespace mpsbench
