#pragma once
// SharedText: an immutable string that copies by reference. Every finding of
// a file pair names the same side label, environment, revision and file; a
// pair with 200,000 findings held 200,000 copies of each. A SharedText made
// once per pair is shared by all of them: a copy costs one pointer and a
// reference count, never an allocation.

#include <atomic>
#include <compare>
#include <mutex>
#include <cstddef>
#include <ostream>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>

namespace driftcheck {

class SharedText {
 public:
  /// The empty text (no allocation).
  SharedText() = default;
  /// A text holding a copy of `text` (none when it is empty).
  SharedText(std::string text);     // NOLINT: a string is a text
  SharedText(std::string_view text) : SharedText(std::string(text)) {}  // NOLINT
  SharedText(const char* text) : SharedText(std::string(text)) {}       // NOLINT
  SharedText(const SharedText& other) noexcept;
  SharedText(SharedText&& other) noexcept : block_(other.block_) { other.block_ = nullptr; }
  SharedText& operator=(SharedText other) noexcept {
    std::swap(block_, other.block_);
    return *this;
  }
  ~SharedText();

  /// The text; valid as long as any SharedText holds it.
  const std::string& str() const;
  operator const std::string&() const { return str(); }  // NOLINT: reads as the string it holds
  operator std::string_view() const { return str(); }    // NOLINT
  const char* c_str() const { return str().c_str(); }
  std::size_t size() const { return str().size(); }
  bool empty() const { return block_ == nullptr; }
  /// As std::string::find.
  std::size_t find(std::string_view part, std::size_t from = 0) const { return str().find(part, from); }

  friend bool operator==(const SharedText& a, const SharedText& b) {
    return a.block_ == b.block_ || a.str() == b.str();
  }
  friend std::strong_ordering operator<=>(const SharedText& a, const SharedText& b) {
    return a.str() <=> b.str();
  }
  friend bool operator==(const SharedText& a, std::string_view b) { return std::string_view(a.str()) == b; }
  friend std::strong_ordering operator<=>(const SharedText& a, std::string_view b) {
    return std::string_view(a.str()) <=> b;
  }
  friend bool operator==(const SharedText& a, const std::string& b) { return a.str() == b; }
  friend std::strong_ordering operator<=>(const SharedText& a, const std::string& b) { return a.str() <=> b; }
  friend bool operator==(const SharedText& a, const char* b) { return std::string_view(a.str()) == b; }
  friend std::ostream& operator<<(std::ostream& out, const SharedText& text) { return out << text.str(); }

  /// How many SharedTexts hold this text (0 for the empty text): for tests.
  std::size_t use_count() const { return block_ ? block_->refs.load() : 0; }

 private:
  struct Block {
    std::atomic<std::size_t> refs;
    std::string text;
  };
  Block* block_ = nullptr;
};

/// One SharedText per distinct text, for texts every file pair of a run
/// names (its source, side labels, environments, revisions): each is made
/// once per run and every pair's findings share it, not once per pair.
/// Safe to use from many threads.
class SharedTextPool {
 public:
  SharedText Get(std::string_view text) {
    if (text.empty()) return {};
    const std::lock_guard lock(mutex_);
    auto it = texts_.find(text);
    if (it == texts_.end()) {
      SharedText made{std::string(text)};
      const std::string_view key = made.str();  // stays put while the pool holds it
      it = texts_.emplace(key, std::move(made)).first;
    }
    return it->second;
  }

 private:
  std::mutex mutex_;
  std::unordered_map<std::string_view, SharedText> texts_;
};

/// A finding's pair of labels against a pair of strings (the sides a caller
/// asks about), as std::pair compares pairs of one type.
inline bool operator==(const std::pair<SharedText, SharedText>& a, const std::pair<std::string, std::string>& b) {
  return a.first == b.first && a.second == b.second;
}

/// Concatenation, as with std::string.
inline std::string operator+(const SharedText& a, std::string_view b) { return std::string(a.str()).append(b); }
inline std::string operator+(std::string_view a, const SharedText& b) { return std::string(a).append(b.str()); }
inline std::string operator+(const std::string& a, const SharedText& b) { return a + b.str(); }
inline std::string operator+(const SharedText& a, const std::string& b) { return a.str() + b; }
inline std::string operator+(const char* a, const SharedText& b) { return a + b.str(); }
inline std::string operator+(const SharedText& a, const char* b) { return a.str() + b; }

}  // namespace driftcheck
