#include "core/error.h"

namespace driftcheck {
namespace {

std::string Compose(const std::string& file, int line, int column, const std::string& message) {
  std::string out;
  if (!file.empty()) {
    out = file;
    if (line > 0) {
      out += ':' + std::to_string(line);
      if (column > 0) out += ':' + std::to_string(column);
    }
    out += ": ";
  }
  return out + message;
}

}  // namespace

InputError::InputError(std::string message, std::string hint)
    : InputError(std::string(), 0, 0, std::move(message), std::move(hint)) {}

InputError::InputError(const Location& where, std::string message, std::string hint)
    : InputError(where.file(), where.line, where.column, std::move(message), std::move(hint)) {}

InputError::InputError(std::string file, int line, int column, std::string message,
                       std::string hint)
    : std::runtime_error(Compose(file, line, column, message)),
      file_(std::move(file)),
      line_(line),
      column_(column),
      message_(std::move(message)),
      hint_(std::move(hint)) {}

std::string InputError::Headline() const { return what(); }

}  // namespace driftcheck
