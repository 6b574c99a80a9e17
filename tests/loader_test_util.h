#pragma once
// Helpers the loader tests share: load text with one loader, expect exactly
// one document, capture the InputError a bad input raises, print positions.

#include <gtest/gtest.h>

#include <string>
#include <string_view>

#include "config/loader.h"
#include "core/error.h"

namespace driftcheck::testing {

inline Documents LoadWith(LoaderFn load, std::string_view file, std::string_view text,
                          const LoadLimits& limits = {}) {
  return load(text, MakeOrigin(std::string(file)), limits);
}

inline Value LoadOneWith(LoaderFn load, std::string_view file, std::string_view text) {
  Documents documents = LoadWith(load, file, text);
  EXPECT_EQ(documents.size(), 1u) << text;
  return documents.empty() ? Value() : std::move(documents.front());
}

inline InputError ErrorWith(LoaderFn load, std::string_view file, std::string_view text,
                            const LoadLimits& limits = {}) {
  try {
    LoadWith(load, file, text, limits);
  } catch (const InputError& error) {
    return error;
  }
  ADD_FAILURE() << "expected an InputError for:\n" << text;
  return InputError("no error");
}

/// "line:column" of a location or an error.
inline std::string At(const Location& where) {
  return std::to_string(where.line) + ":" + std::to_string(where.column);
}
inline std::string At(const InputError& error) {
  return std::to_string(error.line()) + ":" + std::to_string(error.column());
}

}  // namespace driftcheck::testing
