#pragma once
// Value: one node of a loaded configuration tree, with the Location it was
// written at. Loaders produce it; nothing past a loader sees yaml-cpp or
// libgit2 types.

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/location.h"

namespace driftcheck {

class Value {
 public:
  enum class Kind : std::uint8_t { kNull, kBool, kInt, kFloat, kString, kList, kMap };

  Value() = default;
  Value(const Value& other);
  Value(Value&&) noexcept = default;
  Value& operator=(const Value& other);
  Value& operator=(Value&&) noexcept = default;
  ~Value();

  static Value Null(Location where);
  static Value Bool(bool value, Location where);
  /// `text` is the scalar as written (kept for display: `0x1F`, `1e3`).
  static Value Int(std::int64_t value, std::string text, Location where);
  /// An integer of any size from decimal digits with an optional sign
  /// (`-0012` is -12); held as int64 when it fits. Preconditions: `decimal`
  /// is [-+]?[0-9]+, and `text` is empty or that integer as written in
  /// decimal, 0x or 0o (a wider integer's digits are read back from it).
  static Value Integer(std::string_view decimal, std::string text, Location where);
  static Value Float(double value, std::string text, Location where);
  /// `quoted` records whether the source quoted it ("8080" vs 8080).
  static Value String(std::string value, bool quoted, Location where);
  static Value List(Location where);
  static Value Map(Location where);

  /// Resolves a plain (unquoted) scalar by the YAML 1.2 core schema:
  /// null, bool, int (decimal, 0o, 0x; exact at any size, but hex and octal
  /// only up to 1024 bits), float (incl. .inf/.nan), else string.
  static Value FromPlainScalar(std::string text, Location where);

  Kind kind() const { return kind_; }
  bool is_null() const { return kind_ == Kind::kNull; }
  bool is_scalar() const { return kind_ != Kind::kList && kind_ != Kind::kMap; }
  bool is_list() const { return kind_ == Kind::kList; }
  bool is_map() const { return kind_ == Kind::kMap; }
  bool is_number() const { return kind_ == Kind::kInt || kind_ == Kind::kFloat; }

  const Location& location() const { return location_; }
  void set_location(Location where) { location_ = std::move(where); }

  bool as_bool() const { return bool_; }
  /// Whether an integer fits in 64 bits; one that does not has only
  /// DecimalText() and an approximate as_double().
  bool fits_int64() const { return big_ == Big::kNo; }
  /// The integer, when fits_int64(); otherwise INT64_MAX or INT64_MIN.
  std::int64_t as_int() const;
  /// The integer's exact value at any size, as canonical decimal: "-12".
  std::string DecimalText() const;
  /// Integers widen to double (the nearest one, beyond 2^53).
  double as_double() const;
  /// The string's content, or the scalar's text as written for numbers.
  const std::string& text() const { return text_; }
  bool quoted() const { return quoted_; }

  /// A scalar as the user wrote it, when normalization rewrote it (`1m` kept
  /// as `60000000000`, `staging` kept as `{env}`); else the value itself.
  /// Reports show this form; SameValue treats equal written forms as equal.
  const Value& written() const;
  bool rewritten() const;
  /// Replaces this scalar by `normalized`, remembering the first written form.
  void Rewrite(Value normalized);

  // Lists.
  const std::vector<Value>& items() const;
  std::vector<Value>& items();
  void Append(Value item);

  // Maps: insertion order is kept for output; lookup is by a hash index
  // (a linear scan for small maps), so building a map of n keys is O(n).
  std::size_t size() const;
  const std::string& key(std::size_t i) const;
  const Location& key_location(std::size_t i) const;
  const Value& value(std::size_t i) const;
  Value& value(std::size_t i);
  /// The entry's index, or nullopt.
  std::optional<std::size_t> IndexOf(std::string_view key) const;
  const Value* Find(std::string_view key) const;
  Value* Find(std::string_view key);
  /// Adds an entry; if the key exists, returns its index and changes nothing.
  std::optional<std::size_t> Insert(std::string key, Location key_location, Value value);
  /// Insert for a key the caller knows is not in the map yet: no lookup.
  void InsertNew(std::string key, Location key_location, Value value);
  /// Sets an entry, replacing the value (keeps position) or appending it.
  void Set(std::string key, Location key_location, Value value);
  /// Removes an entry if present.
  void Erase(std::string_view key);
  /// Marks entry i's key as one no report may print (a YAML alias used as a
  /// key copies another node's text, which may be a secret).
  void HideKey(std::size_t i);
  bool key_hidden(std::size_t i) const;

  /// The YAML anchors (`&name`, by where they are written) this node is, is
  /// a copy of (`*name`), or was merged in from (`<<: *name`, a later layer's
  /// map): one value at several places. A value one copy holds under a secret
  /// key is a secret at every copy (DocumentPolicy, engine/findings.cc).
  void AddAnchors(const std::vector<Location>& anchors);
  const std::vector<Location>& anchors() const;

  /// Human name of a kind: "null", "boolean", "integer", "number", "string", "list", "map".
  static std::string_view KindName(Kind kind);

 private:
  // A scalar is 64 bytes: what only maps, lists and rewritten scalars need
  // lives behind one pointer, and the file in a Location is an interned id.
  struct Extra;
  enum class Big : std::uint8_t { kNo, kPositive, kNegative };

  Location location_;  // 12 bytes, so the flags below fill its last word
  Kind kind_ = Kind::kNull;
  bool quoted_ = false;
  bool bool_ = false;
  // An integer beyond int64: its exact digits are only in text_, and float_
  // holds its nearest double.
  Big big_ = Big::kNo;
  std::string text_;
  union {
    std::int64_t int_ = 0;
    double float_;
  };
  std::unique_ptr<Extra> extra_;  // null for a scalar as written

  Extra& extra();

  void AddToIndex(std::size_t position);
  void RebuildIndex();
};

/// Structural equality of two values, ignoring locations and key order.
/// Numbers compare by exact numeric value: 1 == 1.0 and 1000 == 1e3, but
/// integers are never rounded, so 2^53 + 1 != 9007199254740992.0 and
/// integers beyond 64 bits compare digit by digit.
/// Scalars whose written forms are the same are equal, whatever
/// normalization made of them.
bool SameValue(const Value& a, const Value& b);

/// What only maps, lists and rewritten scalars carry.
struct Value::Extra {
  std::vector<Value> children;            // list items or map values
  std::vector<std::string> keys;          // map keys, parallel to children
  std::vector<Location> key_locations;    // parallel to keys
  std::vector<bool> hidden_keys;          // parallel to keys once a key is hidden, else empty
  std::vector<std::uint32_t> index;       // open addressing: position + 1, 0 = empty slot
  std::shared_ptr<const Value> written;   // set by Rewrite; shared, so copies stay cheap
  std::shared_ptr<const std::vector<Location>> anchors;  // set by AddAnchors; shared like `written`
};

inline const std::vector<Value>& NoValues() {
  static const std::vector<Value> kNone;
  return kNone;
}
inline const Value& Value::written() const { return extra_ && extra_->written ? *extra_->written : *this; }
inline bool Value::rewritten() const { return extra_ && extra_->written; }
inline const std::vector<Value>& Value::items() const { return extra_ ? extra_->children : NoValues(); }
inline std::vector<Value>& Value::items() { return extra().children; }
inline std::size_t Value::size() const { return extra_ ? extra_->children.size() : 0; }
inline const std::string& Value::key(std::size_t i) const { return extra_->keys[i]; }
inline const Location& Value::key_location(std::size_t i) const { return extra_->key_locations[i]; }
inline const Value& Value::value(std::size_t i) const { return extra_->children[i]; }
inline Value& Value::value(std::size_t i) { return extra_->children[i]; }
inline const std::vector<Location>& Value::anchors() const {
  static const std::vector<Location> kNone;
  return extra_ && extra_->anchors ? *extra_->anchors : kNone;
}
inline bool Value::key_hidden(std::size_t i) const {
  return extra_ && i < extra_->hidden_keys.size() && extra_->hidden_keys[i];
}

static_assert(sizeof(Value) <= 64, "a scalar node is at most 64 bytes: keep rare members in Extra");

}  // namespace driftcheck
