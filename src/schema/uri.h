#pragma once
// `format: uri`: the canonical form two spellings of one URI share.

#include <optional>
#include <string>
#include <string_view>

namespace driftcheck {

/// Lower-cases the scheme and host, drops the scheme's default port (http 80,
/// https 443, ws 80, wss 443, ftp 21) and gives an empty http(s) path as "/".
/// nullopt when `text` is not an absolute URI (`scheme:...`).
std::optional<std::string> CanonicalUri(std::string_view text);

}  // namespace driftcheck
