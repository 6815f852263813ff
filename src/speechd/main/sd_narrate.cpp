// speechd/main/sd_narrate.cpp - the sd_narrate executable: Speech Dispatcher starts it as
// "sd_narrate CONFIGFILE" and talks to it on standard input/output
#include <csignal>
#include <string>

#include "speechd/module.hpp"

int main(int argc, char** argv) {
  // A server that goes away mid-utterance shows as a failed write, not a signal.
  std::signal(SIGPIPE, SIG_IGN);
  const std::string config_path = argc >= 2 ? argv[1] : "";
  return narrate::speechd::run_module(narrate::speechd::ModuleConfig::load(config_path));
}
