// Request dispatch and the line loop (see protocol.h and protocol.md §1-§2).
#include "mpsbench/protocol.h"

#include <new>

#include "mpsbench/error.h"

namespace mpsbench {

const char* error_kind_name(ErrorKind kind) {
  switch (kind) {
    case ErrorKind::Unsupported: return "unsupported";
    case ErrorKind::Oom: return "oom";
    case ErrorKind::Invalid: return "invalid";
    case ErrorKind::Internal: return "internal";
  }
  return "internal";
}

namespace {

/// {"id": id, ...body}: the id goes first so replies read like the protocol's examples.
Json with_id(const Json& id, const Json& body) {
  Json reply = Json::object().set("id", id);
  for (const auto& [key, value] : body.as_object()) reply.set(key, value);
  return reply;
}

Json failure(const Json& id, const std::string& op, ErrorKind kind, const std::string& message) {
  return Json::object()
      .set("id", id)
      .set("op", op)
      .set("ok", false)
      .set("error", Json::object().set("kind", error_kind_name(kind)).set("message", message));
}

Json dispatch(Backend& backend, const BackendInfo& info, const Json& request, const Json& id,
              const std::string& op, Clock& clock, bool& quit) {
  if (op == "hello") return with_id(id, hello_reply(info));
  if (op == "run") {
    const Json result = run_case(backend, info, request, clock);
    Json body = Json::object().set("op", "run").set("ok", true);
    for (const auto& [key, value] : result.as_object()) body.set(key, value);
    return with_id(id, body);
  }
  if (op == "bye") {
    quit = true;
    return Json::object().set("id", id).set("op", "bye").set("ok", true);
  }
  return failure(id, "error", ErrorKind::Invalid, "unknown op \"" + op + "\"");
}

}  // namespace

Json handle_line(Backend& backend, const BackendInfo& info, const std::string& line, Clock& clock,
                 bool& quit) {
  Json request;
  try {
    request = Json::parse(line);
  } catch (const JsonError& e) {
    return failure(Json(), "error", ErrorKind::Invalid, e.what());
  }
  const Json* id_field = request.find("id");
  const Json* op_field = request.find("op");
  if (!request.is_object() || !id_field || !op_field || !op_field->is_string()) {
    return failure(id_field ? *id_field : Json(), "error", ErrorKind::Invalid,
                   "a request is an object with \"op\" (a string) and \"id\"");
  }
  const std::string& op = op_field->as_string();
  try {
    return dispatch(backend, info, request, *id_field, op, clock, quit);
  } catch (const BackendError& e) {
    return failure(*id_field, op, e.kind(), e.what());
  } catch (const JsonError& e) {
    return failure(*id_field, op, ErrorKind::Invalid, e.what());
  } catch (const std::bad_alloc&) {
    return failure(*id_field, op, ErrorKind::Oom, "host allocation failed (std::bad_alloc)");
  } catch (const std::exception& e) {
    return failure(*id_field, op, ErrorKind::Internal, e.what());
  } catch (...) {
    return failure(*id_field, op, ErrorKind::Internal, "unknown exception");
  }
}

int serve(Backend& backend, std::istream& in, std::FILE* out, Clock& clock) {
  const BackendInfo info = backend.info();
  std::string line;
  bool quit = false;
  while (!quit && std::getline(in, line)) {
    if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
    std::string text = handle_line(backend, info, line, clock, quit).dump();
    text += '\n';
    std::fwrite(text.data(), 1, text.size(), out);
    std::fflush(out);
  }
  return 0;
}

}  // namespace mpsbench
