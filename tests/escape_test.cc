#include "finding/escape.h"

#include <gtest/gtest.h>

namespace driftcheck {
namespace {

TEST(Escape, ShowsControlInvisibleAndInvalidBytes) {
  EXPECT_EQ(EscapeForDisplay("a\x1b[1m"), "a\\x1b[1m");
  EXPECT_EQ(EscapeForDisplay("a\u00a0b\u200bc\u202e"), "a\\u00a0b\\u200bc\\u202e");
  EXPECT_EQ(EscapeForDisplay("\xc2\x85"), "\\u0085");  // NEL, a C1 control
  EXPECT_EQ(EscapeForDisplay("bad\xff\xc3("), "bad\\xff\\xc3(");
  EXPECT_EQ(EscapeForDisplay("\xed\xa0\x80"), "\\xed\\xa0\\x80");  // a UTF-16 surrogate
  EXPECT_EQ(EscapeForDisplay("\xc0\xaf"), "\\xc0\\xaf");           // overlong '/'
  EXPECT_EQ(EscapeForDisplay("\U000E0041"), "\\U000e0041");         // a tag character
}

TEST(Escape, KeepsOrdinaryTextIncludingNonAscii) {
  EXPECT_EQ(EscapeForDisplay("café ↔ 東京 🚀"), "café ↔ 東京 🚀");
}

TEST(Escape, MakesTrailingWhitespaceVisibleInALine) {
  EXPECT_EQ(EscapeLine("timeout: 5 \t"), "timeout: 5\\x20\\x09");
  EXPECT_EQ(EscapeLine("a b"), "a b");
}

}  // namespace
}  // namespace driftcheck
