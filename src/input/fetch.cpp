// input/fetch.cpp - http(s) download with libcurl: redirects, timeouts and a byte cap
#include <curl/curl.h>

#include <algorithm>
#include <cerrno>
#include <cstddef>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <system_error>
#include <utility>

#include "input/load.hpp"
#include "narrate/error.hpp"

#ifndef NARRATE_VERSION
#define NARRATE_VERSION "dev"
#endif

namespace narrate::input::detail {

namespace {

struct CurlCleanup {
  void operator()(CURL* curl) const noexcept { curl_easy_cleanup(curl); }
};
using CurlPtr = std::unique_ptr<CURL, CurlCleanup>;

struct CurlUrlCleanup {
  void operator()(CURLU* url) const noexcept { curl_url_cleanup(url); }
};
using CurlUrlPtr = std::unique_ptr<CURLU, CurlUrlCleanup>;

struct CurlStringFree {
  void operator()(char* text) const noexcept { curl_free(text); }
};
using CurlStringPtr = std::unique_ptr<char, CurlStringFree>;

/// What the write callback fills; the flags say why it stopped a transfer.
struct Body {
  std::string bytes;
  std::size_t max_bytes = 0;
  bool too_large = false;
  bool out_of_memory = false;
  std::string location;  ///< the last Location header: where a refused redirect pointed
};

// Enforcing the cap here, not after the transfer, keeps memory bounded even when the server
// sends no Content-Length or lies about it. No exception may cross into libcurl.
std::size_t write_body(char* data, std::size_t size, std::size_t count, void* user) noexcept {
  auto* body = static_cast<Body*>(user);
  const std::size_t length = size * count;
  if (length > body->max_bytes - body->bytes.size()) {
    body->too_large = true;
    return 0;  // anything but `length` makes libcurl stop with CURLE_WRITE_ERROR
  }
  try {
    body->bytes.append(data, length);
  } catch (...) {
    body->out_of_memory = true;
    return 0;
  }
  return length;
}

std::size_t read_header(char* data, std::size_t size, std::size_t count, void* user) noexcept {
  auto* body = static_cast<Body*>(user);
  const std::size_t length = size * count;
  constexpr std::string_view kName = "location:";
  const std::string_view line(data, length);
  if (line.size() < kName.size()) return length;
  for (std::size_t i = 0; i < kName.size(); ++i) {
    const char c = line[i];
    if (((c >= 'A' && c <= 'Z') ? static_cast<char>(c + 32) : c) != kName[i]) return length;
  }
  std::string_view value = line.substr(kName.size());
  while (!value.empty() && (value.front() == ' ' || value.front() == '\t')) value.remove_prefix(1);
  while (!value.empty() && (value.back() == '\r' || value.back() == '\n' || value.back() == ' '))
    value.remove_suffix(1);
  try {
    body->location.assign(value);
  } catch (...) {
    body->location.clear();  // only a message loses detail
  }
  return length;
}

void init_curl_once() {
  // curl_global_init is not thread-safe; doing it once here keeps load() callable from any thread.
  static std::once_flag once;
  static CURLcode status = CURLE_OK;
  std::call_once(once, [] { status = curl_global_init(CURL_GLOBAL_DEFAULT); });
  if (status != CURLE_OK) {
    throw Error(ErrorCode::SourceUnreadable,
                std::string("cannot initialise libcurl: ") + curl_easy_strerror(status));
  }
}

std::string host_of(const std::string& url) {
  const CurlUrlPtr handle(curl_url());
  if (!handle || curl_url_set(handle.get(), CURLUPART_URL, url.c_str(), 0) != CURLUE_OK) return url;
  char* host = nullptr;
  if (curl_url_get(handle.get(), CURLUPART_HOST, &host, 0) != CURLUE_OK) return url;
  const CurlStringPtr owned(host);
  return host;
}

std::string describe_ms(long ms) {
  if (ms % 1000 == 0) return std::to_string(ms / 1000) + " s";
  if (ms < 1000) return std::to_string(ms) + " ms";
  const std::string tenths = std::to_string(ms / 100);
  return tenths.substr(0, tenths.size() - 1) + "." + tenths.back() + " s";
}

std::string http_status_text(long status) {
  const char* reason = nullptr;
  switch (status) {
    case 400:
      reason = "Bad Request";
      break;
    case 401:
      reason = "Unauthorized";
      break;
    case 403:
      reason = "Forbidden";
      break;
    case 404:
      reason = "Not Found";
      break;
    case 405:
      reason = "Method Not Allowed";
      break;
    case 406:
      reason = "Not Acceptable";
      break;
    case 408:
      reason = "Request Timeout";
      break;
    case 410:
      reason = "Gone";
      break;
    case 429:
      reason = "Too Many Requests";
      break;
    case 451:
      reason = "Unavailable For Legal Reasons";
      break;
    case 500:
      reason = "Internal Server Error";
      break;
    case 502:
      reason = "Bad Gateway";
      break;
    case 503:
      reason = "Service Unavailable";
      break;
    case 504:
      reason = "Gateway Timeout";
      break;
    default:
      break;
  }
  std::string text = "HTTP " + std::to_string(status);
  if (reason != nullptr) text += std::string(" ") + reason;
  return text;
}

/// Sets an option, turning a refusal (an option or protocol this libcurl lacks) into an Error.
template <typename Value>
void set_option(CURL* curl, CURLoption option, Value value, const std::string& url) {
  const CURLcode code = curl_easy_setopt(curl, option, value);
  if (code != CURLE_OK) {
    throw Error(ErrorCode::SourceUnreadable,
                "cannot fetch '" + url + "': " + curl_easy_strerror(code));
  }
}

/// One line saying why the transfer failed.
std::string failure_reason(CURL* curl, CURLcode code, const Body& body, const char* curl_message,
                           const std::string& url, const LoadOptions& options) {
  std::string detail = curl_message[0] != '\0' ? curl_message : curl_easy_strerror(code);
  // The message is one line for the user; libcurl's may end in a newline.
  for (char& c : detail) {
    if (c == '\n' || c == '\r') c = ' ';
  }
  while (!detail.empty() && detail.back() == ' ') detail.pop_back();
  char* last_url = nullptr;
  curl_easy_getinfo(curl, CURLINFO_EFFECTIVE_URL, &last_url);
  const std::string where = last_url != nullptr ? last_url : url;
  switch (code) {
    case CURLE_COULDNT_RESOLVE_HOST:
      return "unknown host '" + host_of(where) + "'";
    case CURLE_COULDNT_CONNECT: {
      long os_errno = 0;
      curl_easy_getinfo(curl, CURLINFO_OS_ERRNO, &os_errno);
      std::string text = "cannot connect to '" + host_of(where) + "'";
      if (os_errno != 0) text += ": " + std::generic_category().message(static_cast<int>(os_errno));
      return text;
    }
    case CURLE_OPERATION_TIMEDOUT: {
      curl_off_t connected_us = 0;
      curl_easy_getinfo(curl, CURLINFO_CONNECT_TIME_T, &connected_us);
      if (connected_us == 0) {
        return "no connection to '" + host_of(where) + "' within " +
               describe_ms(std::min(options.connect_timeout_ms, options.timeout_ms));
      }
      return "timed out after " + describe_ms(options.timeout_ms);
    }
    case CURLE_TOO_MANY_REDIRECTS:
      if (options.max_redirects == 0) return "redirected, and redirects are not followed";
      return "too many redirects (more than " + std::to_string(options.max_redirects) + ")";
    case CURLE_WRITE_ERROR:
    case CURLE_FILESIZE_EXCEEDED:
      if (body.out_of_memory) return "out of memory";
      if (body.too_large || code == CURLE_FILESIZE_EXCEEDED)
        return "too large (over " + describe_size(options.max_bytes) + ")";
      return detail;
    case CURLE_HTTP_RETURNED_ERROR: {
      long status = 0;
      curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &status);
      return http_status_text(status);
    }
    case CURLE_UNSUPPORTED_PROTOCOL: {
      // libcurl reports neither the refused target nor a redirect; the header callback saw it.
      if (!body.location.empty()) {
        return "redirected to '" + body.location + "', which is not an http(s) URL";
      }
      return "not an http(s) URL (" + detail + ")";
    }
    default:
      return detail;
  }
}

}  // namespace

Fetched fetch_url(const std::string& url, const LoadOptions& options) {
  init_curl_once();
  const CurlPtr curl(curl_easy_init());
  if (!curl) throw Error(ErrorCode::SourceUnreadable, "cannot fetch '" + url + "': libcurl failed");
  CURL* handle = curl.get();
  Body body;
  body.max_bytes = options.max_bytes;
  char curl_message[CURL_ERROR_SIZE] = {};

  set_option(handle, CURLOPT_URL, url.c_str(), url);
  // Only http(s), on the first request and on every redirect: a page must not be able to send
  // the reader to file:// or to another protocol libcurl happens to speak.
  set_option(handle, CURLOPT_PROTOCOLS_STR, "http,https", url);
  set_option(handle, CURLOPT_REDIR_PROTOCOLS_STR, "http,https", url);
  set_option(handle, CURLOPT_FOLLOWLOCATION, 1L, url);
  set_option(handle, CURLOPT_MAXREDIRS, options.max_redirects, url);
  set_option(handle, CURLOPT_TIMEOUT_MS, options.timeout_ms, url);
  set_option(handle, CURLOPT_CONNECTTIMEOUT_MS,
             std::min(options.connect_timeout_ms, options.timeout_ms), url);
  // Signals for DNS timeouts are not thread-safe; the library must not install handlers.
  set_option(handle, CURLOPT_NOSIGNAL, 1L, url);
  // >= 400 ends the transfer before the error page's body is downloaded.
  set_option(handle, CURLOPT_FAILONERROR, 1L, url);
  // The announced size is refused up front; the write callback catches the rest.
  set_option(handle, CURLOPT_MAXFILESIZE_LARGE, static_cast<curl_off_t>(options.max_bytes), url);
  set_option(handle, CURLOPT_ACCEPT_ENCODING, "", url);  // every encoding this libcurl decodes
  set_option(handle, CURLOPT_USERAGENT, "narrate/" NARRATE_VERSION, url);
  set_option(handle, CURLOPT_ERRORBUFFER, curl_message, url);
  set_option(handle, CURLOPT_WRITEFUNCTION, &write_body, url);
  set_option(handle, CURLOPT_WRITEDATA, static_cast<void*>(&body), url);
  set_option(handle, CURLOPT_HEADERFUNCTION, &read_header, url);
  set_option(handle, CURLOPT_HEADERDATA, static_cast<void*>(&body), url);

  const CURLcode code = curl_easy_perform(handle);
  if (code != CURLE_OK) {
    throw Error(ErrorCode::SourceUnreadable,
                "cannot fetch '" + url +
                    "': " + failure_reason(handle, code, body, curl_message, url, options));
  }

  Fetched fetched;
  fetched.body = std::move(body.bytes);
  char* content_type = nullptr;
  if (curl_easy_getinfo(handle, CURLINFO_CONTENT_TYPE, &content_type) == CURLE_OK &&
      content_type != nullptr) {
    fetched.content_type = content_type;
  }
  char* final_url = nullptr;
  if (curl_easy_getinfo(handle, CURLINFO_EFFECTIVE_URL, &final_url) == CURLE_OK &&
      final_url != nullptr) {
    fetched.final_url = final_url;
  } else {
    fetched.final_url = url;
  }
  return fetched;
}

}  // namespace narrate::input::detail
