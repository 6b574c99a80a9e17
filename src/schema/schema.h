#pragma once
// A JSON Schema (draft-07 subset) compiled from YAML or JSON. Every keyword
// keeps the file:line:col it was written at; an unknown keyword, a remote
// `$ref` or a `$ref` cycle that consumes no data is an InputError when the
// schema loads, never a surprise later.

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "config/value.h"
#include "core/location.h"
#include "schema/settings.h"

namespace re2 {
class RE2;
}

namespace driftcheck {

/// Reads a schema file by repository-relative path; nullopt when absent.
/// Schemas come from a git tree, so files are read through this, never the disk.
using SchemaReader = std::function<std::optional<std::string>(const std::string& path)>;

/// The `format`s that normalize; other draft-07 formats are annotations.
enum class Format { kNone, kDuration, kBytes, kQuantity, kUri, kAnnotation };

/// One schema object, its subschemas referenced by index into Schema::nodes.
struct SchemaNode {
  enum Type : std::uint8_t {
    kNull = 1, kBoolean = 2, kInteger = 4, kNumber = 8, kString = 16, kArray = 32, kObject = 64
  };
  static constexpr int kNone = -1;

  Location location;
  bool always_false = false;         ///< the boolean schema `false`
  std::uint8_t types = 0;            ///< Type bits; 0 = any
  std::optional<std::vector<Value>> enum_values;
  std::optional<Value> const_value;
  std::optional<Value> default_value;
  std::vector<std::string> required;
  std::map<std::string, int> properties;
  std::vector<std::pair<std::shared_ptr<const re2::RE2>, int>> pattern_properties;
  bool additional_allowed = true;    ///< additionalProperties: false clears it
  int additional = kNone;            ///< additionalProperties as a schema
  int items = kNone;
  bool unique_items = false;
  std::optional<double> minimum, maximum, exclusive_minimum, exclusive_maximum;
  std::optional<std::int64_t> min_length, max_length;
  std::shared_ptr<const re2::RE2> pattern;
  std::string pattern_text;
  Format format = Format::kNone;
  std::string format_name;
  int ref = kNone;                   ///< $ref target (applies beside siblings)
  std::vector<int> all_of, any_of, one_of;
  DriftSettings drift;               ///< x-drift-* and writeOnly, for the subtree
  std::optional<ListRule> list;      ///< uniqueItems / x-drift-list / x-drift-key
};

class Schema {
 public:
  /// Loads the schema file `path` (repository-relative) and every file its
  /// `$ref`s name. Throws InputError naming the schema file, line and column.
  static Schema Load(const std::string& path, const SchemaReader& read);
  /// Compiles an already loaded document that was read from `path`.
  static Schema FromDocument(const Value& document, const std::string& path,
                             const SchemaReader& read);

  const SchemaNode& node(int index) const { return nodes_[static_cast<std::size_t>(index)]; }
  /// How many nodes there are (indices 0 .. size()-1).
  std::size_t size() const { return nodes_.size(); }
  int root() const { return 0; }
  const std::string& file() const { return file_; }

 private:
  friend class SchemaCompiler;
  std::string file_;
  std::vector<SchemaNode> nodes_;
};

/// The keywords a schema may use (for messages and documentation).
const std::vector<std::string>& SchemaKeywords();

}  // namespace driftcheck
