// cli/serve_command.hpp - `narrate serve`: the speech service and its widget over HTTP
#pragma once

#include <cstddef>
#include <string>

namespace narrate::cli {

/// How `narrate serve` runs (its options; README, "narrate serve").
struct ServeOptions {
  std::string host = "127.0.0.1";
  int port = 8711;                        ///< 0: any free port (printed at start)
  std::size_t workers = 2;                ///< synthesis processes at once
  std::size_t queue = 8;                  ///< requests waiting for a worker; beyond: 503
  double queue_wait_seconds = 15;         ///< longest wait in the queue before a 503
  std::size_t max_body_bytes = 2u << 20;  ///< request body cap (413)
  std::size_t max_text_bytes = 1u << 20;  ///< text or html cap (413)
  double rate_per_minute = 120;           ///< synthesis requests a client may make (429); 0: none
  double timeout_seconds = 300;           ///< longest synthesis of one request
  bool allow_private_urls = false;        ///< fetch loopback/private/link-local URLs too
  std::string widget_dir;                 ///< empty: beside the executable, else the source tree
  std::string demo_dir;                   ///< served at /demo/ when set
  std::string cors_origin = "*";          ///< Access-Control-Allow-Origin; empty: none
  std::string program;                    ///< the narrate executable run as worker
};

/// Runs `narrate serve ARGS...` (argv[0] is "serve") until SIGINT or SIGTERM. Returns the exit
/// status: 0 after a signal, 2 for bad options, 6 when the address cannot be bound.
int run_serve(int argc, char** argv);

/// Serves until stopped by SIGINT or SIGTERM; returns the exit status.
int serve(const ServeOptions& options);

}  // namespace narrate::cli
