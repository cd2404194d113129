// A small JSON value with parser and writer, hand-written so that the runner builds with nothing but
// a C++17 compiler and BLAS (protocol.md §1: one JSON object per line).
#pragma once

#include <cstddef>
#include <stdexcept>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

namespace mpsbench {

/// Thrown by Json::parse on malformed text and by the typed accessors on a type mismatch.
class JsonError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

/// A JSON value: null, boolean, number (double), string, array, or object (members kept in
/// insertion order so replies read in the order the protocol documents them).
class Json {
 public:
  enum class Type { Null, Bool, Number, String, Array, Object };
  using Array = std::vector<Json>;
  using Member = std::pair<std::string, Json>;
  using Object = std::vector<Member>;

  /// null.
  Json() = default;
  /// null.
  Json(std::nullptr_t) {}
  /// A boolean.
  Json(bool b) : type_(Type::Bool), bool_(b) {}
  /// Any arithmetic value except bool, stored as a double.
  template <typename T, std::enable_if_t<std::is_arithmetic_v<T> && !std::is_same_v<T, bool>, int> = 0>
  Json(T v) : type_(Type::Number), number_(static_cast<double>(v)) {}
  /// A string (bytes taken as UTF-8; invalid sequences are replaced when written).
  Json(std::string s) : type_(Type::String), string_(std::move(s)) {}
  /// A string; a separate overload so that a literal does not convert to bool.
  Json(const char* s) : Json(std::string(s)) {}
  /// An array.
  Json(Array a) : type_(Type::Array), array_(std::move(a)) {}
  /// An object.
  Json(Object o) : type_(Type::Object), object_(std::move(o)) {}

  /// An empty object, to be filled with set().
  static Json object() { return Json(Object{}); }
  /// An empty array, to be filled with push().
  static Json array() { return Json(Array{}); }
  /// Parses one JSON text (surrounding whitespace allowed); throws JsonError with the byte offset.
  static Json parse(std::string_view text);

  /// The value's type.
  Type type() const { return type_; }
  bool is_null() const { return type_ == Type::Null; }
  bool is_bool() const { return type_ == Type::Bool; }
  bool is_number() const { return type_ == Type::Number; }
  bool is_string() const { return type_ == Type::String; }
  bool is_array() const { return type_ == Type::Array; }
  bool is_object() const { return type_ == Type::Object; }

  /// Typed accessors; each throws JsonError when the value has another type.
  bool as_bool() const;
  double as_number() const;
  const std::string& as_string() const;
  const Array& as_array() const;
  const Object& as_object() const;

  /// The member `key` of an object, or nullptr when absent or when this is not an object.
  const Json* find(std::string_view key) const;
  /// Sets (replaces or appends) an object member; returns *this for chaining. Throws unless object.
  Json& set(std::string key, Json value);
  /// Appends to an array; throws unless array.
  void push(Json value);

  /// One-line JSON text: strings escaped, invalid UTF-8 replaced by U+FFFD, integral numbers below
  /// 2^53 written without exponent, other numbers with the shortest round-tripping precision,
  /// NaN and infinities written as null.
  std::string dump() const;
  /// Appends the JSON text of this value to `out`.
  void dump_to(std::string& out) const;

 private:
  Type type_ = Type::Null;
  bool bool_ = false;
  double number_ = 0;
  std::string string_;
  Array array_;
  Object object_;
};

/// Appends `s` as a quoted JSON string to `out` (escaping quotes, backslashes, control characters).
void write_json_string(std::string& out, std::string_view s);

}  // namespace mpsbench
