#include "core/piece_list.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <numeric>
#include <string>
#include <vector>

namespace driftcheck {
namespace {

// 0..9 in pieces of 3, 1, 0 (dropped), 4 and 2.
PieceList<int> Pieces() {
  PieceList<int> list;
  list.Append({0, 1, 2});
  list.Append({3});
  list.Append({});
  list.Append({4, 5, 6, 7});
  list.Append({8, 9});
  return list;
}

std::vector<int> Items(const PieceList<int>& list) { return {list.begin(), list.end()}; }

TEST(PieceList, ReadsAsOneSequenceInTheOrderPiecesCame) {
  const PieceList<int> list = Pieces();
  ASSERT_EQ(list.size(), 10u);
  EXPECT_EQ(Items(list), (std::vector<int>{0, 1, 2, 3, 4, 5, 6, 7, 8, 9}));
  for (std::size_t i = 0; i < list.size(); ++i) EXPECT_EQ(list[i], static_cast<int>(i));
  EXPECT_EQ(list.front(), 0);
  EXPECT_EQ(list.back(), 9);
  EXPECT_TRUE(PieceList<int>().empty());
  EXPECT_EQ(PieceList<int>().begin(), PieceList<int>().end());
}

TEST(PieceList, AppendTakesAPieceWithoutMovingItsItems) {
  std::vector<std::string> piece = {"a long string that is not in the small buffer", "b"};
  const std::string* first = piece.data();
  PieceList<std::string> list;
  list.Append(std::move(piece));
  EXPECT_EQ(&list[0], first);
}

TEST(PieceList, IteratorsAreRandomAccessAcrossPieces) {
  PieceList<int> list = Pieces();
  auto it = list.begin() + 7;
  EXPECT_EQ(*it, 7);
  EXPECT_EQ(*(it - 4), 3);
  EXPECT_EQ(it[-5], 2);
  EXPECT_EQ(list.end() - it, 3);
  EXPECT_EQ(*--it, 6);
  EXPECT_EQ(*--it, 5);
  EXPECT_EQ(*--it, 4);
  EXPECT_EQ(*--it, 3);  // back over a piece's start
  EXPECT_EQ(*std::prev(list.end()), 9);
  EXPECT_LT(list.begin(), list.end());
  EXPECT_EQ(std::count_if(list.begin(), list.end(), [](int i) { return i % 2 == 0; }), 5);
  const auto found = std::find(list.begin(), list.end(), 8);
  EXPECT_EQ(found - list.begin(), 8);
  // A stable sort through indices, as Report::Finalize sorts findings.
  std::vector<std::size_t> order(list.size());
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return list[a] % 3 < list[b] % 3; });
  std::vector<int> sorted;
  for (std::size_t i : order) sorted.push_back(list[i]);
  EXPECT_EQ(sorted, (std::vector<int>{0, 3, 6, 9, 1, 4, 7, 2, 5, 8}));
  for (int& i : list) i *= 10;  // written through the iterators
  EXPECT_EQ(list[9], 90);
}

TEST(PieceList, PushBackPopBackAndEraseIfKeepTheOrder) {
  PieceList<int> list = Pieces();
  list.push_back(10);
  list.pop_back();
  list.pop_back();
  EXPECT_EQ(Items(list), (std::vector<int>{0, 1, 2, 3, 4, 5, 6, 7, 8}));
  list.push_back(42);
  EXPECT_EQ(list.back(), 42);
  EXPECT_EQ(erase_if(list, [](int i) { return i == 3 || i > 4; }), 6u);  // empties a piece
  EXPECT_EQ(Items(list), (std::vector<int>{0, 1, 2, 4}));
  EXPECT_EQ(list[3], 4);
  PieceList<int> empty;
  empty.push_back(1);
  EXPECT_EQ(Items(empty), std::vector<int>{1});
  empty.pop_back();
  EXPECT_TRUE(empty.empty());
}

TEST(PieceList, TakeAllMovesTheItemsOutInOrder) {
  PieceList<int> list = Pieces();
  EXPECT_EQ(list.TakeAll(), (std::vector<int>{0, 1, 2, 3, 4, 5, 6, 7, 8, 9}));
  EXPECT_TRUE(list.empty());
  std::vector<std::string> one = {"a long string that is not in the small buffer"};
  const std::string* first = one.data();
  PieceList<std::string> whole(std::move(one));
  EXPECT_EQ(whole.TakeAll().data(), first);  // a single piece is given back whole
}

}  // namespace
}  // namespace driftcheck
