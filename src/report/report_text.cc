#include "report/report_text.h"

#include <algorithm>
#include <string_view>

#include "core/strings.h"
#include "finding/escape.h"

namespace driftcheck {
namespace {

constexpr std::size_t kMaxDiffLines = 12;   // a diff longer than this is cut with a count
constexpr std::size_t kDiffCells = 40000;   // past this many line pairs, no LCS: all old, all new
constexpr std::size_t kWindowBefore = 40;   // bytes of context before the first difference
constexpr std::size_t kWindowSize = 120;

bool IsMultiLineString(const ShownValue& v) {
  return v.shown() && v.value().kind() == Value::Kind::kString &&
         v.value().text().find('\n') != std::string::npos;
}

std::vector<std::string_view> LinesOf(std::string_view text) {
  std::vector<std::string_view> lines = Split(text, '\n');
  if (lines.size() > 1 && lines.back().empty()) lines.pop_back();  // the final newline ends a line
  return lines;
}

// The changed lines of the middle part (after common prefix and suffix), as a
// longest-common-subsequence diff while that stays cheap.
std::vector<std::string> MiddleDiff(const std::vector<std::string_view>& a,
                                    const std::vector<std::string_view>& b) {
  std::vector<std::string> out;
  const std::size_t n = a.size(), m = b.size();
  if (n * m > kDiffCells) {
    for (auto line : a) out.push_back("- " + EscapeLine(line));
    for (auto line : b) out.push_back("+ " + EscapeLine(line));
    return out;
  }
  // lcs[i][j]: the common subsequence length of a[i..] and b[j..].
  std::vector<std::vector<std::size_t>> lcs(n + 1, std::vector<std::size_t>(m + 1, 0));
  for (std::size_t i = n; i-- > 0;) {
    for (std::size_t j = m; j-- > 0;) {
      lcs[i][j] = a[i] == b[j] ? lcs[i + 1][j + 1] + 1 : std::max(lcs[i + 1][j], lcs[i][j + 1]);
    }
  }
  std::size_t i = 0, j = 0;
  while (i < n || j < m) {
    if (i < n && j < m && a[i] == b[j]) {
      ++i, ++j;
    } else if (j == m || (i < n && lcs[i + 1][j] >= lcs[i][j + 1])) {
      out.push_back("- " + EscapeLine(a[i++]));
    } else {
      out.push_back("+ " + EscapeLine(b[j++]));
    }
  }
  return out;
}

std::vector<std::string> LineDiff(std::string_view left, std::string_view right) {
  std::vector<std::string_view> a = LinesOf(left), b = LinesOf(right);
  std::size_t prefix = 0;
  while (prefix < a.size() && prefix < b.size() && a[prefix] == b[prefix]) ++prefix;
  std::size_t suffix = 0;
  while (suffix < a.size() - prefix && suffix < b.size() - prefix &&
         a[a.size() - 1 - suffix] == b[b.size() - 1 - suffix]) {
    ++suffix;
  }
  std::vector<std::string> diff =
      MiddleDiff({a.begin() + prefix, a.end() - suffix}, {b.begin() + prefix, b.end() - suffix});
  if (diff.size() > kMaxDiffLines) {
    const std::size_t more = diff.size() - kMaxDiffLines;
    diff.resize(kMaxDiffLines);
    diff.push_back("… " + std::to_string(more) + " more changed line" + (more == 1 ? "" : "s"));
  }
  return diff;
}

std::string LineCount(std::string_view text) {
  const std::size_t n = LinesOf(text).size();
  return "(" + std::to_string(n) + " line" + (n == 1 ? "" : "s") + ")";
}

std::size_t CharStart(std::string_view s, std::size_t i) {
  while (i > 0 && i < s.size() && (static_cast<unsigned char>(s[i]) & 0xC0) == 0x80) --i;
  return i;
}

// The part of `full` from `start`, with "…" where text was left out.
std::string Window(std::string_view full, std::size_t start) {
  std::size_t end = std::min(full.size(), start + kWindowSize);
  end = CharStart(full, end);
  std::string out = start > 0 ? "…" : "";
  out.append(full.substr(start, end - start));
  if (end < full.size()) out += "…";
  return out;
}

// Two values whose shown (cut) texts are equal: show both around the first
// byte where their whole texts differ.
void ShowAroundDifference(const Value& a, const Value& b, ShownPair& pair) {
  const std::string left = FlowText(a, std::string::npos), right = FlowText(b, std::string::npos);
  if (left == right) return;
  const auto first = std::mismatch(left.begin(), left.end(), right.begin(), right.end());
  const auto differ_at = static_cast<std::size_t>(first.first - left.begin());
  const std::size_t start = differ_at > kWindowBefore ? CharStart(left, differ_at - kWindowBefore) : 0;
  pair.left = Window(left, start);
  pair.right = Window(right, start);
}

bool IsCombiningMark(char32_t code) {
  return (code >= 0x0300 && code <= 0x036F) || (code >= 0x1AB0 && code <= 0x1AFF) ||
         (code >= 0x1DC0 && code <= 0x1DFF) || (code >= 0x20D0 && code <= 0x20FF) ||
         (code >= 0xFE20 && code <= 0xFE2F);
}

// The characters of `text` a reader sees as letters: combining marks dropped
// (they sit on the letter before), a byte that is not UTF-8 kept as itself.
std::vector<char32_t> BaseCharacters(std::string_view text) {
  std::vector<char32_t> out;
  for (std::size_t i = 0; i < text.size();) {
    char32_t code = 0;
    const std::size_t length = DecodeUtf8(text, i, code);
    if (length == 0) code = static_cast<unsigned char>(text[i]);
    if (!IsCombiningMark(code)) out.push_back(code);
    i += length == 0 ? 1 : length;
  }
  return out;
}

// Whether two different strings may print alike: they differ only where one
// holds a character outside ASCII and the other an ASCII one (`é` for `e`, a
// Cyrillic `А` for `A`), or only by combining marks (`é` composed or as e +
// U+0301).
bool LookAlike(std::string_view a, std::string_view b) {
  if (a == b) return false;
  const std::vector<char32_t> x = BaseCharacters(a), y = BaseCharacters(b);
  if (x.size() != y.size()) return false;
  for (std::size_t i = 0; i < x.size(); ++i) {
    if (x[i] != y[i] && (x[i] < 0x80) == (y[i] < 0x80)) return false;
  }
  return true;
}

// A value as FlowText shows it, quoted, with every character outside ASCII
// as its code point (`"caf\u00e9"`).
std::string WithCodePoints(std::string_view shown) {
  const bool quoted = shown.size() >= 2 && shown.front() == '"' && shown.back() == '"';
  if (quoted) shown = shown.substr(1, shown.size() - 2);
  std::string out = "\"";
  for (std::size_t i = 0; i < shown.size();) {
    char32_t code = 0;
    const std::size_t length = DecodeUtf8(shown, i, code);
    if (length > 1) {
      out += UnicodeEscape(code);
      i += length;
      continue;
    }
    if (!quoted && (shown[i] == '"' || shown[i] == '\\')) out += '\\';
    out += shown[i++];
  }
  return out + "\"";
}

struct Category {
  std::string_view singular;
  std::string_view plural;
  std::vector<FindingKind> kinds;
};

// The summary's categories, in the order the kind table first names each.
const std::vector<Category>& Categories() {
  static const std::vector<Category> kCategories = [] {
    std::vector<Category> categories;
    for (const FindingKindInfo& kind : FindingKinds()) {
      auto it = std::find_if(categories.begin(), categories.end(),
                             [&](const Category& c) { return c.singular == kind.category; });
      if (it == categories.end()) it = categories.insert(categories.end(), {kind.category, kind.category_plural, {}});
      it->kinds.push_back(kind.kind);
    }
    return categories;
  }();
  return kCategories;
}

std::string CategoryText(const Report& report, const Category& category) {
  std::size_t total = 0, allowed = 0, existing = 0;
  for (const Finding& f : report.findings) {
    // A note (a baseline entry that no longer occurs) is counted apart.
    if (f.severity == Severity::kNote ||
        std::find(category.kinds.begin(), category.kinds.end(), f.kind) == category.kinds.end()) {
      continue;
    }
    ++total;
    allowed += f.allowed ? 1 : 0;
    existing += f.existing ? 1 : 0;
  }
  if (total == 0) return "";
  std::string text =
      std::to_string(total) + " " + std::string(total == 1 ? category.singular : category.plural);
  std::string detail;
  if (allowed > 0) detail = std::to_string(allowed) + " allowed";
  if (existing > 0) detail += (detail.empty() ? "" : ", ") + std::to_string(existing) + " existing";
  return detail.empty() ? text : text + " (" + detail + ")";
}

}  // namespace

std::string SideValueText(const Finding& f, const FindingSide& side) {
  if (side.value.redacted() && f.secret_equal == false) return "<redacted, differs>";
  return FlowText(side.value);
}

ShownPair ShowValues(const Finding& f) {
  ShownPair pair{SideValueText(f, f.left), f.two_sided() ? SideValueText(f, f.right) : "", {}};
  if (!f.two_sided() || !f.left.value.shown() || !f.right.value.shown()) return pair;
  const Value& a = f.left.value.value();
  const Value& b = f.right.value.value();
  if (IsMultiLineString(f.left.value) || IsMultiLineString(f.right.value)) {
    if (a.kind() == Value::Kind::kString && b.kind() == Value::Kind::kString &&
        LinesOf(a.text()) != LinesOf(b.text())) {
      pair = {LineCount(a.text()), LineCount(b.text()), LineDiff(a.text(), b.text())};
      return pair;
    }
  }
  if (pair.left == pair.right && f.secret_equal == false &&
      (f.left.value.partly_redacted() || f.right.value.partly_redacted())) {
    // Equal once redacted: only the hidden part (a URL's password) differs.
    pair.left += " (redacted part differs)";
    pair.right += " (redacted part differs)";
    return pair;
  }
  if (pair.left == pair.right) ShowAroundDifference(a, b, pair);
  const auto cut = [](const std::string& text) { return text.starts_with("…") || text.ends_with("…"); };
  if (a.kind() == Value::Kind::kString && b.kind() == Value::Kind::kString && !cut(pair.left) && !cut(pair.right) &&
      LookAlike(a.text(), b.text())) {
    for (std::string* text : {&pair.left, &pair.right}) {
      if (!std::all_of(text->begin(), text->end(), [](char c) { return static_cast<unsigned char>(c) < 0x80; })) {
        *text = WithCodePoints(*text);
      }
    }
  }
  return pair;
}

std::string PlaceholderText(const Finding& f) {
  std::string text;
  for (const auto& [name, value] : f.placeholders) {
    text += (text.empty() ? "" : " ") + name + "=" + value;
  }
  return text;
}

std::string SidesText(const Finding& f) {
  return f.two_sided() ? f.left.label + " ↔ " + f.right.label : f.left.label.str();
}

std::string PairText(const Finding& f) {
  const auto& [left, right] = f.pair_labels;
  if (left.empty()) return SidesText(f);
  if (right.empty() || right == left) return left.str();
  return left.str() + " ↔ " + right.str();
}

PairsByIdentity IndexPairs(const Report& report) {
  PairsByIdentity index;
  for (const FilePairRecord& pair : report.pairs) {
    if (pair.left_label != pair.right_label) index.emplace(IdentityOf(pair), &pair);
  }
  return index;
}

std::pair<std::string, std::string> GroupFiles(const Finding& f, const PairsByIdentity& pairs) {
  if (auto it = pairs.find(IdentityOf(f)); it != pairs.end()) return {it->second->left_file, it->second->right_file};
  return {f.left.file, f.two_sided() ? f.right.file.str() : f.left.file.str()};
}

std::string SubjectText(const Finding& f) {
  std::string text = f.document.empty() ? "" : "document=" + EscapeForDisplay(f.document) + " ";
  if (!f.path.empty()) return text + EscapeForDisplay(f.path);
  return text + (f.document.empty() ? "(file)" : "(document)");
}

std::string ProblemText(const Finding& f) {
  if (!f.message.empty()) return EscapeForDisplay(f.message);
  const ShownPair shown = ShowValues(f);
  std::string text = EscapeForDisplay(f.left.label) + " " + shown.left;
  if (f.two_sided()) text += ", " + EscapeForDisplay(f.right.label) + " " + shown.right;
  return text;
}

const FindingSide& PrimarySide(const Finding& f) {
  if (f.two_sided() && !f.right.location.file().empty()) return f.right;
  return f.left;
}

namespace {

// A finding about one side's file (an invalid file, a schema violation
// without a shown value, a rule) is its message and location: "(present)"
// would be noise.
bool ShowsValues(const Finding& f) {
  return f.two_sided() || f.left.value.shown() || f.left.value.redacted();
}

std::string SideLine(const FindingSide& side, const std::string& value, bool with_value) {
  std::string line = EscapeForDisplay(side.label) + ":";
  if (with_value) line += " " + value;
  if (!side.location.file().empty()) {
    line += (with_value ? " at " : " ") + EscapeForDisplay(side.location.ToString());
  }
  if (!side.revision.empty()) line += " (revision " + EscapeForDisplay(side.revision) + ")";
  return line;
}

std::string AllowanceLine(const Allowance& a) {
  std::string line = "allowed by " + EscapeForDisplay(a.rule);
  if (!a.owner.empty()) line += " (owner " + EscapeForDisplay(a.owner) + ")";
  line += ": " + EscapeForDisplay(a.reason);
  if (!a.expires.empty()) line += "; expires " + EscapeForDisplay(a.expires);
  if (!a.ticket.empty()) line += "; ticket " + EscapeForDisplay(a.ticket);
  return line;
}

}  // namespace

std::vector<std::string> DetailLines(const Finding& f) {
  const ShownPair shown = ShowValues(f);
  std::vector<std::string> lines;
  lines.push_back(SideLine(f.left, shown.left, ShowsValues(f)));
  if (f.two_sided()) lines.push_back(SideLine(f.right, shown.right, ShowsValues(f)));
  lines.insert(lines.end(), shown.line_diff.begin(), shown.line_diff.end());
  if (!f.hint.empty()) lines.push_back("hint: " + EscapeForDisplay(f.hint));
  if (f.allowed) lines.push_back(AllowanceLine(*f.allowed));
  if (f.existing) lines.push_back("existing: already in the baseline, so it does not fail the run");
  if (!f.id.empty()) lines.push_back("id: " + f.id);
  return lines;
}

std::string CountsText(const Report& report) {
  std::string text;
  for (const Category& category : Categories()) {
    const std::string part = CategoryText(report, category);
    if (!part.empty()) text += (text.empty() ? "" : " · ") + part;
  }
  const auto gone = std::count_if(report.findings.begin(), report.findings.end(),
                                  [](const Finding& f) { return f.severity == Severity::kNote; });
  if (gone > 0) text += (text.empty() ? "" : " · ") + std::to_string(gone) + " gone from the baseline";
  return text;
}

std::string WrapWords(const std::string& text, const std::string& first, const std::string& rest) {
  auto columns = [](std::string_view s) {
    return static_cast<std::size_t>(
        std::count_if(s.begin(), s.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
  };
  std::string out = first, line = first;
  bool empty = true;
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t end = text.find(' ', start);
    if (end == std::string::npos) end = text.size();
    const std::string word = text.substr(start, end - start);
    start = end + 1;
    if (word.empty()) continue;
    if (!empty && columns(line) + 1 + columns(word) > 80) {
      out += "\n" + rest;
      line = rest;
      empty = true;
    }
    const std::string piece = (empty ? "" : " ") + word;
    out += piece;
    line += piece;
    empty = false;
  }
  return out;
}

}  // namespace driftcheck
