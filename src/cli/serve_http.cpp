// cli/serve_http.cpp - `narrate serve`: HTTP routes, admission, streaming from worker processes
#include <httplib.h>
#include <pthread.h>
#include <signal.h>
#include <stdlib.h>

#include <atomic>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <deque>
#include <filesystem>
#include <fstream>
#include <memory>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <thread>
#include <unordered_map>

#include "exit_codes.hpp"
#include "narrate/narrate.hpp"
#include "serve_command.hpp"
#include "serve_fetch.hpp"
#include "serve_request.hpp"
#include "serve_worker.hpp"

namespace narrate::cli {

namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

/// What the log line of the request being served on this thread says beyond httplib's view
/// (the handler, the streaming provider and the logger run on the connection's thread).
struct RequestNote {
  Clock::time_point start = Clock::now();
  std::size_t streamed_bytes = 0;
  bool streamed = false;
  double audio_seconds = -1;
  std::string outcome;  ///< "cancelled", "timeout", "worker exit 5", ...
};
thread_local RequestNote t_note;

/// A per-request folder for the source, the worker's error output and its marks; removed with
/// everything in it.
class TempDir {
 public:
  explicit TempDir(const std::string& parent) {
    std::string templ = parent + "/r.XXXXXX";
    if (!::mkdtemp(templ.data())) {
      throw Error(ErrorCode::Output, "cannot create a folder in " + parent);
    }
    path_ = templ;
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  ~TempDir() {
    std::error_code ignored;
    fs::remove_all(path_, ignored);
  }
  const std::string& path() const noexcept { return path_; }
  std::string file(const std::string& name) const { return path_ + "/" + name; }

 private:
  std::string path_;
};

void write_file(const std::string& path, const std::string& bytes) {
  std::ofstream out(path, std::ios::binary);
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  if (!out.flush()) throw Error(ErrorCode::Output, "cannot write " + path);
}

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

/// The HTTP status for an error code; the JSON body carries the CLI's exit status beside it.
int http_status_for(ErrorCode code) {
  switch (code) {
    case ErrorCode::Usage:
    case ErrorCode::Voice:
      return 400;
    case ErrorCode::SourceUnreadable:
    case ErrorCode::NoArticle:
      return 422;
    case ErrorCode::Output:
    case ErrorCode::Interrupted:
      return 500;
  }
  return 500;
}

const char* kind_of_exit(int exit_code) {
  switch (exit_code) {
    case kExitUsage:
      return "usage";
    case kExitSource:
      return "source";
    case kExitNoArticle:
      return "no_article";
    case kExitVoice:
      return "voice";
    case kExitOutput:
      return "output";
    default:
      return "internal";
  }
}

void send_error(httplib::Response& res, int http_status, int exit_code, const std::string& message,
                const char* kind = nullptr) {
  nlohmann::json body;
  body["error"] = {
      {"code", exit_code}, {"kind", kind ? kind : kind_of_exit(exit_code)}, {"message", message}};
  res.status = http_status;
  res.set_content(body.dump() + "\n", "application/json");
}

void send_error(httplib::Response& res, const Error& error) {
  int status = http_status_for(error.code());
  const std::string message = error.what();
  // A refused address is the client's doing, said apart from a page that failed to load.
  if (error.code() == ErrorCode::SourceUnreadable && message.rfind("refused", 0) == 0) status = 403;
  if (error.code() == ErrorCode::Usage && message.find("too long") != std::string::npos) {
    status = 413;
  }
  send_error(res, status, exit_code_for(error.code()), message);
}

/// The worker's own words: its last "narrate: " line that is not a warning or statistics.
std::string worker_message(const std::string& stderr_text) {
  std::string message;
  std::istringstream lines(stderr_text);
  for (std::string line; std::getline(lines, line);) {
    if (line.rfind("narrate: ", 0) != 0) continue;
    line = line.substr(9);
    if (line.rfind("warning:", 0) == 0 || std::isdigit(static_cast<unsigned char>(line[0])) ||
        line.find("syllables/s") != std::string::npos) {
      continue;
    }
    message = line;
  }
  return message.empty() ? "speech synthesis failed" : message;
}

/// Audio seconds from the worker's --stats line ("... of audio (12.3 s) ...").
double worker_audio_seconds(const std::string& stderr_text) {
  const auto at = stderr_text.find(" of audio (");
  if (at == std::string::npos) return -1;
  return std::atof(stderr_text.c_str() + at + 11);
}

/// The planned length from the worker's "narrate: planned duration 131.920 s" line (written
/// before its first byte of audio), or -1.
double worker_planned_seconds(const std::string& stderr_text) {
  static const std::string kPrefix = "narrate: planned duration ";
  const auto at = stderr_text.find(kPrefix);
  if (at == std::string::npos) return -1;
  char* end = nullptr;
  const double seconds = std::strtod(stderr_text.c_str() + at + kPrefix.size(), &end);
  return end != stderr_text.c_str() + at + kPrefix.size() && seconds >= 0 ? seconds : -1;
}

int http_status_for_exit(int exit_code) {
  switch (exit_code) {
    case kExitUsage:
    case kExitVoice:
      return 400;
    case kExitSource:
    case kExitNoArticle:
      return 422;
    default:
      return 500;
  }
}

/// Per-client token buckets: `per_minute` requests a minute, bursts of up to that many.
class RateLimiter {
 public:
  explicit RateLimiter(double per_minute) : per_minute_(per_minute) {}
  /// 0 when allowed, else the seconds until the next request would be.
  int take(const std::string& client) {
    if (per_minute_ <= 0) return 0;
    std::lock_guard lock(mutex_);
    const auto now = Clock::now();
    if (buckets_.size() > 10000) buckets_.clear();  // bounded memory under address churn
    auto [it, fresh] = buckets_.try_emplace(client, Bucket{per_minute_, now});
    Bucket& bucket = it->second;
    if (!fresh) {
      const double seconds = std::chrono::duration<double>(now - bucket.last).count();
      bucket.tokens = std::min(per_minute_, bucket.tokens + seconds * per_minute_ / 60.0);
      bucket.last = now;
    }
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return 0;
    }
    return std::max(1, int(std::ceil((1 - bucket.tokens) * 60.0 / per_minute_)));
  }

 private:
  struct Bucket {
    double tokens;
    Clock::time_point last;
  };
  double per_minute_;
  std::mutex mutex_;
  std::unordered_map<std::string, Bucket> buckets_;
};

/// One synthesis in flight: the worker place, its folder and its process, owned together so
/// that whatever ends the request (the end, an error, a client gone) frees all three.
struct Job {
  WorkerPool::Slot slot;
  std::unique_ptr<TempDir> dir;
  std::unique_ptr<WorkerProcess> process;
  Clock::time_point deadline;
  std::string pending;  ///< the first bytes, read before the response was committed
};

class Service {
 public:
  explicit Service(const ServeOptions& options)
      : options_(options),
        pool_(options.workers, options.queue),
        rate_(options.rate_per_minute),
        voices_(list_voices()) {
    std::string templ = (fs::temp_directory_path() / "narrate-serve.XXXXXX").string();
    if (!::mkdtemp(templ.data())) throw Error(ErrorCode::Output, "cannot create a temp folder");
    temp_root_ = templ;
    for (std::size_t i = 0; i < options_.workers; ++i) {
      spares_.push_back(std::make_unique<WorkerProcess>(options_.program));
    }
  }
  ~Service() {
    std::error_code ignored;
    fs::remove_all(temp_root_, ignored);
  }

  void install(httplib::Server& server);
  std::size_t standby() {
    std::lock_guard lock(spares_mutex_);
    return spares_.size();
  }

 private:
  /// Reads the request (query or JSON body), checks it and fetches a url; on failure fills `res`
  /// with the error and returns false.
  bool admit(const httplib::Request& req, httplib::Response& res, SpeechRequest& request,
             AudioFormatInfo& format, std::string& source, std::string& source_format);
  /// Runs a worker with this command line: a standby one when there is one (already loaded:
  /// the first audio comes sooner), replaced by a new standby at once; else a new process.
  std::unique_ptr<WorkerProcess> launch(const std::vector<std::string>& args,
                                        const std::string& stderr_path);
  /// Takes a worker place or answers 503.
  WorkerPool::Slot take_worker(httplib::Response& res);
  void speech(const httplib::Request& req, httplib::Response& res);
  /// /v1/marks, or with `sentences_only` /v1/sentences (no synthesis: narrate --sentences).
  void marks(const httplib::Request& req, httplib::Response& res, bool sentences_only);

  const ServeOptions& options_;
  WorkerPool pool_;
  RateLimiter rate_;
  std::vector<VoiceEntry> voices_;  // listed once: eSpeak NG is not touched while serving
  std::string temp_root_;
  std::mutex spares_mutex_;
  std::deque<std::unique_ptr<WorkerProcess>> spares_;
};

std::unique_ptr<WorkerProcess> Service::launch(const std::vector<std::string>& args,
                                               const std::string& stderr_path) {
  // The oldest standby: the one most likely done loading (a newer one may still be at it).
  std::unique_ptr<WorkerProcess> spare;
  {
    std::lock_guard lock(spares_mutex_);
    if (!spares_.empty()) {
      spare = std::move(spares_.front());
      spares_.pop_front();
    }
  }
  std::unique_ptr<WorkerProcess> worker;
  if (spare && spare->start(args, stderr_path)) worker = std::move(spare);
  if (!worker) worker = std::make_unique<WorkerProcess>(options_.program, args, stderr_path);
  // The standby taken is replaced once the request is on its way, off the request's path (and
  // one that could not be started before is tried again): one standby per worker place.
  bool short_of_spares = false;
  {
    std::lock_guard lock(spares_mutex_);
    short_of_spares = spares_.size() < options_.workers;
  }
  if (short_of_spares) {
    try {
      auto next = std::make_unique<WorkerProcess>(options_.program);
      std::lock_guard lock(spares_mutex_);
      spares_.push_back(std::move(next));
    } catch (const Error&) {
      // No new standby now; a request without one starts its own process.
    }
  }
  return worker;
}

bool Service::admit(const httplib::Request& req, httplib::Response& res, SpeechRequest& request,
                    AudioFormatInfo& format, std::string& source, std::string& source_format) {
  if (const int wait = rate_.take(req.remote_addr); wait > 0) {
    res.set_header("Retry-After", std::to_string(wait));
    send_error(res, 429, kExitUsage, "too many requests from this address; retry later",
               "rate_limited");
    return false;
  }
  try {
    request = req.method == "POST" ? parse_json_request(req.body) : parse_query_request(req.params);
    format = validate_request(request, options_.max_text_bytes);
    if (!request.url.empty()) {
      FetchPolicy policy;
      policy.allow_private = options_.allow_private_urls;
      policy.max_bytes = SourceOptions{}.max_bytes;
      policy.timeout_ms = SourceOptions{}.timeout_ms;
      Fetched fetched = fetch_checked(request.url, policy);
      source = std::move(fetched.bytes);
      if (fetched.content_type.find("html") != std::string::npos) {
        source_format = "html";
      } else if (fetched.content_type.rfind("text/plain", 0) == 0) {
        source_format = "text";
      }
    } else if (!request.html.empty()) {
      source = request.html;
      source_format = "html";
    } else {
      source = request.text;
      source_format = request.verbatim ? "speech" : "text";
    }
  } catch (const Error& error) {
    send_error(res, error);
    return false;
  }
  return true;
}

WorkerPool::Slot Service::take_worker(httplib::Response& res) {
  auto slot = pool_.acquire(std::chrono::milliseconds(long(options_.queue_wait_seconds * 1000)));
  if (!slot) {
    res.set_header("Retry-After", "2");
    send_error(res, 503, kExitInternal, "all synthesis workers are busy; retry later", "busy");
  }
  return slot;
}

void Service::speech(const httplib::Request& req, httplib::Response& res) {
  SpeechRequest request;
  AudioFormatInfo format;
  std::string source;
  std::string source_format;
  if (!admit(req, res, request, format, source, source_format)) return;
  auto job = std::make_shared<Job>();
  job->slot = take_worker(res);
  if (!job->slot) return;
  try {
    job->dir = std::make_unique<TempDir>(temp_root_);
    write_file(job->dir->file("source"), source);
    // The worker writes its audio "to a file" that is its standard output, a pipe to us: the
    // extension names the format and narrate writes FIFOs, devices and sockets in place.
    const std::string output = job->dir->file("audio" + format.extension);
    fs::create_symlink("/dev/stdout", output);
    job->deadline = Clock::now() + std::chrono::milliseconds(long(options_.timeout_seconds * 1e3));
    job->process = launch(
        worker_args(options_.program, request, source_format, job->dir->file("source"), output),
        job->dir->file("stderr"));
    // Wait for the first bytes before committing to 200: a worker that fails at once (no
    // article, an unknown voice) becomes a JSON error with its exit code.
    std::string first(16384, '\0');
    long got = -1;
    while (got < 0) {
      got = job->process->read_some(first.data(), first.size(), 200);
      if (got < 0 && Clock::now() > job->deadline) {
        job->process->kill();
        send_error(res, 504, kExitInternal, "synthesis took too long", "timeout");
        return;
      }
    }
    if (got == 0) {
      const int status = job->process->wait();
      const std::string errors = read_file(job->dir->file("stderr"));
      if (status == 0) {  // nothing to say: an empty but valid answer
        res.set_content("", format.mime);
        return;
      }
      t_note.outcome = "worker exit " + std::to_string(status);
      send_error(res, http_status_for_exit(status), status, worker_message(errors));
      return;
    }
    first.resize(static_cast<std::size_t>(got));
    job->pending = std::move(first);
  } catch (const Error& error) {
    send_error(res, error);
    return;
  }

  res.set_header("Cache-Control", "no-store");
  res.set_header("X-Narrate-Speed", Speed::parse(request.speed).describe());
  // No HTTP header can follow the audio (cpp-httplib 0.11 sends no chunked trailers), so the
  // length known before the first byte is named: the plan the speed calibration steers to.
  // The exact length is in /v1/marks ("duration_ms").
  if (const double planned = worker_planned_seconds(read_file(job->dir->file("stderr")));
      planned >= 0) {
    char value[32];
    std::snprintf(value, sizeof value, "%.3f", planned);
    res.set_header("X-Narrate-Planned-Duration", value);
  }
  t_note.streamed = true;
  res.set_chunked_content_provider(
      format.mime,
      [job](std::size_t, httplib::DataSink& sink) {
        if (!job->pending.empty()) {
          std::string bytes = std::move(job->pending);
          job->pending.clear();
          t_note.streamed_bytes += bytes.size();
          if (!sink.write(bytes.data(), bytes.size())) {
            t_note.outcome = "cancelled";
            job->process->kill();
            return false;
          }
          return true;
        }
        char buffer[16384];
        for (;;) {
          long got = -1;
          try {
            got = job->process->read_some(buffer, sizeof buffer, 250);
          } catch (const Error&) {
            job->process->kill();
            return false;
          }
          if (got > 0) {
            t_note.streamed_bytes += static_cast<std::size_t>(got);
            if (!sink.write(buffer, static_cast<std::size_t>(got))) {
              t_note.outcome = "cancelled";
              job->process->kill();
              job->slot.release();
              return false;
            }
            if (Clock::now() > job->deadline) {  // the stream is cut: the client sees it end
              t_note.outcome = "timeout";
              job->process->kill();
              job->slot.release();
              return false;
            }
            return true;
          }
          if (got == 0) {
            const int status = job->process->wait();
            const std::string errors = read_file(job->dir->file("stderr"));
            t_note.audio_seconds = worker_audio_seconds(errors);
            if (status != 0) t_note.outcome = "worker exit " + std::to_string(status);
            job->slot.release();
            sink.done();
            return true;
          }
          if (Clock::now() > job->deadline) {
            t_note.outcome = "timeout";
            job->process->kill();
            job->slot.release();
            return false;
          }
          if (!sink.is_writable()) {
            t_note.outcome = "cancelled";
            job->process->kill();
            job->slot.release();
            return false;
          }
        }
      },
      [job](bool) {
        // The end of the response, however it came: nothing of the job outlives it.
        job->process.reset();
        job->slot.release();
        job->dir.reset();
      });
}

void Service::marks(const httplib::Request& req, httplib::Response& res, bool sentences_only) {
  SpeechRequest request;
  AudioFormatInfo format;
  std::string source;
  std::string source_format;
  if (!admit(req, res, request, format, source, source_format)) return;
  WorkerPool::Slot slot = take_worker(res);
  if (!slot) return;
  try {
    TempDir dir(temp_root_);
    write_file(dir.file("source"), source);
    const std::string output = dir.file("audio.wav");
    fs::create_symlink("/dev/null", output);
    std::vector<std::string> args =
        worker_args(options_.program, request, source_format, dir.file("source"), output,
                    dir.file("marks.json"), dir.file("subtitles.vtt"));
    if (sentences_only) {
      args = {options_.program,
              "--sentences",
              "--format",
              source_format.empty() ? "html" : source_format,
              "--",
              dir.file("source")};
      if (source_format.empty()) args.erase(args.begin() + 2, args.begin() + 4);
    }
    const std::unique_ptr<WorkerProcess> worker = launch(args, dir.file("stderr"));
    WorkerProcess& process = *worker;
    const auto deadline =
        Clock::now() + std::chrono::milliseconds(long(options_.timeout_seconds * 1e3));
    std::string printed;
    char buffer[4096];
    for (long got = 0; (got = process.read_some(buffer, sizeof buffer, 250)) != 0;) {
      if (got > 0) {
        if (printed.size() + std::size_t(got) > options_.max_text_bytes * 2) {
          process.kill();
          send_error(res, 500, kExitInternal, "the worker printed too much");
          return;
        }
        printed.append(buffer, std::size_t(got));
      }
      if (Clock::now() > deadline) {
        process.kill();
        send_error(res, 504, kExitInternal, "synthesis took too long", "timeout");
        return;
      }
    }
    const int status = process.wait();
    const std::string errors = read_file(dir.file("stderr"));
    t_note.audio_seconds = worker_audio_seconds(errors);
    if (status != 0) {
      t_note.outcome = "worker exit " + std::to_string(status);
      send_error(res, http_status_for_exit(status), status, worker_message(errors));
      return;
    }
    res.set_header("Cache-Control", "no-store");
    if (sentences_only) {
      nlohmann::json list = nlohmann::json::array();
      std::istringstream lines(printed);
      for (std::string line; std::getline(lines, line);) list.push_back(line);
      res.set_content(nlohmann::json{{"sentences", list}}.dump() + "\n", "application/json");
      return;
    }
    if (request.marks == "vtt") {
      res.set_content(read_file(dir.file("subtitles.vtt")), "text/vtt; charset=utf-8");
      return;
    }
    nlohmann::json marks = nlohmann::json::parse(read_file(dir.file("marks.json")));
    const Speed speed = Speed::parse(request.speed);
    marks["speed"] = {
        {"wpm", speed.wpm}, {"multiplier", speed.multiplier()}, {"label", speed.describe()}};
    // The audio ends with the last sentence's pause: its end is the length to the millisecond
    // (the worker's statistics round to a tenth of a second).
    const nlohmann::json& sentences = marks["sentences"];
    if (sentences.is_array() && !sentences.empty() && sentences.back().is_object() &&
        sentences.back().contains("end_ms") && sentences.back()["end_ms"].is_number()) {
      marks["duration_ms"] = sentences.back()["end_ms"];
    } else if (t_note.audio_seconds >= 0) {
      marks["duration_ms"] = std::lround(t_note.audio_seconds * 1000);
    }
    res.set_content(marks.dump() + "\n", "application/json");
  } catch (const Error& error) {
    send_error(res, error);
  } catch (const nlohmann::json::exception& error) {
    send_error(res, 500, kExitInternal, std::string("bad marks from the worker: ") + error.what());
  }
}

void Service::install(httplib::Server& server) {
  server.set_pre_routing_handler([](const httplib::Request& req, httplib::Response&) {
    t_note = RequestNote{};
    // Browsers ask media for "Range: bytes=0-"; a stream made as it is heard has no ranges, so
    // the API answers 200 with the whole stream (httplib's Request object is not const).
    if (req.path.rfind("/v1/", 0) == 0) const_cast<httplib::Request&>(req).ranges.clear();
    return httplib::Server::HandlerResponse::Unhandled;
  });
  // ?ready=1 (a readiness probe) answers 503 while no request could be taken: every worker
  // busy and the queue full. Plain /v1/health (liveness) answers while the server does.
  server.Get("/v1/health", [this](const httplib::Request& req, httplib::Response& res) {
    const bool full = pool_.busy() >= pool_.workers() && pool_.queued() >= pool_.queue_limit();
    nlohmann::json body = {
        {"status", "ok"},       {"version", version()},     {"workers", pool_.workers()},
        {"busy", pool_.busy()}, {"queued", pool_.queued()}, {"queue_limit", pool_.queue_limit()},
        {"standby", standby()}};
    res.set_header("Cache-Control", "no-store");
    if (full) body["status"] = "busy";
    if (full && req.get_param_value("ready") == "1") res.status = 503;
    res.set_content(body.dump() + "\n", "application/json");
  });
  server.Get("/v1/voices", [this](const httplib::Request&, httplib::Response& res) {
    nlohmann::json list = nlohmann::json::array();
    for (const VoiceEntry& voice : voices_) {
      list.push_back({{"name", voice.name},
                      {"language", voice.language},
                      {"description", voice.description},
                      {"narrate", voice.project}});
    }
    nlohmann::json body = {{"voices", list}};
    res.set_content(body.dump() + "\n", "application/json");
  });
  const auto speech = [this](const httplib::Request& req, httplib::Response& res) {
    this->speech(req, res);
  };
  const auto marks = [this](const httplib::Request& req, httplib::Response& res) {
    this->marks(req, res, false);
  };
  const auto sentences = [this](const httplib::Request& req, httplib::Response& res) {
    this->marks(req, res, true);
  };
  server.Get("/v1/sentences", sentences);
  server.Post("/v1/sentences", sentences);
  server.Get("/v1/speech", speech);
  server.Post("/v1/speech", speech);
  server.Get("/v1/marks", marks);
  server.Post("/v1/marks", marks);
  server.Options(R"(/v1/.*)", [](const httplib::Request&, httplib::Response& res) {
    res.set_header("Access-Control-Allow-Methods", "GET, POST, OPTIONS");
    res.set_header("Access-Control-Allow-Headers", "Content-Type");
    res.set_header("Access-Control-Max-Age", "600");
    res.status = 204;
  });
  server.Get("/",
             [](const httplib::Request&, httplib::Response& res) { res.set_redirect("/widget/"); });
  server.set_error_handler([](const httplib::Request&, httplib::Response& res) {
    if (!res.body.empty()) return;  // already a JSON error
    const int status = res.status;
    const std::string message = status == 404   ? "no such resource"
                                : status == 413 ? "the request body is too large"
                                : status == 405 ? "method not allowed"
                                                : "bad request";
    send_error(res, status, status >= 500 ? kExitInternal : kExitUsage, message);
  });
  server.set_logger([](const httplib::Request& req, const httplib::Response& res) {
    const double ms =
        std::chrono::duration<double, std::milli>(Clock::now() - t_note.start).count();
    const std::size_t bytes = t_note.streamed ? t_note.streamed_bytes : res.body.size();
    char audio[32] = "-";
    if (t_note.audio_seconds >= 0) std::snprintf(audio, sizeof audio, "%.2f", t_note.audio_seconds);
    std::fprintf(stderr, "narrate serve: %s %s %s %d %zu B %.0f ms audio %s s%s%s\n",
                 req.remote_addr.c_str(), req.method.c_str(), req.path.c_str(), res.status, bytes,
                 ms, audio, t_note.outcome.empty() ? "" : " ", t_note.outcome.c_str());
  });
}

}  // namespace

int serve(const ServeOptions& options) {
  // Signals are taken by one thread with sigwait(); every other thread, and so every worker
  // spawned, starts with them blocked (the spawn unblocks them for the child).
  sigset_t stop_signals;
  sigemptyset(&stop_signals);
  sigaddset(&stop_signals, SIGINT);
  sigaddset(&stop_signals, SIGTERM);
  sigaddset(&stop_signals, SIGHUP);
  pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);
  ::signal(SIGPIPE, SIG_IGN);

  std::unique_ptr<Service> service;
  try {
    service = std::make_unique<Service>(options);
  } catch (const Error& error) {
    std::fprintf(stderr, "narrate: %s\n", error.what());
    return exit_code_for(error.code());
  }
  httplib::Server server;
  const std::size_t threads = options.workers + options.queue + 8;
  server.new_task_queue = [threads] { return new httplib::ThreadPool(threads); };
  server.set_payload_max_length(options.max_body_bytes);
  server.set_read_timeout(10, 0);
  server.set_write_timeout(30, 0);
  if (!options.cors_origin.empty()) {
    // A page's script may read the speed and the planned length of a stream it fetched.
    server.set_default_headers(
        {{"Access-Control-Allow-Origin", options.cors_origin},
         {"Access-Control-Expose-Headers", "X-Narrate-Speed, X-Narrate-Planned-Duration"}});
  }
  if (!server.set_mount_point("/widget", options.widget_dir)) {
    std::fprintf(stderr, "narrate: widget folder '%s' not found (--widget-dir)\n",
                 options.widget_dir.c_str());
    return kExitUsage;
  }
  if (!options.demo_dir.empty() && !server.set_mount_point("/demo", options.demo_dir)) {
    std::fprintf(stderr, "narrate: demo folder '%s' not found\n", options.demo_dir.c_str());
    return kExitUsage;
  }
  service->install(server);

  int port = options.port;
  if (port == 0) {
    port = server.bind_to_any_port(options.host);
  } else if (!server.bind_to_port(options.host, port)) {
    port = -1;
  }
  if (port <= 0) {
    std::fprintf(stderr, "narrate: cannot listen on %s:%d\n", options.host.c_str(), options.port);
    return kExitOutput;
  }
  const bool v6 = options.host.find(':') != std::string::npos;
  std::fprintf(stderr, "narrate serve: listening on http://%s%s%s:%d/ (%zu workers, queue %zu)\n",
               v6 ? "[" : "", options.host.c_str(), v6 ? "]" : "", port, options.workers,
               options.queue);
  std::atomic<int> caught{0};
  std::thread waiter([&] {
    int signal = 0;
    sigwait(&stop_signals, &signal);
    caught = signal;
    server.stop();
  });
  server.listen_after_bind();
  if (caught.load() == 0) {  // listen failed by itself: wake the waiter to end it
    pthread_kill(waiter.native_handle(), SIGTERM);
  }
  waiter.join();
  std::fprintf(stderr, "narrate serve: stopped\n");
  return kExitOk;
}

}  // namespace narrate::cli
