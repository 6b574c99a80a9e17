#pragma once
// PieceList: a list kept in the pieces it was made in. A report's findings
// are one (FindingList, finding/finding.h).
//
// Each file pair's findings are made in a list of their own (on whichever
// thread evaluated the pair). Gathering them into one std::vector moved every
// finding into a new buffer while the pairs' lists still held their memory, so
// a run briefly held each finding twice: at 2,000 services that second copy
// was the run's largest growth (issue 25). A PieceList takes each pair's
// list whole: collecting moves a piece, never an item.
//
// It reads as one sequence: index, iterate (random access), push_back, and
// erase_if, in the order the pieces were appended. Indexing costs a binary
// search over the pieces; iterating does not.

#include <algorithm>
#include <compare>
#include <initializer_list>
#include <cstddef>
#include <iterator>
#include <type_traits>
#include <utility>
#include <vector>

namespace driftcheck {

template <typename T>
class PieceList {
  template <bool kConst>
  class Iterator {
   public:
    using iterator_category = std::random_access_iterator_tag;
    using iterator_concept = std::random_access_iterator_tag;
    using value_type = T;
    using difference_type = std::ptrdiff_t;
    using pointer = std::conditional_t<kConst, const T*, T*>;
    using reference = std::conditional_t<kConst, const T&, T&>;
    using List = std::conditional_t<kConst, const PieceList, PieceList>;

    Iterator() = default;
    Iterator(List* list, std::size_t at) : list_(list), at_(at), piece_(list->PieceOf(at)) {}
    operator Iterator<true>() const requires(!kConst) { return Iterator<true>(list_, at_); }  // NOLINT

    reference operator*() const { return list_->pieces_[piece_][at_ - list_->starts_[piece_]]; }
    pointer operator->() const { return &**this; }
    reference operator[](difference_type n) const { return *(*this + n); }

    Iterator& operator++() {
      if (++at_ == list_->starts_[piece_ + 1]) ++piece_;
      return *this;
    }
    Iterator operator++(int) {
      Iterator was = *this;
      ++*this;
      return was;
    }
    Iterator& operator--() {
      if (at_-- == list_->starts_[piece_]) --piece_;
      return *this;
    }
    Iterator operator--(int) {
      Iterator was = *this;
      --*this;
      return was;
    }
    Iterator& operator+=(difference_type n) {
      at_ = static_cast<std::size_t>(static_cast<difference_type>(at_) + n);
      piece_ = list_->PieceOf(at_);
      return *this;
    }
    Iterator& operator-=(difference_type n) { return *this += -n; }
    friend Iterator operator+(Iterator it, difference_type n) { return it += n; }
    friend Iterator operator+(difference_type n, Iterator it) { return it += n; }
    friend Iterator operator-(Iterator it, difference_type n) { return it -= n; }
    friend difference_type operator-(const Iterator& a, const Iterator& b) {
      return static_cast<difference_type>(a.at_) - static_cast<difference_type>(b.at_);
    }
    friend bool operator==(const Iterator& a, const Iterator& b) { return a.at_ == b.at_; }
    friend auto operator<=>(const Iterator& a, const Iterator& b) { return a.at_ <=> b.at_; }

   private:
    List* list_ = nullptr;
    std::size_t at_ = 0;     // the position in the whole list
    std::size_t piece_ = 0;  // the piece holding it (pieces_.size() at the end)
  };

 public:
  using value_type = T;
  using size_type = std::size_t;
  using difference_type = std::ptrdiff_t;
  using reference = T&;
  using const_reference = const T&;
  using iterator = Iterator<false>;
  using const_iterator = Iterator<true>;

  PieceList() = default;
  /// One piece: the vector's items, not copied.
  PieceList(std::vector<T> items) { Append(std::move(items)); }  // NOLINT: a vector is a list
  PieceList(std::initializer_list<T> items) : PieceList(std::vector<T>(items)) {}

  /// Takes `piece` whole, after the items already here (an empty one is dropped).
  void Append(std::vector<T> piece) {
    if (piece.empty()) return;
    size_ += piece.size();
    pieces_.push_back(std::move(piece));
    starts_.push_back(size_);
  }
  void push_back(T item) {
    if (pieces_.empty()) {
      pieces_.emplace_back();
      starts_.push_back(size_);
    }
    pieces_.back().push_back(std::move(item));
    starts_.back() = ++size_;
  }

  /// The items as one vector, moved out (a single piece is taken whole);
  /// leaves the list empty.
  std::vector<T> TakeAll() {
    std::vector<T> all;
    if (pieces_.size() == 1) {
      all = std::move(pieces_.front());
    } else {
      all.reserve(size_);
      for (std::vector<T>& piece : pieces_) {
        std::move(piece.begin(), piece.end(), std::back_inserter(all));
        std::vector<T>().swap(piece);  // frees it now (`= {}` keeps the capacity)
      }
    }
    clear();
    return all;
  }

  void pop_back() {
    pieces_.back().pop_back();
    if (pieces_.back().empty()) {
      pieces_.pop_back();
      starts_.pop_back();
    } else {
      --starts_.back();
    }
    --size_;
  }

  std::size_t size() const { return size_; }
  bool empty() const { return size_ == 0; }
  void clear() { *this = PieceList(); }

  T& operator[](std::size_t at) { return *iterator(this, at); }
  const T& operator[](std::size_t at) const { return *const_iterator(this, at); }
  T& front() { return (*this)[0]; }
  const T& front() const { return (*this)[0]; }
  T& back() { return pieces_.back().back(); }
  const T& back() const { return pieces_.back().back(); }

  iterator begin() { return iterator(this, 0); }
  iterator end() { return iterator(this, size_); }
  const_iterator begin() const { return const_iterator(this, 0); }
  const_iterator end() const { return const_iterator(this, size_); }

  /// Removes the items `pred` holds for, keeping the others' order; returns
  /// how many went.
  template <typename Pred>
  friend std::size_t erase_if(PieceList& list, Pred pred) {
    std::size_t removed = 0;
    for (std::vector<T>& piece : list.pieces_) removed += std::erase_if(piece, pred);
    if (removed == 0) return 0;
    std::erase_if(list.pieces_, [](const std::vector<T>& piece) { return piece.empty(); });
    list.starts_ = {0};
    for (const std::vector<T>& piece : list.pieces_) list.starts_.push_back(list.starts_.back() + piece.size());
    list.size_ = list.starts_.back();
    return removed;
  }

 private:
  // The piece holding position `at`; pieces_.size() for the end.
  std::size_t PieceOf(std::size_t at) const {
    const auto after = std::upper_bound(starts_.begin(), starts_.end(), at);
    return static_cast<std::size_t>(after - starts_.begin()) - 1;
  }

  std::vector<std::vector<T>> pieces_;
  // starts_[k]: the position of pieces_[k]'s first item; one more entry, the
  // size, closes the last piece. Never empty.
  std::vector<std::size_t> starts_ = {0};
  std::size_t size_ = 0;
};

}  // namespace driftcheck
