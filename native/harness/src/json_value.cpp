// Json accessors and builders (see json.h).
#include "mpsbench/json.h"

namespace mpsbench {
namespace {

[[noreturn]] void type_error(const char* wanted) {
  throw JsonError(std::string("expected a JSON ") + wanted);
}

}  // namespace

bool Json::as_bool() const {
  if (!is_bool()) type_error("boolean");
  return bool_;
}

double Json::as_number() const {
  if (!is_number()) type_error("number");
  return number_;
}

const std::string& Json::as_string() const {
  if (!is_string()) type_error("string");
  return string_;
}

const Json::Array& Json::as_array() const {
  if (!is_array()) type_error("array");
  return array_;
}

const Json::Object& Json::as_object() const {
  if (!is_object()) type_error("object");
  return object_;
}

const Json* Json::find(std::string_view key) const {
  if (!is_object()) return nullptr;
  for (const Member& m : object_) {
    if (m.first == key) return &m.second;
  }
  return nullptr;
}

Json& Json::set(std::string key, Json value) {
  if (!is_object()) type_error("object");
  for (Member& m : object_) {
    if (m.first == key) {
      m.second = std::move(value);
      return *this;
    }
  }
  object_.emplace_back(std::move(key), std::move(value));
  return *this;
}

void Json::push(Json value) {
  if (!is_array()) type_error("array");
  array_.push_back(std::move(value));
}

std::string Json::dump() const {
  std::string out;
  dump_to(out);
  return out;
}

}  // namespace mpsbench
