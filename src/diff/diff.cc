#include "diff/diff.h"

namespace driftcheck {
namespace {

// Integers and floats are one family: 1 and 1.0 are the same number, and a
// change between them is a value change, not a type change.
int TypeFamily(const Value& v) {
  switch (v.kind()) {
    case Value::Kind::kNull: return 0;
    case Value::Kind::kBool: return 1;
    case Value::Kind::kInt:
    case Value::Kind::kFloat: return 2;
    case Value::Kind::kString: return 3;
    case Value::Kind::kList: return 4;
    case Value::Kind::kMap: return 5;
  }
  return -1;
}

class Differ {
 public:
  std::vector<Difference> out;

  void Compare(const Value& left, const Value& right, const Path& path) {
    if (TypeFamily(left) != TypeFamily(right)) {
      out.push_back({FindingKind::kTypeChanged, path, &left, &right});
    } else if (left.is_map()) {
      CompareMaps(left, right, path);
    } else if (left.is_list()) {
      CompareLists(left, right, path);
    } else if (!SameValue(left, right)) {
      out.push_back({FindingKind::kChanged, path, &left, &right});
    }
  }

 private:
  void CompareMaps(const Value& left, const Value& right, const Path& path) {
    for (std::size_t i = 0; i < left.size(); ++i) {
      const Path child = path.Key(left.key(i));
      if (const Value* other = right.Find(left.key(i))) {
        Compare(left.value(i), *other, child);
      } else {
        out.push_back({FindingKind::kOnlyIn, child, &left.value(i), nullptr, &left.key_location(i)});
      }
    }
    for (std::size_t i = 0; i < right.size(); ++i) {
      if (!left.Find(right.key(i))) {
        out.push_back({FindingKind::kOnlyIn, path.Key(right.key(i)), nullptr, &right.value(i),
                       &right.key_location(i)});
      }
    }
  }

  void CompareLists(const Value& left, const Value& right, const Path& path) {
    const auto& a = left.items();
    const auto& b = right.items();
    const std::size_t common = std::min(a.size(), b.size());
    for (std::size_t i = 0; i < common; ++i) Compare(a[i], b[i], path.Index(i));
    for (std::size_t i = common; i < a.size(); ++i) {
      out.push_back({FindingKind::kOnlyIn, path.Index(i), &a[i], nullptr});
    }
    for (std::size_t i = common; i < b.size(); ++i) {
      out.push_back({FindingKind::kOnlyIn, path.Index(i), nullptr, &b[i]});
    }
  }
};

}  // namespace

std::vector<Difference> DiffValues(const Value& left, const Value& right) {
  Differ differ;
  differ.Compare(left, right, Path());
  return std::move(differ.out);
}

}  // namespace driftcheck
