// tools/bench_latency.cpp - time from launch to first audio: narrate playback against espeak-ng
//
// Usage: bench_latency [--runs N] [--narrate PATH] [--espeak PATH] [--sink] FILE...
//
// For each FILE (a .txt article or an .html page; "big-html" makes a 1 MB page from
// samples/news-science.html padded with script, style and comments, as real pages are):
//   narrate   launch -> first audio frame handed to PortAudio (the process reports that instant,
//             steady clock, through NARRATE_TRACE=<file>; it is then stopped with SIGINT)
//   espeak    launch -> first byte of `espeak-ng --stdout -f FILE` (-m for HTML): the peer's first
//             audio, measured the same way from outside
//   with --sink (needs the PulseAudio environment of tools/pulse-env.sh): launch -> first sound
//             recorded at a private null sink's monitor, for `narrate FILE` and `espeak-ng -f
//             FILE`, both played through PulseAudio (parec adds the same delay to both)
// Prints the median and range over the runs, and the ratios narrate/espeak. A benchmark, not a
// test: numbers depend on the machine and its load (shown).
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <optional>
#include <sstream>
#include <string>
#include <thread>
#include <utility>
#include <vector>

extern char** environ;

namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

double now_ms() {
  return std::chrono::duration<double, std::milli>(Clock::now().time_since_epoch()).count();
}

std::string read_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

/// A child process with optional extra environment, stdout to a pipe or /dev/null.
struct Child {
  pid_t pid = -1;
  int out = -1;  ///< read end of its stdout, when piped
};

Child spawn(const std::vector<std::string>& argv, const std::vector<std::string>& env_extra,
            bool pipe_stdout) {
  std::vector<std::string> env_strings;
  for (char** e = environ; *e != nullptr; ++e) env_strings.emplace_back(*e);
  for (const auto& extra : env_extra) env_strings.push_back(extra);
  std::vector<char*> env_ptrs;
  for (auto& e : env_strings) env_ptrs.push_back(e.data());
  env_ptrs.push_back(nullptr);
  std::vector<std::string> args = argv;
  std::vector<char*> arg_ptrs;
  for (auto& a : args) arg_ptrs.push_back(a.data());
  arg_ptrs.push_back(nullptr);

  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
  int fds[2] = {-1, -1};
  if (pipe_stdout && ::pipe(fds) == 0) {
    posix_spawn_file_actions_adddup2(&actions, fds[1], 1);
    posix_spawn_file_actions_addclose(&actions, fds[0]);
  } else {
    posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0);
  }
  posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0);
  Child child;
  if (posix_spawnp(&child.pid, arg_ptrs[0], &actions, nullptr, arg_ptrs.data(), env_ptrs.data()) !=
      0) {
    child.pid = -1;
  }
  posix_spawn_file_actions_destroy(&actions);
  if (fds[1] >= 0) ::close(fds[1]);
  child.out = fds[0];
  return child;
}

void end_child(Child& child, int signal) {
  if (child.pid > 0) {
    ::kill(child.pid, signal);
    ::waitpid(child.pid, nullptr, 0);
  }
  if (child.out >= 0) ::close(child.out);
  child = {};
}

/// Launch -> the first audio narrate handed to PortAudio, from its NARRATE_TRACE line.
std::optional<double> narrate_first_frame(const std::string& narrate, const fs::path& file,
                                          const fs::path& trace) {
  fs::remove(trace);
  const double launched = now_ms();
  Child child = spawn({narrate, file.string()},
                      {"NARRATE_TRACE=" + trace.string(),
                       "XDG_STATE_HOME=" + trace.parent_path().string()},  // resume positions
                      false);
  std::optional<double> result;
  const double deadline = launched + 10000;
  while (now_ms() < deadline) {
    const std::string text = read_file(trace);
    const auto at = text.find("first_audio_ns=");
    if (at != std::string::npos) {
      const long long ns = std::atoll(text.c_str() + at + 15);
      if (ns > 0) result = double(ns) / 1e6 - launched;
      break;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(2));
  }
  end_child(child, SIGINT);
  return result;
}

/// Launch -> the first byte espeak-ng writes with --stdout.
std::optional<double> espeak_first_byte(const std::string& espeak, const fs::path& file) {
  std::vector<std::string> argv = {espeak, "--stdout"};
  if (file.extension() == ".html") argv.push_back("-m");
  argv.push_back("-f");
  argv.push_back(file.string());
  const double launched = now_ms();
  Child child = spawn(argv, {}, true);
  pollfd readable{child.out, POLLIN, 0};
  std::optional<double> result;
  if (::poll(&readable, 1, 10000) > 0) result = now_ms() - launched;
  end_child(child, SIGKILL);
  return result;
}

/// parec on a private null sink's monitor; remembers when sound last began after a mark.
class SinkListener {
 public:
  bool start() {
    sink_ = "narrate_bench_" + std::to_string(::getpid());
    FILE* load = ::popen(("pactl load-module module-null-sink sink_name=" + sink_ +
                          " rate=22050 channels=1 norewinds=1 2>/dev/null")
                             .c_str(),
                         "r");
    if (load == nullptr) return false;
    char line[64] = {};
    if (std::fgets(line, sizeof line, load) != nullptr) module_ = std::atoi(line);
    ::pclose(load);
    if (module_ <= 0) return false;
    parec_ = spawn({"parec", "--latency-msec=20", "-d", sink_ + ".monitor", "--raw",
                    "--format=s16le", "--rate=22050", "--channels=1"},
                   {}, true);
    if (parec_.pid <= 0) return false;
    reader_ = std::thread([this] { read_loop(); });
    std::this_thread::sleep_for(std::chrono::milliseconds(500));
    return true;
  }
  ~SinkListener() {
    stop_ = true;
    end_child(parec_, SIGTERM);
    if (reader_.joinable()) reader_.join();
    if (module_ > 0) {
      std::system(("pactl unload-module " + std::to_string(module_) + " 2>/dev/null").c_str());
    }
  }
  const std::string& sink() const { return sink_; }
  /// Forgets sound heard so far; the next first_sound() counts from here.
  void mark() {
    std::lock_guard lock(mutex_);
    sound_at_ = -1;
  }
  std::optional<double> first_sound(double deadline_ms) {
    while (now_ms() < deadline_ms) {
      {
        std::lock_guard lock(mutex_);
        if (sound_at_ >= 0) return sound_at_;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
    return std::nullopt;
  }

 private:
  void read_loop() {
    std::int16_t buffer[512];
    while (!stop_) {
      pollfd readable{parec_.out, POLLIN, 0};
      if (::poll(&readable, 1, 100) <= 0) continue;
      const ssize_t n = ::read(parec_.out, buffer, sizeof buffer);
      if (n <= 0) return;
      const double at = now_ms();
      const bool loud = std::any_of(buffer, buffer + n / 2,
                                    [](std::int16_t s) { return std::abs(int(s)) > 300; });
      std::lock_guard lock(mutex_);
      if (loud && sound_at_ < 0) sound_at_ = at;
    }
  }

  std::string sink_;
  int module_ = -1;
  Child parec_;
  std::thread reader_;
  std::atomic<bool> stop_{false};
  std::mutex mutex_;
  double sound_at_ = -1;
};

std::optional<double> first_sound(SinkListener& listener, const std::vector<std::string>& argv) {
  std::this_thread::sleep_for(std::chrono::milliseconds(300));  // the last run's tail passes
  listener.mark();
  const double launched = now_ms();
  Child child = spawn(
      argv,
      {"PULSE_SINK=" + listener.sink(), "XDG_STATE_HOME=" + fs::temp_directory_path().string() +
                                            "/narrate-bench-" + std::to_string(::getpid())},
      false);
  const auto heard = listener.first_sound(launched + 10000);
  end_child(child, SIGINT);
  if (!heard) return std::nullopt;
  return *heard - launched;
}

struct Series {
  explicit Series(std::string title) : name(std::move(title)) {}
  std::string name;
  std::vector<double> ms;
  std::string summary() const {
    if (ms.empty()) return name + ": no result";
    std::vector<double> sorted = ms;
    std::sort(sorted.begin(), sorted.end());
    char line[200];
    std::snprintf(line, sizeof line, "%-34s median %6.1f ms  (min %6.1f, max %6.1f, n=%zu)",
                  name.c_str(), sorted[sorted.size() / 2], sorted.front(), sorted.back(),
                  sorted.size());
    return line;
  }
  double median() const {
    std::vector<double> sorted = ms;
    std::sort(sorted.begin(), sorted.end());
    return sorted.empty() ? 0 : sorted[sorted.size() / 2];
  }
};

/// A 1 MB page: the sample article with the script, style and comment bulk of a real news page.
fs::path make_big_html(const fs::path& samples, const fs::path& dir) {
  std::string page = read_file(samples / "news-science.html");
  std::string script = "<script>";
  for (int i = 0; script.size() < 560000; ++i) {
    script += "function f" + std::to_string(i) + "(a,b){var s=a.state(b);return s?s.value:null};";
  }
  script += "</script>\n<style>";
  for (int i = 0; script.size() < 760000; ++i) {
    script += ".c" + std::to_string(i) + " .item{margin:" + std::to_string(i % 40) + "px}\n";
  }
  script += "</style>\n";
  page.insert(page.find("</head>"), script);
  std::string comments;
  for (int i = 0; page.size() + comments.size() < 1048576; ++i) {
    comments += "<div class=\"comment\"><span class=\"comment-author\">reader" + std::to_string(i) +
                "</span><p>Interesting, thanks for sharing this with us all.</p><a href=\"#\">"
                "Reply</a></div>\n";
  }
  const std::string anchor = "<div id=\"disqus_thread\" class=\"comments-section\">";
  page.insert(page.find(anchor) + anchor.size(), comments);
  const fs::path out = dir / "big-page.html";
  std::ofstream(out, std::ios::binary) << page;
  return out;
}

}  // namespace

int main(int argc, char** argv) {
  int runs = 11;
  std::string narrate = "narrate";
  std::string espeak = "espeak-ng";
  bool sink = false;
  std::vector<std::string> files;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    if (arg == "--runs" && i + 1 < argc) {
      runs = std::atoi(argv[++i]);
    } else if (arg == "--narrate" && i + 1 < argc) {
      narrate = argv[++i];
    } else if (arg == "--espeak" && i + 1 < argc) {
      espeak = argv[++i];
    } else if (arg == "--sink") {
      sink = true;
    } else if (arg == "-h" || arg == "--help") {
      std::puts(
          "usage: bench_latency [--runs N] [--narrate PATH] [--espeak PATH] [--sink] FILE...");
      return 0;
    } else {
      files.push_back(arg);
    }
  }
  const fs::path dir = fs::temp_directory_path() / ("narrate-bench-" + std::to_string(::getpid()));
  fs::create_directories(dir);
  std::optional<SinkListener> listener;
  if (sink) {
    listener.emplace();
    if (!listener->start()) {
      std::fprintf(stderr, "bench_latency: no PulseAudio sink (eval \"$(tools/pulse-env.sh)\")\n");
      listener.reset();
    }
  }
  for (std::string file : files) {
    if (file == "big-html") file = make_big_html(NARRATE_SAMPLES_DIR, dir).string();
    std::printf("%s (%ju bytes), load %s", file.c_str(),
                static_cast<std::uintmax_t>(fs::file_size(file)),
                read_file("/proc/loadavg").c_str());
    Series ours{"narrate: launch -> first frame"};
    Series peer{"espeak-ng --stdout: first byte"};
    Series ours_sink{"narrate: launch -> sound at sink"};
    Series peer_sink{"espeak-ng: launch -> sound at sink"};
    for (int run = 0; run < runs; ++run) {
      // Alternate, so a burst of load hits both alike.
      if (auto ms = narrate_first_frame(narrate, file, dir / "trace")) ours.ms.push_back(*ms);
      if (auto ms = espeak_first_byte(espeak, file)) peer.ms.push_back(*ms);
      if (listener) {
        if (auto ms = first_sound(*listener, {narrate, file})) ours_sink.ms.push_back(*ms);
        std::vector<std::string> play = {espeak};
        if (fs::path(file).extension() == ".html") play.push_back("-m");
        play.push_back("-f");
        play.push_back(file);
        if (auto ms = first_sound(*listener, play)) peer_sink.ms.push_back(*ms);
      }
    }
    std::printf("  %s\n  %s\n", ours.summary().c_str(), peer.summary().c_str());
    if (peer.median() > 0)
      std::printf("  ratio narrate/espeak-ng: %.2f\n", ours.median() / peer.median());
    if (listener) {
      std::printf("  %s\n  %s\n", ours_sink.summary().c_str(), peer_sink.summary().c_str());
      if (peer_sink.median() > 0) {
        std::printf("  ratio at the sink: %.2f\n", ours_sink.median() / peer_sink.median());
      }
    }
  }
  std::error_code ec;
  fs::remove_all(dir, ec);
  return 0;
}
