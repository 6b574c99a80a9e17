#pragma once
// Where a piece of configuration was written: file, line and column. The
// revision is not part of it: one parsed blob serves every revision that holds
// the same bytes, and a finding's side says which revision it read.

#include <cstddef>
#include <cstdint>
#include <string>

namespace driftcheck {

/// One file; shared by every node loaded from it.
struct Origin {
  std::string path;  ///< repository-relative path, '/'-separated
};

/// A file path interned for the whole process: four bytes in every Location
/// instead of a shared pointer's sixteen, so a scalar Value fits in 64 bytes.
/// Interned paths are never freed; a run holds as many as its repository has
/// config files. Safe to make and read from any thread.
class OriginPtr {
 public:
  OriginPtr() = default;
  OriginPtr(std::nullptr_t) {}  // NOLINT: reads as "no file", like a null pointer
  const Origin* get() const;
  const Origin* operator->() const { return get(); }
  const Origin& operator*() const { return *get(); }
  explicit operator bool() const { return id_ != 0; }
  friend bool operator==(OriginPtr, OriginPtr) = default;

 private:
  friend OriginPtr MakeOrigin(std::string path);
  std::uint32_t id_ = 0;  // 0: no file
};

/// The interned Origin for a file: the same path gives the same OriginPtr.
OriginPtr MakeOrigin(std::string path);

/// A position inside an Origin; line and column are 1-based, 0 when unknown.
struct Location {
  OriginPtr origin;
  int line = 0;
  int column = 0;

  /// The file's path, or "" when the location is unknown.
  const std::string& file() const;
  /// "path:line:column" (or less when line/column are unknown).
  std::string ToString() const;
};

static_assert(sizeof(Location) == 12, "a Location is three 32-bit words");

}  // namespace driftcheck
