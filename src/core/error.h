#pragma once
// The one error type for bad input. Thrown where input is read, caught once in
// main(), printed as one line (plus an optional hint) and turned into exit 2.
//
// Messages must never contain a configuration value: a value may be a secret.

#include <stdexcept>
#include <string>

#include "core/location.h"

namespace driftcheck {

class InputError : public std::runtime_error {
 public:
  /// An error with no position (bad argument, unknown revision, ...).
  explicit InputError(std::string message, std::string hint = {});
  /// An error at a position in a file.
  InputError(const Location& where, std::string message, std::string hint = {});
  /// An error in a file at a known line and column (1-based, 0 = unknown).
  InputError(std::string file, int line, int column, std::string message,
             std::string hint = {});

  const std::string& file() const { return file_; }
  int line() const { return line_; }
  int column() const { return column_; }
  const std::string& message() const { return message_; }
  const std::string& hint() const { return hint_; }

  /// "file:line:col: message" — what main() prints after "error: ".
  std::string Headline() const;

 private:
  std::string file_;
  int line_ = 0;
  int column_ = 0;
  std::string message_;
  std::string hint_;
};

}  // namespace driftcheck
