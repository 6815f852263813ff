// cli/serve_fetch.cpp - URL fetch for `narrate serve`, refusing internal addresses (SSRF)
#include "serve_fetch.hpp"

#include <arpa/inet.h>
#include <curl/curl.h>
#include <netinet/in.h>
#include <sys/socket.h>

#include <array>
#include <cstdint>
#include <cstring>
#include <memory>
#include <mutex>

#include "narrate/error.hpp"

namespace narrate::cli {

namespace {

bool internal_v4(std::uint32_t a) {
  const auto in = [a](std::uint32_t net, int bits) {
    const std::uint32_t mask = bits == 0 ? 0 : ~std::uint32_t{0} << (32 - bits);
    return (a & mask) == net;
  };
  return in(0x00000000, 8) ||   // "this network", 0.0.0.0
         in(0x0A000000, 8) ||   // 10/8
         in(0x64400000, 10) ||  // 100.64/10 carrier-grade NAT
         in(0x7F000000, 8) ||   // loopback
         in(0xA9FE0000, 16) ||  // link-local, cloud metadata 169.254.169.254
         in(0xAC100000, 12) ||  // 172.16/12
         in(0xC0000000, 24) ||  // 192.0.0/24 protocol assignments
         in(0xC0000200, 24) ||  // TEST-NET-1
         in(0xC0A80000, 16) ||  // 192.168/16
         in(0xC6120000, 15) ||  // 198.18/15 benchmarking
         in(0xC6336400, 24) ||  // TEST-NET-2
         in(0xCB007100, 24) ||  // TEST-NET-3
         in(0xE0000000, 4) ||   // multicast
         in(0xF0000000, 4);     // reserved, broadcast
}

bool internal_v6(const unsigned char* b) {
  static constexpr std::array<unsigned char, 12> kMapped{0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xFF, 0xFF};
  static constexpr std::array<unsigned char, 12> kNat64{0, 0x64, 0xFF, 0x9B, 0, 0,
                                                        0, 0,    0,    0,    0, 0};
  const auto v4_tail = [b] {
    return std::uint32_t(b[12]) << 24 | std::uint32_t(b[13]) << 16 | std::uint32_t(b[14]) << 8 |
           std::uint32_t(b[15]);
  };
  if (std::memcmp(b, kMapped.data(), 12) == 0 || std::memcmp(b, kNat64.data(), 12) == 0) {
    return internal_v4(v4_tail());
  }
  bool zero_prefix = true;  // :: and ::1, and the deprecated IPv4-compatible ::a.b.c.d
  for (int i = 0; i < 12; ++i) zero_prefix = zero_prefix && b[i] == 0;
  if (zero_prefix) return true;
  return (b[0] & 0xFE) == 0xFC ||                    // fc00::/7 unique local (fd00:ec2::254)
         (b[0] == 0xFE && (b[1] & 0xC0) == 0x80) ||  // fe80::/10 link-local
         (b[0] == 0xFE && (b[1] & 0xC0) == 0xC0) ||  // fec0::/10 site-local
         b[0] == 0xFF ||                             // multicast
         (b[0] == 0x20 && b[1] == 0x01 && b[2] == 0x0D && b[3] == 0xB8);  // documentation
}

bool internal_sockaddr(const sockaddr* address) {
  if (address->sa_family == AF_INET) {
    const auto* v4 = reinterpret_cast<const sockaddr_in*>(address);
    return internal_v4(ntohl(v4->sin_addr.s_addr));
  }
  if (address->sa_family == AF_INET6) {
    const auto* v6 = reinterpret_cast<const sockaddr_in6*>(address);
    return internal_v6(v6->sin6_addr.s6_addr);
  }
  return true;  // unix sockets and anything else: never
}

struct CurlCleanup {
  void operator()(CURL* curl) const noexcept { curl_easy_cleanup(curl); }
};

struct Transfer {
  const FetchPolicy* policy = nullptr;
  std::string bytes;
  bool too_large = false;
  bool refused = false;
  std::string refused_address;
};

std::size_t on_body(char* data, std::size_t size, std::size_t count, void* user) noexcept {
  auto* transfer = static_cast<Transfer*>(user);
  const std::size_t length = size * count;
  if (length > transfer->policy->max_bytes - transfer->bytes.size()) {
    transfer->too_large = true;
    return 0;
  }
  try {
    transfer->bytes.append(data, length);
  } catch (...) {
    return 0;
  }
  return length;
}

// Called by libcurl for every connection it is about to make, with the resolved address: the
// one place where the address checked is the address used. No exception may cross into curl.
curl_socket_t on_open_socket(void* user, curlsocktype purpose, curl_sockaddr* address) noexcept {
  auto* transfer = static_cast<Transfer*>(user);
  if (purpose != CURLSOCKTYPE_IPCXN) return CURL_SOCKET_BAD;
  if (!transfer->policy->allow_private && internal_sockaddr(&address->addr)) {
    transfer->refused = true;
    char text[INET6_ADDRSTRLEN] = "?";
    if (address->family == AF_INET) {
      ::inet_ntop(AF_INET, &reinterpret_cast<const sockaddr_in*>(&address->addr)->sin_addr, text,
                  sizeof text);
    } else if (address->family == AF_INET6) {
      ::inet_ntop(AF_INET6, &reinterpret_cast<const sockaddr_in6*>(&address->addr)->sin6_addr, text,
                  sizeof text);
    }
    try {
      transfer->refused_address = text;
    } catch (...) {
    }
    return CURL_SOCKET_BAD;
  }
  return ::socket(address->family, address->socktype | SOCK_CLOEXEC, address->protocol);
}

}  // namespace

bool is_internal_address(const std::string& address) {
  in_addr v4{};
  if (::inet_pton(AF_INET, address.c_str(), &v4) == 1) return internal_v4(ntohl(v4.s_addr));
  in6_addr v6{};
  if (::inet_pton(AF_INET6, address.c_str(), &v6) == 1) return internal_v6(v6.s6_addr);
  return true;
}

Fetched fetch_checked(const std::string& url, const FetchPolicy& policy) {
  if (url.rfind("http://", 0) != 0 && url.rfind("https://", 0) != 0) {
    throw Error(ErrorCode::Usage, "url must be http:// or https://");
  }
  static std::once_flag init;
  std::call_once(init, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
  std::unique_ptr<CURL, CurlCleanup> curl(curl_easy_init());
  if (!curl) throw Error(ErrorCode::SourceUnreadable, "cannot start a download (libcurl)");
  Transfer transfer;
  transfer.policy = &policy;
  CURL* c = curl.get();
  curl_easy_setopt(c, CURLOPT_URL, url.c_str());
  curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(c, CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(c, CURLOPT_FOLLOWLOCATION, 1L);
  curl_easy_setopt(c, CURLOPT_MAXREDIRS, 8L);  // as the CLI
  // A proxy would make the checked address the proxy's, not the page's.
  curl_easy_setopt(c, CURLOPT_NOPROXY, "*");
  curl_easy_setopt(c, CURLOPT_TIMEOUT_MS, policy.timeout_ms);
  curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT_MS, std::min(policy.timeout_ms, 10000L));
  curl_easy_setopt(c, CURLOPT_MAXFILESIZE_LARGE, static_cast<curl_off_t>(policy.max_bytes));
  curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(c, CURLOPT_ACCEPT_ENCODING, "");
  curl_easy_setopt(c, CURLOPT_USERAGENT, "narrate-serve/" NARRATE_VERSION);
  curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, on_body);
  curl_easy_setopt(c, CURLOPT_WRITEDATA, &transfer);
  curl_easy_setopt(c, CURLOPT_OPENSOCKETFUNCTION, on_open_socket);
  curl_easy_setopt(c, CURLOPT_OPENSOCKETDATA, &transfer);
  const CURLcode status = curl_easy_perform(c);
  if (transfer.refused) {
    throw Error(ErrorCode::SourceUnreadable,
                "refused to fetch '" + url + "': address " + transfer.refused_address +
                    " is loopback, private, link-local or reserved (--allow-private-urls)");
  }
  if (transfer.too_large || status == CURLE_FILESIZE_EXCEEDED) {
    throw Error(ErrorCode::SourceUnreadable,
                "'" + url + "' is larger than " + std::to_string(policy.max_bytes >> 20) + " MiB");
  }
  if (status != CURLE_OK) {
    throw Error(ErrorCode::SourceUnreadable,
                "cannot fetch '" + url + "': " + curl_easy_strerror(status));
  }
  long code = 0;
  curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &code);
  if (code >= 400) {
    throw Error(ErrorCode::SourceUnreadable,
                "cannot fetch '" + url + "': HTTP " + std::to_string(code));
  }
  Fetched fetched;
  fetched.bytes = std::move(transfer.bytes);
  char* type = nullptr;
  if (curl_easy_getinfo(c, CURLINFO_CONTENT_TYPE, &type) == CURLE_OK && type) {
    fetched.content_type = type;
  }
  return fetched;
}

}  // namespace narrate::cli
