#include "core/location.h"

namespace driftcheck {

OriginPtr MakeOrigin(std::string path) {
  return std::make_shared<const Origin>(Origin{std::move(path)});
}

const std::string& Location::file() const {
  static const std::string kEmpty;
  return origin ? origin->path : kEmpty;
}

std::string Location::ToString() const {
  std::string out = file();
  if (line > 0) {
    out += ':' + std::to_string(line);
    if (column > 0) out += ':' + std::to_string(column);
  }
  return out;
}

}  // namespace driftcheck
