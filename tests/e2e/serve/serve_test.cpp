// e2e/serve/serve_test.cpp - `narrate serve` over HTTP on 127.0.0.1: streaming, limits, workers,
// refused URL targets. Traffic goes to loopback only.
#include <arpa/inet.h>
#include <fcntl.h>
#include <gtest/gtest.h>
#include <httplib.h>
#include <netinet/in.h>
#include <signal.h>
#include <spawn.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <functional>
#include <nlohmann/json.hpp>
#include <string>
#include <thread>
#include <vector>

#include "support/support.hpp"

extern char** environ;

namespace narrate::test {
namespace {

using Clock = std::chrono::steady_clock;
using Json = nlohmann::json;

double seconds_since(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

/// `narrate serve --listen 127.0.0.1:0 ARGS...`, its port read from its first line; stopped
/// with SIGTERM at the end of the test.
class Server {
 public:
  explicit Server(std::vector<std::string> extra = {}) {
    std::vector<std::string> args = {NARRATE_BINARY, "serve", "--listen", "127.0.0.1:0"};
    args.insert(args.end(), extra.begin(), extra.end());
    std::vector<char*> argv;
    for (std::string& arg : args) argv.push_back(arg.data());
    argv.push_back(nullptr);
    int err[2];
    if (::pipe2(err, O_CLOEXEC) != 0) return;
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_adddup2(&actions, err[1], STDERR_FILENO);
    posix_spawn_file_actions_addopen(&actions, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
    const int failed = ::posix_spawn(&pid_, argv[0], &actions, nullptr, argv.data(), environ);
    posix_spawn_file_actions_destroy(&actions);
    ::close(err[1]);
    if (failed != 0) {
      ::close(err[0]);
      pid_ = -1;
      return;
    }
    err_ = ::fdopen(err[0], "r");
    char line[512];
    // The first line says where it listens: "... listening on http://127.0.0.1:PORT/ ...".
    if (err_ && std::fgets(line, sizeof line, err_)) {
      first_line_ = line;
      const auto at = first_line_.find("http://127.0.0.1:");
      if (at != std::string::npos) port_ = std::atoi(first_line_.c_str() + at + 17);
    }
    // The log keeps flowing: drain it so the server never blocks on a full pipe.
    if (err_) {
      drain_ = std::thread([this] {
        char buffer[4096];
        while (std::fgets(buffer, sizeof buffer, err_)) log_ += buffer;
      });
    }
  }
  ~Server() {
    if (pid_ > 0) {
      ::kill(pid_, SIGTERM);
      int status = 0;
      ::waitpid(pid_, &status, 0);
    }
    if (drain_.joinable()) drain_.join();
    if (err_) std::fclose(err_);
  }
  int port() const { return port_; }
  pid_t pid() const { return pid_; }
  const std::string& first_line() const { return first_line_; }
  httplib::Client client() const {
    httplib::Client c("127.0.0.1", port_);
    c.set_read_timeout(60, 0);
    return c;
  }
  /// The server's child processes now: workers at work and standby ones.
  std::vector<int> children() const {
    // Each thread lists the children it started.
    std::vector<int> pids;
    std::error_code error;
    const std::filesystem::path tasks = "/proc/" + std::to_string(pid_) + "/task";
    for (const auto& task : std::filesystem::directory_iterator(tasks, error)) {
      std::FILE* file = std::fopen((task.path() / "children").c_str(), "r");
      if (!file) continue;
      int pid = 0;
      while (std::fscanf(file, "%d", &pid) == 1) pids.push_back(pid);
      std::fclose(file);
    }
    return pids;
  }

 private:
  pid_t pid_ = -1;
  int port_ = 0;
  std::FILE* err_ = nullptr;
  std::string first_line_;
  std::string log_;
  std::thread drain_;
};

/// An article long enough that synthesizing it takes seconds.
std::string long_text(int sentences) {
  std::string text;
  for (int i = 0; i < sentences; ++i) {
    text += "Sentence number " + std::to_string(i + 1) +
            " tells of a quiet harbour town where the ferry leaves at eleven every night. ";
    if (i % 5 == 4) text += "\n\n";
  }
  return text;
}

std::string speech_body(const std::string& text, const std::string& format = "wav") {
  return Json{{"text", text}, {"format", format}, {"verbatim", true}}.dump();
}

/// POSTs `body` and hands the answer's bytes to `receive` as they come (false: hang up).
/// Returns the response, with an empty body.
httplib::Response post_streaming(httplib::Client& client, const std::string& path,
                                 const std::string& body,
                                 std::function<bool(const char*, std::size_t)> receive) {
  httplib::Request request;
  request.method = "POST";
  request.path = path;
  request.body = body;
  request.set_header("Content-Type", "application/json");
  request.content_receiver = [receive](const char* data, std::size_t length, std::uint64_t,
                                       std::uint64_t) { return receive(data, length); };
  httplib::Response response;
  httplib::Error error = httplib::Error::Success;
  if (!client.send(request, response, error)) response.status = -1;
  return response;
}

/// The error object of a JSON error answer (null when the body is not one).
Json error_of(const httplib::Result& result) {
  if (!result) return nullptr;
  const Json body = Json::parse(result->body, nullptr, false);
  if (!body.is_object() || !body.contains("error")) return nullptr;
  return body["error"];
}

TEST(Serve, HealthAndVoices) {
  Server server;
  ASSERT_GT(server.port(), 0) << server.first_line();
  auto client = server.client();
  auto health = client.Get("/v1/health");
  ASSERT_TRUE(health);
  EXPECT_EQ(health->status, 200);
  const Json status = Json::parse(health->body);
  EXPECT_EQ(status["status"], "ok");
  EXPECT_EQ(status["busy"], 0);
  auto voices = client.Get("/v1/voices");
  ASSERT_TRUE(voices);
  EXPECT_EQ(voices->status, 200);
  bool anna = false;
  const Json list = Json::parse(voices->body);
  for (const Json& voice : list["voices"]) anna = anna || voice["name"] == "anna";
  EXPECT_TRUE(anna) << voices->body.substr(0, 300);
  auto missing = client.Get("/v1/nothing");
  ASSERT_TRUE(missing);
  EXPECT_EQ(missing->status, 404);
  EXPECT_EQ(error_of(missing)["code"], 2);
}

TEST(Serve, StreamingStartsLongBeforeSynthesisEnds) {
  Server server;
  const auto start = Clock::now();
  double first_bytes = -1;
  std::string audio;
  int busy_at_first_bytes = -1;
  auto client_copy = server.client();
  auto health_client = server.client();
  const httplib::Response result = post_streaming(
      client_copy, "/v1/speech", speech_body(long_text(120)),
      [&](const char* data, std::size_t length) {
        if (first_bytes < 0) {
          first_bytes = seconds_since(start);
          // The worker is still at work when the first audio arrives.
          busy_at_first_bytes = Json::parse(health_client.Get("/v1/health")->body)["busy"];
        }
        audio.append(data, length);
        return true;
      });
  const double total = seconds_since(start);
  EXPECT_EQ(result.status, 200);
  EXPECT_EQ(result.get_header_value("Content-Type"), "audio/wav");
  EXPECT_EQ(result.get_header_value("Transfer-Encoding"), "chunked");
  ASSERT_GT(audio.size(), 44u);
  EXPECT_EQ(audio.substr(0, 4), "RIFF");
  // 120 sentences are about six minutes of audio (22050 Hz, 16-bit mono).
  EXPECT_GT(audio.size(), 180u * 22050 * 2);
  EXPECT_EQ(busy_at_first_bytes, 1);
  EXPECT_LT(first_bytes, total / 2) << "first bytes at " << first_bytes << " s of " << total;
}

/// Seconds of audio in a streamed WAV (canonical 44-byte header, 16-bit mono).
double wav_seconds(const std::string& wav) {
  if (wav.size() < 44 || wav.compare(0, 4, "RIFF") != 0) return -1;
  const auto byte = [&](std::size_t i) { return std::uint32_t(std::uint8_t(wav[i])); };
  const std::uint32_t rate = byte(24) | byte(25) << 8 | byte(26) << 16 | byte(27) << 24;
  return rate > 0 ? double(wav.size() - 44) / 2 / rate : -1;
}

// The length is named before the first byte: the planned one, which the speed calibration
// steers the audio to (README: within 3 % on the samples, Chinese apart). The exact one comes
// with /v1/marks.
TEST(Serve, StreamNamesItsPlannedDuration) {
  Server server;
  auto client = server.client();
  const std::string article = read_file(sample("copied-page-harbour.txt"));
  for (const char* speed : {"average", "1.5x"}) {
    auto result = client.Post("/v1/speech",
                              Json{{"text", article}, {"format", "wav"}, {"speed", speed}}.dump(),
                              "application/json");
    ASSERT_TRUE(result);
    ASSERT_EQ(result->status, 200) << result->body.substr(0, 200);
    ASSERT_TRUE(result->has_header("X-Narrate-Planned-Duration")) << speed;
    const double planned = std::stod(result->get_header_value("X-Narrate-Planned-Duration"));
    const double heard = wav_seconds(result->body);
    ASSERT_GT(heard, 10) << speed;
    EXPECT_NEAR(planned, heard, 0.03 * heard) << speed;
    // A page's script on another origin may read it.
    EXPECT_NE(result->get_header_value("Access-Control-Expose-Headers")
                  .find("X-Narrate-Planned-Duration"),
              std::string::npos);
    auto marks = client.Post("/v1/marks", Json{{"text", article}, {"speed", speed}}.dump(),
                             "application/json");
    ASSERT_TRUE(marks);
    ASSERT_EQ(marks->status, 200) << marks->body.substr(0, 200);
    EXPECT_NEAR(Json::parse(marks->body)["duration_ms"].get<double>() / 1000, heard, 0.002)
        << speed;
  }
  // Encoded formats carry it as well.
  auto mp3 = client.Get("/v1/speech?text=The%20ferry%20leaves%20at%20eleven.&format=mp3");
  ASSERT_TRUE(mp3);
  EXPECT_EQ(mp3->status, 200);
  ASSERT_TRUE(mp3->has_header("X-Narrate-Planned-Duration"));
  EXPECT_GT(std::stod(mp3->get_header_value("X-Narrate-Planned-Duration")), 1.0);
}

TEST(Serve, EveryFormatAndAGetAnAudioElementCanPlay) {
  Server server;
  auto client = server.client();
  const struct {
    const char* format;
    const char* mime;
    std::string magic;
  } cases[] = {{"mp3", "audio/mpeg", "ID3"},
               {"ogg", "audio/ogg", "OggS"},
               {"opus", "audio/ogg; codecs=opus", "OggS"},
               {"wav", "audio/wav", "RIFF"}};
  for (const auto& c : cases) {
    auto result =
        client.Get(std::string("/v1/speech?text=Hello%20from%20the%20harbour.&format=") + c.format);
    ASSERT_TRUE(result) << c.format;
    EXPECT_EQ(result->status, 200) << c.format << ": " << result->body.substr(0, 200);
    EXPECT_EQ(result->get_header_value("Content-Type"), c.mime);
    EXPECT_EQ(result->body.substr(0, c.magic.size()), c.magic) << c.format;
    EXPECT_GT(result->body.size(), 1000u) << c.format;
  }
  // A media element asks for a range; the stream answers with all of itself.
  auto ranged = client.Get("/v1/speech?text=Hello.&format=wav", {{"Range", "bytes=0-"}});
  ASSERT_TRUE(ranged);
  EXPECT_EQ(ranged->status, 200);
  EXPECT_EQ(ranged->body.substr(0, 4), "RIFF");
}

TEST(Serve, MarksAndWebVtt) {
  Server server;
  auto client = server.client();
  auto marks = client.Post(
      "/v1/marks", Json{{"text", "One sentence here. And another one."}, {"verbatim", true}}.dump(),
      "application/json");
  ASSERT_TRUE(marks);
  ASSERT_EQ(marks->status, 200) << marks->body;
  const Json json = Json::parse(marks->body);
  ASSERT_EQ(json["sentences"].size(), 2u);
  EXPECT_EQ(json["sentences"][1]["text"], "And another one.");
  EXPECT_EQ(json["sentences"][0]["words"].size(), 3u);
  EXPECT_EQ(json["speed"]["label"], "1x \u00b7 200 WPM");
  EXPECT_GT(json["duration_ms"].get<int>(), 1000);
  auto vtt = client.Get("/v1/marks?text=One%20sentence%20here.%20And%20another.&marks=vtt");
  ASSERT_TRUE(vtt);
  EXPECT_EQ(vtt->status, 200);
  EXPECT_EQ(vtt->body.substr(0, 6), "WEBVTT");
  EXPECT_NE(vtt->body.find("-->"), std::string::npos);
  auto sentences =
      client.Post("/v1/sentences",
                  Json{{"text", "Dr. Smith went home. He was tired."}, {"verbatim", true}}.dump(),
                  "application/json");
  ASSERT_TRUE(sentences);
  EXPECT_EQ(Json::parse(sentences->body)["sentences"],
            Json::array({"Dr. Smith went home.", "He was tired."}));
}

TEST(Serve, BadRequestsGetJsonErrorsWithTheCliExitCodes) {
  Server server({"--max-body", "4096", "--max-text", "2000"});
  auto client = server.client();
  struct Case {
    std::string body;
    int status;
    int code;
  };
  const Case cases[] = {
      {"not json", 400, 2},
      {R"({"voice":"en"})", 400, 2},                         // no text
      {R"({"text":"hi","format":"aiff"})", 400, 2},          // unknown format
      {R"({"text":"hi","speed":"9x"})", 400, 2},             // out of range
      {R"({"text":"hi","colour":"red"})", 400, 2},           // unknown field
      {R"({"text":"hi","voice":"no-such-voice"})", 400, 5},  // the worker's own verdict
      {R"({"html":"<html><body><nav>Home</nav></body></html>"})", 422, 4},
      {Json{{"text", std::string(3000, 'a')}}.dump(), 413, 2},
  };
  for (const Case& c : cases) {
    auto result = client.Post("/v1/speech", c.body, "application/json");
    ASSERT_TRUE(result) << c.body;
    EXPECT_EQ(result->status, c.status) << c.body << " -> " << result->body;
    EXPECT_EQ(error_of(result)["code"], c.code) << c.body << " -> " << result->body;
  }
  auto huge = client.Post("/v1/speech", std::string(10000, ' '), "application/json");
  ASSERT_TRUE(huge);
  EXPECT_EQ(huge->status, 413);
}

TEST(Serve, RateLimitPerClient) {
  Server server({"--rate", "3"});
  auto client = server.client();
  std::vector<int> statuses;
  for (int i = 0; i < 4; ++i) {
    auto result = client.Get("/v1/sentences?text=Hello.");
    ASSERT_TRUE(result);
    statuses.push_back(result->status);
    if (result->status == 429) {
      EXPECT_FALSE(result->get_header_value("Retry-After").empty());
    }
  }
  EXPECT_EQ(statuses, (std::vector<int>{200, 200, 200, 429}));
  auto health = client.Get("/v1/health");  // not rate limited
  ASSERT_TRUE(health);
  EXPECT_EQ(health->status, 200);
}

/// Holds a long speech stream open on its own connection until told to let go.
struct HeldStream {
  std::thread thread;
  std::atomic<bool> started{false};
  std::atomic<bool> release{false};
  explicit HeldStream(int port) {
    thread = std::thread([this, port] {
      httplib::Client c("127.0.0.1", port);
      c.set_read_timeout(60, 0);
      post_streaming(c, "/v1/speech", speech_body(long_text(60)), [this](const char*, std::size_t) {
        started = true;
        while (!release) std::this_thread::sleep_for(std::chrono::milliseconds(20));
        return false;  // the client goes away mid-stream
      });
    });
  }
  bool wait_started() {
    for (int i = 0; i < 600 && !started; ++i) {
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    return started;
  }
  ~HeldStream() {
    release = true;
    thread.join();
  }
};

TEST(Serve, FullPoolAnswers503AndACancelledRequestFreesItsWorker) {
  Server server({"--workers", "1", "--queue", "0"});
  auto client = server.client();
  {
    HeldStream held(server.port());
    ASSERT_TRUE(held.wait_started());
    auto busy = client.Get("/v1/speech?text=Hello.");
    ASSERT_TRUE(busy);
    EXPECT_EQ(busy->status, 503);
    EXPECT_FALSE(busy->get_header_value("Retry-After").empty());
    EXPECT_EQ(error_of(busy)["kind"], "busy");
    const Json health = Json::parse(client.Get("/v1/health")->body);
    EXPECT_EQ(health["busy"], 1);
    // Saturated: not ready for more (readiness probe), still alive (liveness probe).
    EXPECT_EQ(client.Get("/v1/health?ready=1")->status, 503);
    EXPECT_EQ(client.Get("/v1/health")->status, 200);
    // One worker at work beside the standby ones, loaded and waiting for the next request.
    EXPECT_EQ(server.children().size(), 1u + health["standby"].get<std::size_t>());
    held.release = true;
  }
  // The client went away: its worker is killed and its place free, well before the long text
  // would have been synthesized.
  const auto start = Clock::now();
  int busy = -1;
  std::size_t standby = 0;
  while (seconds_since(start) < 5) {
    const Json health = Json::parse(client.Get("/v1/health")->body);
    busy = health["busy"].get<int>();
    standby = health["standby"].get<std::size_t>();
    if (busy == 0 && server.children().size() == standby) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  EXPECT_EQ(busy, 0);
  EXPECT_EQ(server.children().size(), standby);
  EXPECT_EQ(standby, 1u);
  EXPECT_EQ(client.Get("/v1/health?ready=1")->status, 200);
  auto again = client.Get("/v1/speech?text=Hello.&format=wav");
  ASSERT_TRUE(again);
  EXPECT_EQ(again->status, 200);
}

TEST(Serve, TimeoutEndsALongSynthesis) {
  Server server({"--timeout", "1"});
  auto client = server.client();
  // Minutes of audio to make: the marks (all or nothing) give 504, the stream is cut short.
  const auto start = Clock::now();
  auto marks = client.Post("/v1/marks", speech_body(long_text(400)), "application/json");
  ASSERT_TRUE(marks);
  EXPECT_EQ(marks->status, 504);
  EXPECT_EQ(error_of(marks)["kind"], "timeout");
  std::size_t bytes = 0;
  const httplib::Response stream = post_streaming(client, "/v1/speech", speech_body(long_text(400)),
                                                  [&](const char*, std::size_t length) {
                                                    bytes += length;
                                                    return true;
                                                  });
  EXPECT_LT(seconds_since(start), 8.0);
  EXPECT_LT(bytes, 400u * 3 * 22050 * 2) << "status " << stream.status;
  EXPECT_EQ(Json::parse(client.Get("/v1/health")->body)["busy"], 0);
}

TEST(Serve, QueuedRequestsWaitTheirTurn) {
  Server server({"--workers", "1", "--queue", "4"});
  std::vector<std::thread> threads;
  std::atomic<int> ok{0};
  for (int i = 0; i < 4; ++i) {
    threads.emplace_back([&] {
      httplib::Client c("127.0.0.1", server.port());
      c.set_read_timeout(60, 0);
      auto r = c.Get("/v1/speech?text=A%20short%20one.&format=wav");
      if (r && r->status == 200 && r->body.substr(0, 4) == "RIFF") ++ok;
    });
  }
  for (std::thread& t : threads) t.join();
  EXPECT_EQ(ok, 4);
}

/// A listening socket on loopback that counts the connections it was offered.
class Listener {
 public:
  Listener() {
    fd_ = ::socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    ::bind(fd_, reinterpret_cast<sockaddr*>(&address), sizeof address);
    ::listen(fd_, 8);
    socklen_t length = sizeof address;
    ::getsockname(fd_, reinterpret_cast<sockaddr*>(&address), &length);
    port_ = ntohs(address.sin_port);
  }
  ~Listener() { ::close(fd_); }
  int port() const { return port_; }
  int accepted() {
    int count = 0;
    for (int fd; (fd = ::accept(fd_, nullptr, nullptr)) >= 0; ++count) ::close(fd);
    return count;
  }

 private:
  int fd_ = -1;
  int port_ = 0;
};

TEST(Serve, InternalUrlTargetsAreRefusedWithoutAConnection) {
  Server server;
  auto client = server.client();
  Listener listener;
  const std::string loopback = std::to_string(listener.port());
  // Only the loopback ones could be observed; none of the others may be contacted either (no
  // traffic leaves this machine): refused before connect, so at once.
  const std::string targets[] = {
      "http://127.0.0.1:" + loopback + "/article.html",
      "http://[::ffff:127.0.0.1]:" + loopback + "/",
      "http://127.1.2.3:" + loopback + "/",
      "http://169.254.169.254/latest/meta-data/",
      "http://10.0.0.1/",
      "http://192.168.1.1/",
      "http://172.16.0.1/",
      "http://100.64.0.1/",
      "http://0.0.0.0:" + loopback + "/",
      "http://[::1]:" + loopback + "/",
      "http://[fd00:ec2::254]/",
      "http://[fe80::1]/",
  };
  for (const std::string& url : targets) {
    const auto start = Clock::now();
    auto result = client.Post("/v1/speech", Json{{"url", url}}.dump(), "application/json");
    ASSERT_TRUE(result) << url;
    EXPECT_EQ(result->status, 403) << url << " -> " << result->body;
    EXPECT_EQ(error_of(result)["code"], 3) << url;
    EXPECT_NE(result->body.find("refused"), std::string::npos) << result->body;
    EXPECT_LT(seconds_since(start), 2.0) << url;
  }
  EXPECT_EQ(listener.accepted(), 0);
  auto scheme =
      client.Post("/v1/speech", Json{{"url", "file:///etc/passwd"}}.dump(), "application/json");
  ASSERT_TRUE(scheme);
  EXPECT_EQ(scheme->status, 400);
}

TEST(Serve, PrivateUrlsWhenAllowed) {
  const std::filesystem::path demo = std::filesystem::path(NARRATE_SAMPLES_DIR) / "widget-demo";
  Server server({"--allow-private-urls", "--demo-dir", demo.string()});
  auto client = server.client();
  const std::string url = "http://127.0.0.1:" + std::to_string(server.port()) + "/demo/";
  auto result = client.Post("/v1/sentences", Json{{"url", url}}.dump(), "application/json");
  ASSERT_TRUE(result);
  ASSERT_EQ(result->status, 200) << result->body;
  const std::string sentences = Json::parse(result->body)["sentences"].dump();
  EXPECT_NE(sentences.find("The last ferry of the day leaves the harbour at eleven"),
            std::string::npos)
      << sentences;
  EXPECT_EQ(sentences.find("Advertisement"), std::string::npos) << sentences;
}

TEST(Serve, BadOptionsAreUsageErrors) {
  const RunResult bad = run_narrate({"serve", "--listen", "nowhere"});
  EXPECT_EQ(bad.exit_code, 2);
  EXPECT_NE(bad.err.find("narrate: invalid --listen"), std::string::npos) << bad.err;
  const RunResult workers = run_narrate({"serve", "--workers", "0"});
  EXPECT_EQ(workers.exit_code, 2);
}

}  // namespace
}  // namespace narrate::test
