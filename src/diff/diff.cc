#include "diff/diff.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <limits>
#include <map>
#include <string>

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

// The text of a keyed list item's name field, or nullopt when it has none.
std::optional<std::string> ItemName(const Value& item, const std::string& field) {
  if (!item.is_map()) return std::nullopt;
  const Value* name = item.Find(field);
  if (!name || !name->is_scalar() || name->is_null()) return std::nullopt;
  return name->text().empty() && name->kind() == Value::Kind::kBool
             ? std::optional<std::string>(name->as_bool() ? "true" : "false")
             : std::optional<std::string>(name->text());
}

void AppendSetKey(const Value& v, bool written, std::string& out);

// A number's key: equal numbers (1 and 1.0) share it. Integers beyond 64
// bits and floats beyond 2^63 may miss a match here; the pairwise pass finds it.
void AppendNumberKey(const Value& v, std::string& out) {
  if (v.kind() == Value::Kind::kInt) {
    out += 'n';
    out += v.fits_int64() ? std::to_string(v.as_int()) : v.DecimalText();
    return;
  }
  const double d = v.as_double();
  if (std::isfinite(d) && std::trunc(d) == d && std::fabs(d) < 0x1p63) {
    out += 'n';
    out += std::to_string(static_cast<std::int64_t>(d));
    return;
  }
  out += 'f';
  if (std::isnan(d)) {
    out += "nan";
    return;
  }
  char buffer[64];
  auto [end, ec] = std::to_chars(buffer, buffer + sizeof buffer, d);
  out.append(buffer, ec == std::errc() ? end : buffer);
  // Beyond a double's range a float compares by its text (see SameValue).
  if (!std::isfinite(d) || std::fabs(d) < std::numeric_limits<double>::min()) out += ':' + v.text();
}

// A key equal for items SameValue calls equal (in the normalized or, with
// `written`, the written form of every scalar); length-prefixed, so unambiguous.
void AppendSetKey(const Value& v, bool written, std::string& out) {
  const Value& s = written && v.is_scalar() ? v.written() : v;
  switch (s.kind()) {
    case Value::Kind::kNull: out += '~'; return;
    case Value::Kind::kBool: out += s.as_bool() ? 'T' : 'F'; return;
    case Value::Kind::kInt:
    case Value::Kind::kFloat: AppendNumberKey(s, out); out += ';'; return;
    case Value::Kind::kString:
      out += 's' + std::to_string(s.text().size()) + ':' + s.text();
      return;
    case Value::Kind::kList:
      out += 'l' + std::to_string(s.items().size()) + '[';
      for (const Value& item : s.items()) AppendSetKey(item, written, out);
      out += ']';
      return;
    case Value::Kind::kMap: {
      std::vector<std::string> entries;
      for (std::size_t i = 0; i < s.size(); ++i) {
        std::string entry = std::to_string(s.key(i).size()) + ':' + s.key(i);
        AppendSetKey(s.value(i), written, entry);
        entries.push_back(std::move(entry));
      }
      std::sort(entries.begin(), entries.end());
      out += 'm' + std::to_string(entries.size()) + '{';
      for (const auto& e : entries) out += std::to_string(e.size()) + ':' + e;
      out += '}';
      return;
    }
  }
}

std::string SetKey(const Value& v, bool written) {
  std::string out;
  AppendSetKey(v, written, out);
  return out;
}

class Differ {
 public:
  explicit Differ(const DiffPolicy& policy) : policy_(policy) {}
  std::vector<Difference> out;

  void Compare(const Value& left, const Value& right, const Path& path, bool in_secret) {
    if (policy_.Skip(path)) return;
    if (!in_secret && policy_.Secret(path)) {
      if (SameValue(left, right)) {
        out.push_back({DiffKind::kSameSecret, path, &left, &right});
        return;
      }
      in_secret = true;  // differences below are reported, and only the top one can be "same"
    }
    if (policy_.MustDiffer(path)) {
      // Differing is what is asked for here; only sameness is a finding.
      if (SameValue(left, right)) out.push_back({DiffKind::kMustDiffer, path, &left, &right});
      return;
    }
    if (TypeFamily(left) != TypeFamily(right)) {
      out.push_back({DiffKind::kTypeChanged, path, &left, &right});
    } else if (left.is_map()) {
      CompareMaps(left, right, path, in_secret);
    } else if (left.is_list()) {
      CompareLists(left, right, path, in_secret);
    } else if (!SameValue(left, right)) {
      out.push_back({DiffKind::kChanged, path, &left, &right});
    }
    if (!in_secret && left.is_scalar() && right.is_scalar() && policy_.SharesCredential(path, left, right)) {
      out.push_back({DiffKind::kSameSecret, path, &left, &right});
    }
  }

 private:
  void OnlyOne(DiffKind kind, const Path& path, const Value& value, const Location* key) {
    if (policy_.Skip(path)) return;
    Difference d{kind, path, nullptr, nullptr, key};
    (kind == DiffKind::kOnlyLeft ? d.left : d.right) = &value;
    out.push_back(d);
  }

  void CompareMaps(const Value& left, const Value& right, const Path& path, bool in_secret) {
    for (std::size_t i = 0; i < left.size(); ++i) {
      const Path child = path.Key(left.key(i), left.key_hidden(i));
      if (const Value* other = right.Find(left.key(i))) {
        Compare(left.value(i), *other, child, in_secret);
      } else {
        OnlyOne(DiffKind::kOnlyLeft, child, left.value(i), &left.key_location(i));
      }
    }
    for (std::size_t i = 0; i < right.size(); ++i) {
      if (!left.Find(right.key(i))) {
        OnlyOne(DiffKind::kOnlyRight, path.Key(right.key(i), right.key_hidden(i)), right.value(i),
                &right.key_location(i));
      }
    }
  }

  void CompareLists(const Value& left, const Value& right, const Path& path, bool in_secret) {
    const ListRule rule = policy_.ListAt(path);
    switch (rule.match) {
      case ListMatch::kAsSet: return CompareSets(left, right, path);
      case ListMatch::kByKey: return CompareKeyed(left, right, path, rule.key, in_secret);
      case ListMatch::kByIndex: break;
    }
    const auto& a = left.items();
    const auto& b = right.items();
    const std::size_t common = std::min(a.size(), b.size());
    for (std::size_t i = 0; i < common; ++i) Compare(a[i], b[i], path.Index(i), in_secret);
    for (std::size_t i = common; i < a.size(); ++i) OnlyOne(DiffKind::kOnlyLeft, path.Index(i), a[i], nullptr);
    for (std::size_t i = common; i < b.size(); ++i) OnlyOne(DiffKind::kOnlyRight, path.Index(i), b[i], nullptr);
  }

  // Items without a partner on the other side, in each side's order; equal
  // items pair one to one, so [a, a, b] and [a, b] differ by one `a`. Items
  // meet by a canonical key (O(n log n)), first of their normalized form,
  // then of their written form; only what neither key paired is compared
  // item by item, within a budget, so 100k shuffled items take milliseconds.
  void CompareSets(const Value& left, const Value& right, const Path& path) {
    const auto& a = left.items();
    const auto& b = right.items();
    std::vector<bool> taken_a(a.size(), false), taken_b(b.size(), false);
    for (const bool written : {false, true}) {
      std::map<std::string, std::vector<std::size_t>> by_key;  // indices of b, in reverse order
      for (std::size_t j = b.size(); j-- > 0;) {
        if (!taken_b[j]) by_key[SetKey(b[j], written)].push_back(j);
      }
      for (std::size_t i = 0; i < a.size(); ++i) {
        if (taken_a[i]) continue;
        auto it = by_key.find(SetKey(a[i], written));
        if (it == by_key.end()) continue;
        auto& candidates = it->second;
        while (!candidates.empty() && !SameValue(a[i], b[candidates.back()])) candidates.pop_back();
        if (candidates.empty()) continue;
        taken_a[i] = taken_b[candidates.back()] = true;
        candidates.pop_back();
      }
    }
    PairRemaining(a, b, taken_a, taken_b);
    for (std::size_t i = 0; i < a.size(); ++i) {
      if (!taken_a[i]) OnlyOne(DiffKind::kOnlyLeft, path.Index(i), a[i], nullptr);
    }
    for (std::size_t j = 0; j < b.size(); ++j) {
      if (!taken_b[j]) OnlyOne(DiffKind::kOnlyRight, path.Index(j), b[j], nullptr);
    }
  }

  // Items equal only in a mix of forms (one leaf by its written form, another
  // by its normalized one) have no common key: they meet pairwise here.
  static void PairRemaining(const std::vector<Value>& a, const std::vector<Value>& b, std::vector<bool>& taken_a,
                            std::vector<bool>& taken_b) {
    constexpr std::size_t kBudget = 1'000'000;  // comparisons
    const auto left = static_cast<std::size_t>(std::count(taken_a.begin(), taken_a.end(), false));
    const auto right = static_cast<std::size_t>(std::count(taken_b.begin(), taken_b.end(), false));
    if (left == 0 || right == 0 || left > kBudget / right) return;
    for (std::size_t i = 0; i < a.size(); ++i) {
      for (std::size_t j = 0; j < b.size() && !taken_a[i]; ++j) {
        if (!taken_b[j] && SameValue(a[i], b[j])) taken_a[i] = taken_b[j] = true;
      }
    }
  }

  // Items pair by the value of their `field`; an item without one pairs by
  // its position among the unnamed items.
  void CompareKeyed(const Value& left, const Value& right, const Path& path,
                    const std::string& field, bool in_secret) {
    const auto& a = left.items();
    const auto& b = right.items();
    std::map<std::string, std::vector<std::size_t>> right_named;
    std::vector<std::size_t> right_unnamed;
    for (std::size_t j = 0; j < b.size(); ++j) {
      if (auto name = ItemName(b[j], field)) {
        right_named[*name].push_back(j);
      } else {
        right_unnamed.push_back(j);
      }
    }
    std::vector<bool> taken(b.size(), false);
    std::size_t unnamed_seen = 0;
    for (std::size_t i = 0; i < a.size(); ++i) {
      const auto name = ItemName(a[i], field);
      const Path child = name ? path.Match(field, *name) : path.Index(i);
      std::optional<std::size_t> partner;
      if (name) {
        auto it = right_named.find(*name);
        if (it != right_named.end() && !it->second.empty()) {
          partner = it->second.front();
          it->second.erase(it->second.begin());
        }
      } else if (unnamed_seen < right_unnamed.size()) {
        partner = right_unnamed[unnamed_seen++];
      }
      if (!partner) {
        OnlyOne(DiffKind::kOnlyLeft, child, a[i], nullptr);
        continue;
      }
      taken[*partner] = true;
      Compare(a[i], b[*partner], child, in_secret);
    }
    for (std::size_t j = 0; j < b.size(); ++j) {
      if (taken[j]) continue;
      const auto name = ItemName(b[j], field);
      OnlyOne(DiffKind::kOnlyRight, name ? path.Match(field, *name) : path.Index(j), b[j], nullptr);
    }
  }

  const DiffPolicy& policy_;
};

}  // namespace

std::vector<Difference> DiffValues(const Value& left, const Value& right, const DiffPolicy& policy) {
  Differ differ(policy);
  differ.Compare(left, right, Path(), false);
  return std::move(differ.out);
}

}  // namespace driftcheck
