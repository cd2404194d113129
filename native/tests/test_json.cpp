// JSON parse and write: values, escaping (quotes, backslashes, control characters, unicode),
// invalid UTF-8, numbers, and malformed input.
#include "check.h"
#include "mpsbench/json.h"

using namespace mpsbench;

namespace {

std::string round_trip(const std::string& text) { return Json::parse(text).dump(); }

}  // namespace

TEST_SUITE(json) {
  const Json v = Json::parse(R"( {"op":"run","id":7,"a":[1,2.5,-3e2,true,false,null],"o":{}} )");
  CHECK_EQ(v.find("op")->as_string(), std::string("run"));
  CHECK_EQ(v.find("id")->as_number(), 7.0);
  CHECK_EQ(v.find("a")->as_array().size(), size_t(6));
  CHECK_EQ(v.find("a")->as_array()[2].as_number(), -300.0);
  CHECK(v.find("a")->as_array()[5].is_null());
  CHECK(v.find("missing") == nullptr);
  CHECK_THROWS(JsonError, v.find("op")->as_number());
  CHECK_EQ(v.dump(), std::string(R"({"op":"run","id":7,"a":[1,2.5,-300,true,false,null],"o":{}})"));

  // Escaping on write.
  CHECK_EQ(Json("say \"hi\"\\").dump(), std::string(R"("say \"hi\"\\")"));
  CHECK_EQ(Json(std::string("a\nb\tc\r\b\f\x01\x1f", 10)).dump(), std::string(R"("a\nb\tc\r\b\f\u0001\u001f")"));
  CHECK_EQ(Json(std::string("nul\0x", 5)).dump(), std::string(R"("nul\u0000x")"));
  CHECK_EQ(Json("é ✓ 𝄞").dump(), std::string("\"é ✓ 𝄞\""));  // valid UTF-8 passes through
  CHECK_EQ(Json("bad\xff\xc3(").dump(), std::string("\"bad\xEF\xBF\xBD\xEF\xBF\xBD(\""));
  CHECK_EQ(Json("\xed\xa0\x80").dump(), std::string("\"\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD\""));  // surrogate

  // Escapes on read, including surrogate pairs.
  CHECK_EQ(std::string(Json::parse(R"("\u00e9\u2713\ud834\udd1e\/\"\\\n")").as_string()), std::string("é✓𝄞/\"\\\n"));
  CHECK_EQ(round_trip(R"(["\u0001"])"), std::string(R"(["\u0001"])"));
  CHECK_EQ(round_trip(R"({"k":"\t"})"), std::string(R"({"k":"\t"})"));

  // Numbers.
  CHECK_EQ(Json(1532100).dump(), std::string("1532100"));
  CHECK_EQ(Json(int64_t(25769803776)).dump(), std::string("25769803776"));
  CHECK_EQ(Json(3.1e-7).dump(), std::string("3.1e-07"));
  CHECK_EQ(Json(0.1).dump(), std::string("0.1"));
  CHECK_EQ(Json::parse(Json(1.0 / 3).dump()).as_number(), 1.0 / 3);
  CHECK_EQ(Json(1e300).dump(), std::string("1e+300"));
  CHECK_EQ(Json(std::nan("")).dump(), std::string("null"));
  CHECK_EQ(Json(-0.0).dump(), std::string("0"));

  // Builders.
  Json o = Json::object().set("b", 1).set("a", "x");
  o.set("b", 2);
  CHECK_EQ(o.dump(), std::string(R"({"b":2,"a":"x"})"));
  CHECK_THROWS(JsonError, Json(1).set("a", 1));

  // Malformed input.
  for (const char* bad : {"", "{", "}", "[1,]", "{\"a\":1,}", "{'a':1}", "{\"a\" 1}", "01", "1.", "-", "1e",
                          "tru", "nul", "\"abc", "\"a\nb\"", "\"\\x\"", "\"\\u12g4\"", "\"\\ud834\"",
                          "\"\\udd1e\"", "[1] 2", "{\"a\":1}}", "NaN", "+1"}) {
    CHECK_THROWS(JsonError, Json::parse(bad));
  }
  CHECK_THROWS(JsonError, Json::parse(std::string(100, '[') + std::string(100, ']')));
  CHECK(Json::parse(std::string(60, '[') + std::string(60, ']')).is_array());
}
