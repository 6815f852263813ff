// cli/main.cpp - the narrate executable: hands the command line to the CLI
#include "app.hpp"

int main(int argc, char** argv) { return narrate::cli::run(argc, argv); }
