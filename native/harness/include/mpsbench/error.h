// The typed failure of a request: its kind is the protocol's error.kind (protocol.md §2).
#pragma once

#include <stdexcept>
#include <string>

namespace mpsbench {

/// The failure kinds of a `run` reply.
enum class ErrorKind { Unsupported, Oom, Invalid, Internal };

/// The protocol name of a kind ("unsupported", "oom", "invalid", "internal").
const char* error_kind_name(ErrorKind kind);

/// Thrown by the harness and by backends to fail one request with a given kind. Anything else that
/// escapes a request is reported as `internal` (std::bad_alloc as `oom`); the runner stays alive.
class BackendError : public std::runtime_error {
 public:
  BackendError(ErrorKind kind, const std::string& message) : std::runtime_error(message), kind_(kind) {}
  /// The protocol kind of this failure.
  ErrorKind kind() const { return kind_; }

 private:
  ErrorKind kind_;
};

}  // namespace mpsbench
