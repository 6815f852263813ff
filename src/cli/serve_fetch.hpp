// cli/serve_fetch.hpp - the server's URL fetch: every address it connects to is checked first
#pragma once

#include <string>

namespace narrate::cli {

/// Which addresses a fetch may connect to.
struct FetchPolicy {
  bool allow_private = false;         ///< --allow-private-urls: loopback, private, link-local too
  std::size_t max_bytes = 64u << 20;  ///< the CLI's cap (SourceOptions::max_bytes)
  long timeout_ms = 20000;            ///< the CLI's cap (SourceOptions::timeout_ms)
};

/// True when a numeric IPv4 or IPv6 address ("10.0.0.1", "::1") is one a server may be tricked
/// into reaching: unspecified, loopback, private, carrier-grade NAT, link-local (cloud metadata
/// lives at 169.254.169.254), unique-local, multicast, reserved, and IPv4 hidden in IPv6
/// (::ffff:a.b.c.d, 64:ff9b::a.b.c.d). Text that is not an address counts as internal.
bool is_internal_address(const std::string& address);

/// What a fetch got.
struct Fetched {
  std::string bytes;
  std::string content_type;
};

/// Downloads an http(s) URL. The check runs in libcurl's open-socket callback, on the very
/// address about to be connected (after DNS, for every redirect hop), so a name that resolves to
/// an internal address, or a redirect to one, is refused before any packet is sent to it. Throws
/// Error(Usage) for a URL that is not http(s), Error(SourceUnreadable) for a refused address
/// ("refused" in the message), a failed or oversized download.
Fetched fetch_checked(const std::string& url, const FetchPolicy& policy);

}  // namespace narrate::cli
