#pragma once
// SharedPlaceholders: a finding's placeholder values ({service} = "api"),
// shared by every finding of its file pair. Each finding held its own vector
// of string pairs, an allocation of its own per finding, though all of a
// pair's findings name the same values; now the pair makes the list once and
// each finding holds a reference to it (issue 25's memory). The list never
// changes once made: assigning makes a new one.

#include <compare>
#include <cstddef>
#include <initializer_list>
#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace driftcheck {

class SharedPlaceholders {
 public:
  using List = std::vector<std::pair<std::string, std::string>>;
  using const_iterator = List::const_iterator;

  SharedPlaceholders() = default;
  SharedPlaceholders(List list)  // NOLINT: a list is what it holds
      : list_(list.empty() ? nullptr : std::make_shared<const List>(std::move(list))) {}
  SharedPlaceholders(std::initializer_list<List::value_type> list) : SharedPlaceholders(List(list)) {}

  /// Replaces the list with [first, last) (a map's entries, a vector's).
  template <typename It>
  void assign(It first, It last) {
    *this = SharedPlaceholders(List(first, last));
  }

  const List& list() const { return list_ ? *list_ : Empty(); }
  operator const List&() const { return list(); }  // NOLINT: reads as the list it holds
  const_iterator begin() const { return list().begin(); }
  const_iterator end() const { return list().end(); }
  std::size_t size() const { return list().size(); }
  bool empty() const { return list_ == nullptr; }
  const List::value_type& operator[](std::size_t i) const { return list()[i]; }

  friend bool operator==(const SharedPlaceholders& a, const SharedPlaceholders& b) {
    return a.list_ == b.list_ || a.list() == b.list();
  }
  friend auto operator<=>(const SharedPlaceholders& a, const SharedPlaceholders& b) { return a.list() <=> b.list(); }
  friend bool operator==(const SharedPlaceholders& a, const List& b) { return a.list() == b; }

 private:
  static const List& Empty() {
    static const List kEmpty;
    return kEmpty;
  }
  std::shared_ptr<const List> list_;
};

}  // namespace driftcheck
