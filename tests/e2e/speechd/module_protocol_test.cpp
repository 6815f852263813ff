// e2e/speechd/module_protocol_test.cpp - sd_narrate spoken to over its pipes as Speech Dispatcher
// does, with server audio (705 blocks) so every sample it makes is counted here
#include <fcntl.h>
#include <gtest/gtest.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "support/support.hpp"

extern char** environ;

namespace narrate::test {
namespace {

using Clock = std::chrono::steady_clock;

/// sd_narrate with pipes on stdin and stdout, as the server starts it.
class ModuleProcess {
 public:
  explicit ModuleProcess(const std::string& config_path) {
    int in[2];
    int out[2];
    if (::pipe(in) != 0 || ::pipe(out) != 0) return;
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_adddup2(&actions, in[0], 0);
    posix_spawn_file_actions_adddup2(&actions, out[1], 1);
    posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0);
    posix_spawn_file_actions_addclose(&actions, in[1]);
    posix_spawn_file_actions_addclose(&actions, out[0]);
    std::string bin = NARRATE_SD_MODULE;
    std::string cfg = config_path;
    char* argv[] = {bin.data(), cfg.data(), nullptr};
    if (posix_spawn(&pid_, bin.c_str(), &actions, nullptr, argv, environ) != 0) pid_ = -1;
    posix_spawn_file_actions_destroy(&actions);
    ::close(in[0]);
    ::close(out[1]);
    in_ = in[1];
    out_ = out[0];
  }
  ~ModuleProcess() {
    close_input();
    if (out_ >= 0) ::close(out_);
    if (pid_ > 0) {
      ::kill(pid_, SIGKILL);
      ::waitpid(pid_, nullptr, 0);
    }
  }

  bool running() const { return pid_ > 0; }
  void send(const std::string& text) {
    const ssize_t n = ::write(in_, text.data(), text.size());
    ASSERT_EQ(n, static_cast<ssize_t>(text.size()));
  }
  void close_input() {
    if (in_ >= 0) ::close(in_);
    in_ = -1;
  }

  /// The next line (without LF), or nullopt after `timeout_ms` or at end of output.
  std::optional<std::string> line(int timeout_ms = 20000) {
    const auto deadline = Clock::now() + std::chrono::milliseconds(timeout_ms);
    while (true) {
      const auto lf = buffer_.find('\n');
      if (lf != std::string::npos) {
        std::string l = buffer_.substr(0, lf);
        buffer_.erase(0, lf + 1);
        return l;
      }
      const auto left =
          std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now()).count();
      if (left <= 0) return std::nullopt;
      pollfd p{out_, POLLIN, 0};
      if (::poll(&p, 1, static_cast<int>(left)) <= 0) continue;
      char chunk[65536];
      const ssize_t n = ::read(out_, chunk, sizeof chunk);
      if (n <= 0) return std::nullopt;
      buffer_.append(chunk, static_cast<std::size_t>(n));
    }
  }

  /// Waits for the process to end; its exit status, or -1 (killed by a signal / timeout).
  int wait_exit(int timeout_ms = 10000) {
    const auto deadline = Clock::now() + std::chrono::milliseconds(timeout_ms);
    while (Clock::now() < deadline) {
      int status = 0;
      const pid_t r = ::waitpid(pid_, &status, WNOHANG);
      if (r == pid_) {
        pid_ = -1;
        return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    return -1;
  }

 private:
  pid_t pid_ = -1;
  int in_ = -1;
  int out_ = -1;
  std::string buffer_;
};

/// What one utterance produced: its events (audio blocks apart) and its samples.
struct Utterance {
  std::vector<std::string> events;  ///< "701 BEGIN", "mark:NAME", "702 END", ...
  std::vector<std::int16_t> samples;
  bool finished = false;
};

/// Decodes one "705-AUDIO\0..." line's HDLC-escaped payload into samples.
void append_audio(const std::string& line, std::vector<std::int16_t>& samples) {
  const auto nul = line.find('\0');
  std::string bytes;
  for (std::size_t i = nul + 1; i < line.size(); ++i) {
    if (line[i] == 0x7D && i + 1 < line.size()) {
      bytes += static_cast<char>(line[++i] ^ 0x20);
    } else {
      bytes += line[i];
    }
  }
  for (std::size_t i = 0; i + 1 < bytes.size(); i += 2) {
    const auto lo = static_cast<unsigned char>(bytes[i]);
    const auto hi = static_cast<unsigned char>(bytes[i + 1]);
    samples.push_back(static_cast<std::int16_t>(lo | hi << 8));
  }
}

/// Reads events until END, STOP or PAUSE.
Utterance read_utterance(ModuleProcess& m) {
  Utterance u;
  std::string pending_mark;
  while (auto l = m.line()) {
    if (l->rfind("705-AUDIO", 0) == 0) {
      append_audio(*l, u.samples);
    } else if (l->rfind("705", 0) == 0) {
      continue;
    } else if (l->rfind("700-", 0) == 0) {
      pending_mark = l->substr(4);
    } else if (*l == "700 INDEX MARK") {
      u.events.push_back("mark:" + pending_mark);
    } else {
      u.events.push_back(*l);
      if (*l == "702 END" || *l == "703 STOP" || *l == "704 PAUSE") {
        u.finished = true;
        return u;
      }
    }
  }
  return u;
}

class ModuleProtocol : public ::testing::Test {
 protected:
  void SetUp() override {
    write_file(dir_ / "narrate.conf", "# test\nNarrateAudioOutput \"server\"\nDebug 0\n");
    module_.emplace((dir_ / "narrate.conf").string());
    ASSERT_TRUE(module_->running());
    module_->send("INIT\n");
    auto l = module_->line(60000);
    ASSERT_TRUE(l.has_value());
    ASSERT_EQ(l->rfind("299-", 0), 0u) << *l;
    ASSERT_EQ(module_->line(), "299 OK LOADED SUCCESSFULLY");
    module_->send("AUDIO\naudio_output_method=server\n.\n");
    ASSERT_EQ(module_->line(), "207 OK RECEIVING AUDIO SETTINGS");
    ASSERT_EQ(module_->line(), "203 OK AUDIO INITIALIZED");
  }

  void set(const std::string& lines, const std::string& reply = "203 OK SETTINGS RECEIVED") {
    module_->send("SET\n" + lines + ".\n");
    ASSERT_EQ(module_->line(), "203 OK RECEIVING SETTINGS");
    ASSERT_EQ(module_->line(), reply);
  }

  Utterance say(const std::string& command, const std::string& data) {
    module_->send(command + "\n" + data + "\n.\n");
    EXPECT_EQ(module_->line(), "202 OK RECEIVING MESSAGE");
    EXPECT_EQ(module_->line(), "200 OK SPEAKING");
    return read_utterance(*module_);
  }

  static std::int64_t loud(const Utterance& u) {
    std::int64_t n = 0;
    for (auto s : u.samples) n += (s > 300 || s < -300) ? 1 : 0;
    return n;
  }

  TempDir dir_;
  std::optional<ModuleProcess> module_;
};

TEST_F(ModuleProtocol, SpeaksSsmlWithBeginAudioMarksInOrderAndEnd) {
  const Utterance u = say("SPEAK",
                          "<speak>One <mark name=\"first\"/>two <mark name=\"second\"/>"
                          "three.<mark name=\"third\"/></speak>");
  ASSERT_TRUE(u.finished);
  const std::vector<std::string> expected = {"701 BEGIN", "mark:first", "mark:second", "mark:third",
                                             "702 END"};
  EXPECT_EQ(u.events, expected);
  EXPECT_GT(u.samples.size(), 22050u / 2) << "three words make at least half a second";
  EXPECT_GT(loud(u), 22050 / 4);
}

TEST_F(ModuleProtocol, MalformedSsmlIsSpokenAsItsText) {
  const Utterance good = say("SPEAK", "<speak>Hello wide world</speak>");
  const Utterance bad = say("SPEAK", "<speak>Hello <b>wide world</speak>");
  ASSERT_TRUE(bad.finished);
  EXPECT_EQ(bad.events.front(), "701 BEGIN");
  EXPECT_EQ(bad.events.back(), "702 END");
  ASSERT_GT(good.samples.size(), 0u);
  // The same words: the same length within eSpeak's call-to-call variation.
  EXPECT_NEAR(double(bad.samples.size()), double(good.samples.size()), good.samples.size() * 0.1);
}

TEST_F(ModuleProtocol, PunctuationAllSpeaksComma) {
  const Utterance none = say("SPEAK", "<speak>red, green, blue</speak>");
  set("punctuation_mode=all\n");
  const Utterance all = say("SPEAK", "<speak>red, green, blue</speak>");
  set("punctuation_mode=none\n");
  const Utterance spelled = say("SPEAK", "<speak>red comma, green comma, blue</speak>");
  ASSERT_TRUE(all.finished);
  // Two spoken "comma"s: clearly longer than without, as long as the words written out.
  EXPECT_GT(double(all.samples.size()), none.samples.size() * 1.3);
  EXPECT_NEAR(double(all.samples.size()), double(spelled.samples.size()),
              spelled.samples.size() * 0.12);
}

TEST_F(ModuleProtocol, CharAndKeySpeakTheirNames) {
  const Utterance letter = say("CHAR", "a");
  const Utterance comma = say("CHAR", ",");
  const Utterance key = say("KEY", "control_l");
  const Utterance written = say("SPEAK", "<speak>left control</speak>");
  const Utterance comma_written = say("SPEAK", "<speak>comma</speak>");
  for (const Utterance* u : {&letter, &comma, &key}) {
    ASSERT_TRUE(u->finished);
    EXPECT_EQ(u->events.front(), "701 BEGIN");
    EXPECT_EQ(u->events.back(), "702 END");
    EXPECT_GT(loud(*u), 22050 / 20);
  }
  EXPECT_NEAR(double(key.samples.size()), double(written.samples.size()),
              written.samples.size() * 0.12);
  EXPECT_NEAR(double(comma.samples.size()), double(comma_written.samples.size()),
              comma_written.samples.size() * 0.12);
  EXPECT_GT(key.samples.size(), letter.samples.size());
}

TEST_F(ModuleProtocol, StopEndsTheUtteranceWithStop) {
  module_->send(
      "SPEAK\n<speak>This is a long sentence that would take several seconds to say "
      "if nobody stopped it, and it goes on and on.</speak>\n.\n");
  EXPECT_EQ(module_->line(), "202 OK RECEIVING MESSAGE");
  EXPECT_EQ(module_->line(), "200 OK SPEAKING");
  EXPECT_EQ(module_->line(), "701 BEGIN");
  module_->send("STOP\n");
  const Utterance rest = read_utterance(*module_);
  ASSERT_TRUE(rest.finished);
  EXPECT_EQ(rest.events.back(), "703 STOP");
  // The module is ready for the next message at once.
  const Utterance next = say("SPEAK", "<speak>Next.</speak>");
  EXPECT_EQ(next.events.back(), "702 END");
}

TEST_F(ModuleProtocol, BadInputGetsErrorRepliesNotACrash) {
  module_->send("BOGUS COMMAND\n");
  EXPECT_EQ(module_->line(), "300 ERR UNKNOWN COMMAND");
  set("rate=500\n", "303 ERROR INVALID PARAMETER OR VALUE");
  set("no_equals_sign\n", "303 ERROR INVALID PARAMETER OR VALUE");
  set("rate=20\npitch=-10\nvolume=50\nlanguage=en\nvoice=female1\nsynthesis_voice=NULL\n"
      "cap_let_recogn=spell\nspelling_mode=off\npunctuation_some=NULL\n");
  // Invalid UTF-8, control characters and a lone dot line escaped as "..".
  const Utterance odd = say("SPEAK", std::string("<speak>caf\xC3 \xFF\x01 bell\x07 ok</speak>\n..\n"
                                                 "and more</speak>"));
  EXPECT_TRUE(odd.finished);
  EXPECT_EQ(odd.events.front(), "701 BEGIN");
  const Utterance empty = say("SPEAK", "<speak></speak>");
  EXPECT_EQ(empty.events, (std::vector<std::string>{"701 BEGIN", "702 END"}));
  module_->send("LIST VOICES\n");
  auto first = module_->line();
  ASSERT_TRUE(first.has_value());
  EXPECT_EQ(first->rfind("200-", 0), 0u) << *first;
  while (auto l = module_->line()) {
    if (l->rfind("200-", 0) != 0) {
      EXPECT_EQ(*l, "200 OK VOICE LIST SENT");
      break;
    }
  }
  module_->send("QUIT\n");
  EXPECT_EQ(module_->line(), "210 OK QUIT");
  EXPECT_EQ(module_->wait_exit(), 0);
}

TEST_F(ModuleProtocol, AFloodOfSpeakIsAnsweredInOrder) {
  constexpr int kCount = 100;
  std::string all;
  for (int i = 0; i < kCount; ++i)
    all += "SPEAK\n<speak>Item " + std::to_string(i) + "</speak>\n.\n";
  module_->send(all);
  int speaking = 0;
  int begins = 0;
  int finals = 0;
  bool open = false;
  bool order_ok = true;
  while (finals < kCount) {
    auto l = module_->line();
    if (!l) break;
    if (*l == "200 OK SPEAKING") ++speaking;
    if (*l == "701 BEGIN") {
      order_ok = order_ok && !open;
      open = true;
      ++begins;
    }
    if (*l == "702 END" || *l == "703 STOP") {
      order_ok = order_ok && open;
      open = false;
      ++finals;
    }
  }
  EXPECT_EQ(speaking, kCount);
  EXPECT_EQ(begins, kCount);
  EXPECT_EQ(finals, kCount);
  EXPECT_TRUE(order_ok) << "each BEGIN is followed by its END or STOP before the next BEGIN";
}

TEST_F(ModuleProtocol, ServerClosingThePipeMidUtteranceEndsTheModuleCleanly) {
  module_->send(
      "SPEAK\n<speak>A long sentence that is still being spoken when the server "
      "goes away without a word.</speak>\n.\n");
  EXPECT_EQ(module_->line(), "202 OK RECEIVING MESSAGE");
  module_->close_input();
  EXPECT_EQ(module_->wait_exit(), 2) << "exit status 2 (broken pipe), not a crash";
}

TEST(ModuleStart, FirstCommandMustBeInit) {
  TempDir dir;
  ModuleProcess m((dir / "missing.conf").string());
  m.send("SPEAK\n");
  EXPECT_EQ(m.wait_exit(), 3);
}

}  // namespace
}  // namespace narrate::test
