// cli/serve_command.cpp - `narrate serve` options: parsed here, away from the reading CLI's
#include "serve_command.hpp"

#include <unistd.h>

#include <CLI/CLI.hpp>
#include <climits>
#include <cstdio>
#include <filesystem>
#include <string>

#include "exit_codes.hpp"
#include "serve_worker.hpp"

namespace narrate::cli {

namespace {

/// "ADDR:PORT", "[v6]:PORT" or ":PORT". Returns false when malformed.
bool split_listen(const std::string& text, std::string& host, int& port) {
  const auto colon = text.rfind(':');
  if (colon == std::string::npos) return false;
  std::string address = text.substr(0, colon);
  if (address.size() >= 2 && address.front() == '[' && address.back() == ']') {
    address = address.substr(1, address.size() - 2);
  }
  const std::string digits = text.substr(colon + 1);
  if (digits.empty() || digits.size() > 5 ||
      digits.find_first_not_of("0123456789") != std::string::npos) {
    return false;
  }
  port = std::stoi(digits);
  if (port > 65535) return false;
  host = address.empty() ? "127.0.0.1" : address;
  return true;
}

std::string own_executable() {
  std::string path(PATH_MAX, '\0');
  const ssize_t n = ::readlink("/proc/self/exe", path.data(), path.size() - 1);
  if (n <= 0) return "/proc/self/exe";
  path.resize(static_cast<std::size_t>(n));
  return path;
}

}  // namespace

int run_serve(int argc, char** argv) {
  // The server's own pre-started workers (serve_worker.hpp), not for people.
  if (argc == 2 && std::string(argv[1]) == "--standby-worker") return run_standby_worker();
  CLI::App app{
      "narrate serve: speech over HTTP for pages and apps (POST/GET /v1/speech, /v1/marks, "
      "/v1/voices, /v1/health) and the embeddable player at /widget/."};
  app.name("narrate serve");
  ServeOptions options;
  std::string listen = "127.0.0.1:8711";
  app.add_option("--listen", listen, "Address and port to listen on (port 0: any free port)")
      ->type_name("ADDR:PORT")
      ->capture_default_str();
  app.add_option("--workers", options.workers, "Synthesis processes running at once")
      ->check(CLI::Range(1, 64))
      ->capture_default_str();
  app.add_option("--queue", options.queue,
                 "Requests that may wait for a worker; more are refused with 503")
      ->check(CLI::Range(0, 1024))
      ->capture_default_str();
  app.add_option("--queue-wait", options.queue_wait_seconds,
                 "Seconds a request may wait in the queue before a 503")
      ->check(CLI::Range(0.0, 600.0))
      ->capture_default_str();
  app.add_option("--max-body", options.max_body_bytes, "Largest request body in bytes (413)")
      ->check(CLI::Range(std::size_t{1024}, std::size_t{1} << 30))
      ->capture_default_str();
  app.add_option("--max-text", options.max_text_bytes, "Longest text or html in bytes (413)")
      ->check(CLI::Range(std::size_t{1}, std::size_t{1} << 30))
      ->capture_default_str();
  app.add_option("--rate", options.rate_per_minute,
                 "Speech and marks requests a minute per client address (429); 0: no limit")
      ->check(CLI::Range(0.0, 1e6))
      ->capture_default_str();
  app.add_option("--timeout", options.timeout_seconds, "Longest synthesis of one request, seconds")
      ->check(CLI::Range(1.0, 86400.0))
      ->capture_default_str();
  app.add_flag("--allow-private-urls", options.allow_private_urls,
               "Let url requests reach loopback, private and link-local addresses (off: such "
               "addresses are refused before any connection)");
  app.add_option("--widget-dir", options.widget_dir,
                 "Where the widget's files are (default: share/narrate/widget beside the "
                 "executable, else the source tree)")
      ->type_name("DIR");
  app.add_option("--demo-dir", options.demo_dir, "Also serve this folder at /demo/")
      ->type_name("DIR");
  app.add_option("--cors-origin", options.cors_origin,
                 "Access-Control-Allow-Origin for the API (empty: no CORS header)")
      ->capture_default_str();
  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp&) {
    std::fputs(app.help().c_str(), stdout);
    return kExitOk;
  } catch (const CLI::ParseError& error) {
    std::fprintf(stderr, "narrate: %s (see narrate serve --help)\n", error.what());
    return kExitUsage;
  }
  if (!split_listen(listen, options.host, options.port)) {
    std::fprintf(stderr, "narrate: invalid --listen '%s' (use ADDR:PORT)\n", listen.c_str());
    return kExitUsage;
  }
  options.program = own_executable();
  if (options.widget_dir.empty()) {
    namespace fs = std::filesystem;
    const fs::path installed =
        fs::path(options.program).parent_path().parent_path() / "share/narrate/widget";
    std::error_code error;
    if (fs::is_regular_file(installed / "narrate-widget.js", error)) {
      options.widget_dir = installed.string();
    } else if (fs::is_regular_file(fs::path(NARRATE_INSTALL_WIDGET_DIR) / "narrate-widget.js",
                                   error)) {
      options.widget_dir = NARRATE_INSTALL_WIDGET_DIR;
    } else {
      options.widget_dir = NARRATE_SOURCE_WIDGET_DIR;
    }
  }
  return serve(options);
}

}  // namespace narrate::cli
