#include "schema/uri.h"

#include <cctype>

namespace driftcheck {
namespace {

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

bool IsSchemeChar(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) || c == '+' || c == '-' || c == '.';
}

std::string_view DefaultPort(std::string_view scheme) {
  if (scheme == "http" || scheme == "ws") return "80";
  if (scheme == "https" || scheme == "wss") return "443";
  if (scheme == "ftp") return "21";
  return "";
}

}  // namespace

std::optional<std::string> CanonicalUri(std::string_view text) {
  const std::size_t colon = text.find(':');
  if (colon == 0 || colon == std::string_view::npos || !std::isalpha(static_cast<unsigned char>(text[0]))) {
    return std::nullopt;
  }
  for (std::size_t i = 0; i < colon; ++i) {
    if (!IsSchemeChar(text[i])) return std::nullopt;
  }
  const std::string scheme = Lower(text.substr(0, colon));
  std::string_view rest = text.substr(colon + 1);
  if (!rest.starts_with("//")) return scheme + ":" + std::string(rest);  // mailto:, urn:
  rest.remove_prefix(2);
  const std::size_t end = rest.find_first_of("/?#");
  std::string_view authority = rest.substr(0, end);
  std::string_view tail = end == std::string_view::npos ? "" : rest.substr(end);
  std::string userinfo;
  if (const std::size_t at = authority.rfind('@'); at != std::string_view::npos) {
    userinfo = std::string(authority.substr(0, at + 1));  // case-sensitive: kept as written
    authority.remove_prefix(at + 1);
  }
  std::string_view host = authority, port;
  const std::size_t bracket = authority.rfind(']');
  const std::size_t port_colon = authority.rfind(':');
  if (port_colon != std::string_view::npos && (bracket == std::string_view::npos || port_colon > bracket)) {
    host = authority.substr(0, port_colon);
    port = authority.substr(port_colon + 1);
    for (char c : port) {
      if (!std::isdigit(static_cast<unsigned char>(c))) return std::nullopt;
    }
  }
  if (host.empty() && scheme != "file") return std::nullopt;
  std::string out = scheme + "://" + userinfo + Lower(host);
  if (!port.empty() && port != DefaultPort(scheme)) out += ":" + std::string(port);
  if (tail.empty() && (scheme == "http" || scheme == "https")) tail = "/";
  return out + std::string(tail);
}

}  // namespace driftcheck
