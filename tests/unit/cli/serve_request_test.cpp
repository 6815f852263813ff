// unit/cli/serve_request_test.cpp - `narrate serve`: request checks and the internal-address rule
#include <gtest/gtest.h>

#include "cli/serve_fetch.hpp"
#include "cli/serve_request.hpp"
#include "narrate/error.hpp"

namespace narrate::cli {
namespace {

TEST(ServeAddresses, InternalOnesAreKnown) {
  for (const char* address : {"127.0.0.1",
                              "127.255.0.9",
                              "10.0.0.1",
                              "172.16.0.1",
                              "172.31.255.255",
                              "192.168.1.1",
                              "169.254.169.254",
                              "100.64.0.1",
                              "0.0.0.0",
                              "224.0.0.1",
                              "255.255.255.255",
                              "::1",
                              "::",
                              "fe80::1",
                              "fd00:ec2::254",
                              "fc00::1",
                              "::ffff:127.0.0.1",
                              "::ffff:10.1.2.3",
                              "64:ff9b::a9fe:a9fe",
                              "ff02::1",
                              "not an address"}) {
    EXPECT_TRUE(is_internal_address(address)) << address;
  }
  for (const char* address : {"93.184.216.34", "8.8.8.8", "172.32.0.1", "192.169.0.1",
                              "2606:4700:4700::1111", "::ffff:8.8.8.8", "100.128.0.1"}) {
    EXPECT_FALSE(is_internal_address(address)) << address;
  }
}

TEST(ServeRequest, JsonAndQueryGiveTheSameRequest) {
  const SpeechRequest json = parse_json_request(
      R"({"text":"Hi.","voice":"anna","speed":1.25,"format":"ogg","verbatim":true})");
  EXPECT_EQ(json.text, "Hi.");
  EXPECT_EQ(json.voice, "anna");
  EXPECT_EQ(json.format, "ogg");
  EXPECT_TRUE(json.verbatim);
  EXPECT_EQ(validate_request(json, 100).mime, "audio/ogg");
  const SpeechRequest query = parse_query_request({{"text", "Hi."},
                                                   {"voice", "anna"},
                                                   {"speed", "1.25x"},
                                                   {"format", "ogg"},
                                                   {"verbatim", "1"}});
  EXPECT_EQ(query.text, json.text);
  EXPECT_TRUE(query.verbatim);
  const auto args = worker_args("narrate", query, "speech", "/t/source", "/t/audio.ogg");
  const std::vector<std::string> expected = {
      "narrate", "--stats",       "--jobs",  "1",        "--loudness", "off",
      "--speed", "250.000000wpm", "--voice", "anna",     "--format",   "speech",
      "-o",      "/t/audio.ogg",  "--",      "/t/source"};
  EXPECT_EQ(args, expected);
}

TEST(ServeRequest, BadRequestsAreUsageErrors) {
  const auto usage = [](const SpeechRequest& request) {
    try {
      validate_request(request, 10);
    } catch (const Error& error) {
      return error.code() == ErrorCode::Usage;
    }
    return false;
  };
  EXPECT_TRUE(usage(SpeechRequest{}));  // no text, html or url
  SpeechRequest two;
  two.text = "a";
  two.url = "http://example.org/";
  EXPECT_TRUE(usage(two));
  SpeechRequest long_text;
  long_text.text = std::string(11, 'a');
  EXPECT_TRUE(usage(long_text));
  SpeechRequest voice;
  voice.text = "a";
  voice.voice = "--output";  // never an option to the worker
  EXPECT_TRUE(usage(voice));
  voice.voice = "en/../x";
  EXPECT_TRUE(usage(voice));
  SpeechRequest format;
  format.text = "a";
  format.format = "aiff";
  EXPECT_TRUE(usage(format));
  SpeechRequest speed;
  speed.text = "a";
  speed.speed = "5x";
  EXPECT_TRUE(usage(speed));
  EXPECT_THROW(parse_json_request("[1]"), Error);
  EXPECT_THROW(parse_json_request(R"({"text": 3})"), Error);
  EXPECT_THROW(parse_query_request({{"txet", "a"}}), Error);
}

}  // namespace
}  // namespace narrate::cli
